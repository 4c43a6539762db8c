package dev.scaffold.blueprint;

import java.util.Map;

/**
 * Auto-scaling application servers.
 *
 * @param loadBalancer the load balancer in front, or {@code null} for none
 * @param userData     the path of a Freemarker user-data template (resolved against the file that names it), or
 *                     {@code null}
 * @param environment  environment variables of the application; values may reference other tiers
 * @param deploy       how a new version reaches the running servers
 * @param logRetentionDays how long its CloudWatch Logs group keeps events, one of the values CloudWatch allows
 */
public record Service(
        String name,
        TierName loadBalancer,
        int port,
        String image,
        String instanceType,
        Capacity capacity,
        ScaleOn scaleOn,
        String userData,
        Map<String, Expr> environment,
        Deploy deploy,
        int logRetentionDays) {

    public Service {
        environment = Ordered.copy(environment);
    }

    /**
     * Bounds of the Auto Scaling group.
     *
     * @param desired the size to start with, or {@code null} to let the group start at {@code min}
     */
    public record Capacity(int min, int max, Integer desired) {}

    /** Target-tracking scaling on exactly one metric; the other is {@code null}. */
    public record ScaleOn(Double cpuPercent, Integer requestsPerTarget) {}

    /**
     * How a new launch-template version (a new image, instance type or user data) reaches the servers.
     *
     * @param strategy {@code ROLLING}: an instance refresh replaces the servers a few at a time; {@code NONE}:
     *     only servers started later get it
     * @param minHealthyPercent during a rolling refresh, the share of the group kept in service, 0 to 100
     */
    public record Deploy(Strategy strategy, int minHealthyPercent) {

        /** The ways a new version reaches the servers. */
        public enum Strategy {
            ROLLING,
            NONE
        }
    }
}
