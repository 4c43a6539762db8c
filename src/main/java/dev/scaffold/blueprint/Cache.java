package dev.scaffold.blueprint;

import java.util.List;

/**
 * An in-memory cache (ElastiCache replication group).
 *
 * @param replicas replicas besides the primary; with one or more, failover is automatic
 * @param snapshotRetentionDays how many days the daily snapshots are kept; 0 takes none
 */
public record Cache(
        String name,
        Engine engine,
        String nodeType,
        int replicas,
        int snapshotRetentionDays,
        List<TierName> allowFrom) {

    public Cache {
        allowFrom = List.copyOf(allowFrom);
    }

    public int port() {
        return 6379;
    }

    /** The cache engines scaffold supports. */
    public enum Engine {
        REDIS,
        VALKEY
    }
}
