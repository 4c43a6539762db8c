package dev.scaffold.provider.aws.secretsmanager;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;

/** The Secrets Manager client of a run, built on first use. */
public final class SecretsClient {

    private SecretsClient() {
    }

    /** The client; the replication group's handler reads an auth token with it too. */
    public static SecretsManagerAsyncClient of(AwsClients aws) {
        return aws.client(SecretsManagerAsyncClient.class, SecretsManagerAsyncClient::builder);
    }
}
