package dev.scaffold.provider.aws.logs;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;

/** The CloudWatch Logs client of a run, built on first use. */
final class LogsClient {

    private LogsClient() {
    }

    static CloudWatchLogsAsyncClient of(AwsClients aws) {
        return aws.client(CloudWatchLogsAsyncClient.class, CloudWatchLogsAsyncClient::builder);
    }
}
