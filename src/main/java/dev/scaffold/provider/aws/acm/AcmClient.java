package dev.scaffold.provider.aws.acm;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.acm.AcmAsyncClient;

/** The ACM client of a run, built on first use. */
final class AcmClient {

    private AcmClient() {
    }

    static AcmAsyncClient of(AwsClients aws) {
        return aws.client(AcmAsyncClient.class, AcmAsyncClient::builder);
    }
}
