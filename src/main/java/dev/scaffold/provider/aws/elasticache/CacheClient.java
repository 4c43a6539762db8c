package dev.scaffold.provider.aws.elasticache;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;

/** The ElastiCache client of a run, built on first use. */
final class CacheClient {

    private CacheClient() {
    }

    static ElastiCacheAsyncClient of(AwsClients aws) {
        return aws.client(ElastiCacheAsyncClient.class, ElastiCacheAsyncClient::builder);
    }
}
