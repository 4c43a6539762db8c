package dev.scaffold.provider.aws.sqs;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The SQS client of a run, built on first use. */
final class QueueClient {

    private QueueClient() {
    }

    static SqsAsyncClient of(AwsClients aws) {
        return aws.client(SqsAsyncClient.class, SqsAsyncClient::builder);
    }
}
