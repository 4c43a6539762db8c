package dev.scaffold.blueprint;

/**
 * An internet-facing application load balancer.
 *
 * @param https      {@code null} for a plain-HTTP load balancer
 * @param rateLimit  {@code null} for no WAF rate-based rule
 */
public record LoadBalancer(
        String name,
        Algorithm algorithm,
        Https https,
        boolean redirectHttp,
        HealthCheck healthCheck,
        RateLimit rateLimit,
        int idleTimeoutSeconds) {

    /** How requests are spread over targets. */
    public enum Algorithm {
        ROUND_ROBIN,
        LEAST_OUTSTANDING_REQUESTS,
        STICKY
    }

    /**
     * The HTTPS listener: either an existing ACM {@code certificate} or a {@code domain} to request one for.
     *
     * @param certificate an ACM certificate ARN, or {@code null} when {@code domain} is given
     * @param domain      the domain to request a certificate for, or {@code null}
     */
    public record Https(String certificate, String tlsPolicy, String domain) {}

    /** How the target groups check their targets. */
    public record HealthCheck(String path, int intervalSeconds, int healthyThreshold, int unhealthyThreshold) {}

    /** A WAF rate-based rule: at most this many requests from one IP in five minutes. */
    public record RateLimit(int requestsPer5Minutes) {}
}
