package dev.scaffold.blueprint;

import java.util.Map;

/**
 * Auto-scaling application servers.
 *
 * @param loadBalancer the load balancer in front, or {@code null} for none
 * @param userData     path of a Freemarker user-data template relative to the blueprint, or {@code null}
 * @param environment  environment variables of the application; values may reference other tiers
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
        Map<String, Expr> environment) {

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
}
