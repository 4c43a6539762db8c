package dev.scaffold.provider.aws.iam;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.iam.IamAsyncClient;

/**
 * The IAM client of a run, built on first use. IAM is global: in the run's region the SDK sends its calls to
 * the one IAM endpoint of that region's partition.
 */
final class IamClient {

    private IamClient() {
    }

    static IamAsyncClient of(AwsClients aws) {
        return aws.client(IamAsyncClient.class, IamAsyncClient::builder);
    }
}
