package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.LoadBalancer;
import dev.scaffold.blueprint.Service;
import dev.scaffold.blueprint.TierName;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.AcmTypes;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.schema.Wafv2Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands one {@code loadBalancers.NAME} tier: its security group, an internet-facing ALB, the
 * target group of the service behind it, and its listeners (HTTPS forwarding and HTTP redirecting
 * with 301, or one HTTP listener forwarding when there is no {@code https}).
 *
 * <p>Secure defaults: invalid header fields dropped, deletion protection in production, only the
 * listener ports open, the TLS policy from the blueprint (TLS 1.2 and 1.3 by default). With
 * {@code https.domain}, an ACM certificate validated through DNS; with {@code rateLimit}, a WAF web ACL
 * blocking a client above the limit, associated with the ALB.
 */
public final class LoadBalancerComponent implements SectionComponent {

    public static final String TIER = "loadBalancers";
    /** What an HTTP listener answers when it sends clients to HTTPS: the same URL, permanently moved. */
    static final Map<String, Object> REDIRECT_TO_HTTPS = redirectToHttps();
    private static final int HTTP = 80;
    private static final int HTTPS = 443;
    private static final int DEFAULT_TARGET_PORT = 80;
    private static final String ANYWHERE = "0.0.0.0/0";
    /** ELB's default for HTTP target groups; below every interval the blueprint allows (5 s and up). */
    private static final int HEALTH_CHECK_TIMEOUT_SECONDS = 5;
    /** Redirects count as healthy, so an app that sends / to a login page stays in service. */
    private static final String HEALTHY_CODES = "200-399";
    /** AWS's common rule set (OWASP-style protections), counted rather than blocking, so it can be watched first. */
    private static final Map<String, Object> COMMON_RULES_COUNTED = commonRulesCounted();

    @Override
    public String section() {
        return TIER;
    }

    /** What each load balancer offers other tiers and {@code scaffold output}: the attributes {@code TierAttributes} declares. */
    @Override
    public Map<String, Ref> outputs(StackContext stack, Blueprint blueprint) {
        Map<String, Ref> outputs = new LinkedHashMap<>();
        blueprint.loadBalancers().values().forEach(lb -> outputs.putAll(outputs(lb)));
        return outputs;
    }

    /** Every load balancer's resources, each with the service behind it. */
    @Override
    public List<ResourceSpec> expand(StackContext stack, Blueprint blueprint, TierValues values) {
        List<ResourceSpec> specs = new ArrayList<>();
        for (LoadBalancer lb : blueprint.loadBalancers().values()) {
            specs.addAll(expand(stack, lb, serviceBehind(blueprint, lb)));
        }
        return specs;
    }

    /** The service that names the load balancer, or {@code null}: validation lets one service name it at most. */
    private static Service serviceBehind(Blueprint blueprint, LoadBalancer lb) {
        TierName tier = new TierName(TIER, lb.name());
        return blueprint.services().values().stream().filter(s -> tier.equals(s.loadBalancer())).findFirst()
                .orElse(null);
    }

    /**
     * The resources of one load balancer.
     *
     * @param service the service it sends traffic to, whose port is the targets' port; {@code null} for none
     */
    public List<ResourceSpec> expand(StackContext stack, LoadBalancer lb, Service service) {
        String name = lb.name();
        Addresses at = new Addresses(name);
        List<ResourceSpec> specs = new ArrayList<>();
        specs.add(securityGroup(stack, lb, at));
        specs.add(loadBalancer(stack, lb, at));
        specs.add(targetGroup(stack, lb, at, service == null ? DEFAULT_TARGET_PORT : service.port()));
        Map<String, Object> forward = forward(at.targetGroup);
        if (lb.https() != null) {
            Object certificate = lb.https().certificate();
            if (certificate == null) {
                specs.add(certificate(stack, at, lb.https().domain()));
                certificate = new Ref(at.certificate, "arn");
            }
            specs.add(listener(stack, at.httpsListener, at, HTTPS, "HTTPS", forward, certificate, lb.https().tlsPolicy()));
            specs.add(listener(stack, at.httpListener, at, HTTP, "HTTP",
                    lb.redirectHttp() ? REDIRECT_TO_HTTPS : forward, null, null));
        } else {
            specs.add(listener(stack, at.httpListener, at, HTTP, "HTTP", forward, null, null));
        }
        if (lb.rateLimit() != null) {
            specs.add(webAcl(stack, at, lb.rateLimit()));
            specs.add(webAclAssociation(stack, at));
        }
        return specs;
    }

    /** The address of a load balancer tier's own security group, which its targets admit. */
    static ResourceAddress securityGroupOf(String loadBalancer) {
        return new Addresses(loadBalancer).securityGroup;
    }

    /** The address of a load balancer tier's ALB. */
    static ResourceAddress albOf(String loadBalancer) {
        return new Addresses(loadBalancer).alb;
    }

    /** The address of a load balancer tier's target group, which its service's servers join. */
    static ResourceAddress targetGroupOf(String loadBalancer) {
        return new Addresses(loadBalancer).targetGroup;
    }

    /** An ACM certificate for the domain, validated through DNS: the HTTPS listener presents it once issued. */
    private static ResourceSpec certificate(StackContext stack, Addresses at, String domain) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("domainName", domain);
        attributes.put("subjectAlternativeNames", List.of());
        attributes.put("validationMethod", "DNS");
        return ResourceSpec.managed(at.certificate, AcmTypes.CERTIFICATE.name(), attributes, stack.tagsFor(at.certificate));
    }

    /**
     * A regional WAF web ACL that blocks a client IP above the rate limit and counts (does not block) what
     * AWS's common rule set would, so the rules can be watched before they are trusted.
     */
    private static ResourceSpec webAcl(StackContext stack, Addresses at, LoadBalancer.RateLimit limit) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.webAcl(stack, at.name));
        attributes.put("scope", "REGIONAL");
        attributes.put("description", "scaffold " + stack.stack() + " " + stack.environment() + ": load balancer " + at.name);
        attributes.put("rateLimit", limit.requestsPer5Minutes());
        attributes.put("managedRuleGroups", List.of(COMMON_RULES_COUNTED));
        return ResourceSpec.managed(at.webAcl, Wafv2Types.WEB_ACL.name(), attributes, stack.tagsFor(at.webAcl));
    }

    private static ResourceSpec webAclAssociation(StackContext stack, Addresses at) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("webAclArn", new Ref(at.webAcl, "arn"));
        attributes.put("resourceArn", new Ref(at.alb, "arn"));
        return ResourceSpec.managed(at.webAclAssociation, Wafv2Types.WEB_ACL_ASSOCIATION.name(), attributes,
                stack.tagsFor(at.webAclAssociation));
    }

    /** What a load balancer offers other tiers and {@code scaffold output}: the attributes {@code TierAttributes} declares. */
    public Map<String, Ref> outputs(LoadBalancer lb) {
        ResourceAddress alb = new Addresses(lb.name()).alb;
        String prefix = TIER + "." + lb.name() + ".";
        Map<String, Ref> outputs = new LinkedHashMap<>();
        outputs.put(prefix + "dnsName", new Ref(alb, "dnsName"));
        outputs.put(prefix + "arn", new Ref(alb, "arn"));
        outputs.put(prefix + "zoneId", new Ref(alb, "canonicalHostedZoneId"));
        return outputs;
    }

    private static ResourceSpec securityGroup(StackContext stack, LoadBalancer lb, Addresses at) {
        List<Map<String, Object>> ingress = new ArrayList<>();
        ingress.add(tcpFromAnywhere(HTTP));
        if (lb.https() != null) {
            ingress.add(tcpFromAnywhere(HTTPS));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.securityGroup(stack, lb.name(), "alb"));
        attributes.put("description", "scaffold " + stack.stack() + " " + stack.environment()
                + ": load balancer " + lb.name());
        attributes.put("vpcId", NetworkComponent.vpcId());
        attributes.put("ingress", ingress);
        return ResourceSpec.managed(at.securityGroup, Ec2Types.SECURITY_GROUP.name(), attributes,
                stack.tagsFor(at.securityGroup));
    }

    private static ResourceSpec loadBalancer(StackContext stack, LoadBalancer lb, Addresses at) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.loadBalancer(stack, at.name));
        attributes.put("scheme", "internet-facing");
        attributes.put("subnets", NetworkComponent.subnetIds());
        attributes.put("securityGroups", List.of(new Ref(at.securityGroup, "id")));
        attributes.put("dropInvalidHeaderFields", true);
        attributes.put("deletionProtection", stack.production());
        attributes.put("idleTimeoutSeconds", lb.idleTimeoutSeconds());
        return ResourceSpec.managed(at.alb, Elbv2Types.LOAD_BALANCER.name(), attributes, stack.tagsFor(at.alb));
    }

    private static ResourceSpec targetGroup(StackContext stack, LoadBalancer lb, Addresses at, int port) {
        LoadBalancer.HealthCheck health = lb.healthCheck();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.targetGroup(stack, at.name, port));
        attributes.put("protocol", "HTTP");
        attributes.put("port", port);
        attributes.put("vpcId", NetworkComponent.vpcId());
        attributes.put("targetType", "instance");
        attributes.put("healthCheckPath", health.path());
        attributes.put("healthCheckIntervalSeconds", health.intervalSeconds());
        attributes.put("healthCheckTimeoutSeconds", HEALTH_CHECK_TIMEOUT_SECONDS);
        attributes.put("healthyThresholdCount", health.healthyThreshold());
        attributes.put("unhealthyThresholdCount", health.unhealthyThreshold());
        attributes.put("healthCheckMatcher", HEALTHY_CODES);
        attributes.put("loadBalancingAlgorithm", algorithm(lb.algorithm()));
        attributes.put("stickinessEnabled", lb.algorithm() == LoadBalancer.Algorithm.STICKY);
        attributes.put("stickinessType", "lb_cookie");
        return ResourceSpec.managed(at.targetGroup, Elbv2Types.TARGET_GROUP.name(), attributes, stack.tagsFor(at.targetGroup));
    }

    /** ELBv2's name for the algorithm; sticky sessions spread new clients round robin, then keep them. */
    static String algorithm(LoadBalancer.Algorithm algorithm) {
        return switch (algorithm) {
            case ROUND_ROBIN, STICKY -> "round_robin";
            case LEAST_OUTSTANDING_REQUESTS -> "least_outstanding_requests";
        };
    }

    /** A listener; an HTTPS one presents {@code certificate} (an ARN, or a ref to the certificate scaffold requests). */
    private static ResourceSpec listener(StackContext stack, ResourceAddress address, Addresses at, int port,
                                         String protocol, Map<String, Object> action, Object certificate,
                                         String tlsPolicy) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("loadBalancerArn", new Ref(at.alb, "arn"));
        attributes.put("port", port);
        attributes.put("protocol", protocol);
        if (certificate != null) {
            attributes.put("certificateArn", certificate);
            attributes.put("sslPolicy", tlsPolicy);
        }
        attributes.put("defaultAction", action);
        return ResourceSpec.managed(address, Elbv2Types.LISTENER.name(), attributes, stack.tagsFor(address));
    }

    private static Map<String, Object> forward(ResourceAddress targetGroup) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "forward");
        action.put("targetGroupArn", new Ref(targetGroup, "arn"));
        return action;
    }

    private static Map<String, Object> redirectToHttps() {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "redirect");
        action.put("protocol", "HTTPS");
        action.put("port", String.valueOf(HTTPS));
        action.put("host", "#{host}");
        action.put("path", "/#{path}");
        action.put("query", "#{query}");
        action.put("statusCode", "HTTP_301");
        return Collections.unmodifiableMap(action);
    }

    private static Map<String, Object> commonRulesCounted() {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("vendor", "AWS");
        group.put("name", "AWSManagedRulesCommonRuleSet");
        group.put("mode", "count");
        return Collections.unmodifiableMap(group);
    }

    private static Map<String, Object> tcpFromAnywhere(int port) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("protocol", "tcp");
        rule.put("fromPort", port);
        rule.put("toPort", port);
        rule.put("cidr", ANYWHERE);
        return rule;
    }

    /** The addresses of one load balancer's resources. */
    private static final class Addresses {
        final String name;
        final ResourceAddress securityGroup;
        final ResourceAddress alb;
        final ResourceAddress targetGroup;
        final ResourceAddress httpsListener;
        final ResourceAddress httpListener;
        final ResourceAddress certificate;
        final ResourceAddress webAcl;
        final ResourceAddress webAclAssociation;

        Addresses(String name) {
            this.name = name;
            this.securityGroup = ResourceAddress.of(TIER, name, "security-group");
            this.alb = ResourceAddress.of(TIER, name, "alb");
            this.targetGroup = ResourceAddress.of(TIER, name, "target-group");
            this.httpsListener = ResourceAddress.of(TIER, name, "listener-https");
            this.httpListener = ResourceAddress.of(TIER, name, "listener-http");
            this.certificate = ResourceAddress.of(TIER, name, "certificate");
            this.webAcl = ResourceAddress.of(TIER, name, "web-acl");
            this.webAclAssociation = ResourceAddress.of(TIER, name, "web-acl-association");
        }
    }
}
