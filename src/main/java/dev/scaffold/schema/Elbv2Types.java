package dev.scaffold.schema;

import java.time.Duration;

/** The Elastic Load Balancing v2 types of the load-balancer tier. */
public final class Elbv2Types {

    /**
     * An application load balancer. Name and scheme are fixed at creation; subnets, security groups,
     * {@code dropInvalidHeaderFields}, {@code deletionProtection} and {@code idleTimeoutSeconds} change
     * in place. AWS sets {@code dnsName}, {@code canonicalHostedZoneId} and {@code vpcId}. Refs name {@code arn}.
     */
    public static final ResourceType LOAD_BALANCER = ResourceType.managed("AWS::ElasticLoadBalancingV2::LoadBalancer")
            .forcesReplace("name", "scheme")
            .unordered("subnets", "securityGroups")
            .computedAtCreation("dnsName", "canonicalHostedZoneId", "vpcId")
            .durations(Duration.ofMinutes(3), Duration.ofSeconds(10), Duration.ofSeconds(30))
            .references(Ec2Types.SECURITY_GROUP.name())
            .deletionProtection("deletionProtection")
            .build();

    /**
     * A target group. Name, protocol, port, VPC and target type are fixed at creation; the health
     * check, algorithm and stickiness change in place. A listener forwards to it and ELB refuses to
     * delete a group in use, so a replace creates the new group first and moves the listener over;
     * its name ends with the port, so a new port gives a new name beside the old. Refs name {@code arn}.
     */
    public static final ResourceType TARGET_GROUP = ResourceType.managed("AWS::ElasticLoadBalancingV2::TargetGroup")
            .forcesReplace("name", "protocol", "port", "vpcId", "targetType")
            .createsBeforeDeleting("name")
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .build();

    /**
     * A listener: port, protocol, for HTTPS a certificate and TLS policy, and one default action. Everything
     * but its load balancer changes in place. Refs name {@code arn}.
     */
    public static final ResourceType LISTENER = ResourceType.managed("AWS::ElasticLoadBalancingV2::Listener")
            .forcesReplace("loadBalancerArn")
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .references(LOAD_BALANCER.name(), TARGET_GROUP.name(), AcmTypes.CERTIFICATE.name())
            // Found through its load balancer when the tagging read does not return it.
            .readsAfter(LOAD_BALANCER.name())
            .build();

    private Elbv2Types() {
    }
}
