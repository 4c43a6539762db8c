package dev.scaffold.schema;

import java.time.Duration;

/** The ElastiCache types of the data tier's caches. */
public final class ElastiCacheTypes {

    /**
     * A cache subnet group: the subnets a cache's nodes are placed in. Its {@code name} is fixed at creation;
     * {@code description} and {@code subnetIds} change in place. Refs name {@code name} and {@code arn}.
     */
    public static final ResourceType SUBNET_GROUP = ResourceType.managed("AWS::ElastiCache::SubnetGroup")
            .forcesReplace("name")
            .unordered("subnetIds")
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .build();

    /**
     * A Redis or Valkey replication group of one node group: a primary and {@code replicas} replicas. Its id, engine,
     * encryption at rest and in transit, key, subnet group and port are fixed at creation; the rest changes in place,
     * a new auth token secret by rotating the token. AWS sets {@code primaryEndpoint}, {@code readerEndpoint} and
     * {@code status}. Refs name {@code replicationGroupId}, {@code arn}, {@code primaryEndpoint},
     * {@code readerEndpoint} and {@code port}.
     */
    public static final ResourceType REPLICATION_GROUP = ResourceType.managed("AWS::ElastiCache::ReplicationGroup")
            .forcesReplace("replicationGroupId", "engine", "atRestEncryption", "transitEncryption", "kmsKeyId",
                    "subnetGroupName", "port")
            .unordered("securityGroupIds")
            .computedAtCreation("primaryEndpoint", "readerEndpoint")
            .computed("status")
            .durations(Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofMinutes(10))
            .references(SUBNET_GROUP.name(), Ec2Types.SECURITY_GROUP.name(), KmsTypes.KEY.name(),
                    SecretsManagerTypes.GENERATED_SECRET.name())
            .build();

    private ElastiCacheTypes() {
    }
}
