package dev.scaffold.schema;

import java.time.Duration;

/** The WAFv2 types of the load-balancer tier: a web ACL that limits each client's request rate, and its association. */
public final class Wafv2Types {

    /**
     * A web ACL: {@code name} and {@code scope} ({@code REGIONAL}) are fixed at creation; {@code description},
     * {@code rateLimit} (requests per 5 minutes per client IP above which they are blocked) and
     * {@code managedRuleGroups} (a list of {@code {vendor, name, mode: count | none}}, evaluated in list order after
     * the rate limit) change in place. Refs name {@code arn} and {@code id}.
     */
    public static final ResourceType WEB_ACL = ResourceType.managed("AWS::WAFv2::WebACL")
            .forcesReplace("name", "scope")
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .build();

    /**
     * The association of a web ACL ({@code webAclArn}, in place: associating another replaces it) with the load
     * balancer it guards ({@code resourceArn}, which names it). It carries no tags: it is this state's when its load
     * balancer is, and a refresh finds it through that load balancer.
     */
    public static final ResourceType WEB_ACL_ASSOCIATION = ResourceType.managed("AWS::WAFv2::WebACLAssociation")
            .forcesReplace("resourceArn")
            .untagged()
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .references(Elbv2Types.LOAD_BALANCER.name(), WEB_ACL.name())
            .readsAfter(Elbv2Types.LOAD_BALANCER.name(), WEB_ACL.name())
            .build();

    private Wafv2Types() {
    }
}
