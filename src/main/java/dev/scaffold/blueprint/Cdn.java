package dev.scaffold.blueprint;

import java.util.List;

/**
 * A CloudFront distribution in front of a load balancer.
 *
 * @param staticAssets {@code null} when no S3 bucket serves static paths
 * @param certificate  an ACM certificate ARN in us-east-1 for the aliases, or {@code null}
 */
public record Cdn(
        String name,
        TierName origin,
        StaticAssets staticAssets,
        String priceClass,
        List<String> aliases,
        String certificate,
        boolean webAcl) {

    public Cdn {
        aliases = List.copyOf(aliases);
    }

    /** Path patterns served from an S3 bucket behind origin access control. */
    public record StaticAssets(List<String> paths) {
        public StaticAssets {
            paths = List.copyOf(paths);
        }
    }
}
