package dev.scaffold.provider.aws.rds;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.rds.RdsAsyncClient;

/** The RDS client of a run, built on first use. */
final class RdsClient {

    private RdsClient() {
    }

    static RdsAsyncClient of(AwsClients aws) {
        return aws.client(RdsAsyncClient.class, RdsAsyncClient::builder);
    }
}
