package dev.scaffold.provider.aws.kms;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.kms.KmsAsyncClient;

/** The Key Management Service client of a run, built on first use. */
final class KmsClient {

    private KmsClient() {
    }

    static KmsAsyncClient of(AwsClients aws) {
        return aws.client(KmsAsyncClient.class, KmsAsyncClient::builder);
    }
}
