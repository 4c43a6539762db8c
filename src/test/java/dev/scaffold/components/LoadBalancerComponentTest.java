package dev.scaffold.components;

import static dev.scaffold.components.Blueprints.blueprint;
import static dev.scaffold.components.Blueprints.https;
import static dev.scaffold.components.Blueprints.plainHttp;
import static dev.scaffold.components.Blueprints.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.blueprint.LoadBalancer;
import dev.scaffold.blueprint.Network;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LoadBalancerComponentTest {

    private static final ResourceAddress SG = ResourceAddress.parse("loadBalancers.web.security-group");
    private static final ResourceAddress ALB = ResourceAddress.parse("loadBalancers.web.alb");
    private static final ResourceAddress TG = ResourceAddress.parse("loadBalancers.web.target-group");
    private static final ResourceAddress HTTPS = ResourceAddress.parse("loadBalancers.web.listener-https");
    private static final ResourceAddress HTTP = ResourceAddress.parse("loadBalancers.web.listener-http");

    private final Components components = new Components();

    @Test
    void httpsLoadBalancerExpandsToGroupAlbTargetGroupAndTwoListenersLinkedByRefs() {
        Map<ResourceAddress, ResourceSpec> specs = expand(blueprint("prod", true, null,
                List.of(https("web", LoadBalancer.Algorithm.LEAST_OUTSTANDING_REQUESTS)),
                List.of(service("app", "web", 8080))));

        assertThat(specs).containsKeys(NetworkComponent.VPC, NetworkComponent.SUBNETS, SG, ALB, TG, HTTPS, HTTP);
        assertThat(specs.keySet()).filteredOn(address -> address.tier().equals("loadBalancers")).hasSize(5);
        assertThat(specs.get(SG).attributes()).containsEntry("vpcId", new Ref(NetworkComponent.VPC, "id"))
                .containsEntry("ingress", List.of(
                        Map.of("protocol", "tcp", "fromPort", 80, "toPort", 80, "cidr", "0.0.0.0/0"),
                        Map.of("protocol", "tcp", "fromPort", 443, "toPort", 443, "cidr", "0.0.0.0/0")));
        assertThat(specs.get(ALB).attributes())
                .containsEntry("name", "shop-prod-web")
                .containsEntry("scheme", "internet-facing")
                .containsEntry("subnets", new Ref(NetworkComponent.SUBNETS, "subnetIds"))
                .containsEntry("securityGroups", List.of(new Ref(SG, "id")))
                .containsEntry("dropInvalidHeaderFields", true)
                .containsEntry("deletionProtection", true)
                .containsEntry("idleTimeoutSeconds", 60);
        assertThat(specs.get(TG).attributes())
                .containsEntry("name", "shop-prod-web-8080")
                .containsEntry("port", 8080)
                .containsEntry("protocol", "HTTP")
                .containsEntry("healthCheckPath", "/health")
                .containsEntry("loadBalancingAlgorithm", "least_outstanding_requests")
                .containsEntry("stickinessEnabled", false);
        assertThat(specs.get(HTTPS).attributes())
                .containsEntry("loadBalancerArn", new Ref(ALB, "arn"))
                .containsEntry("port", 443)
                .containsEntry("protocol", "HTTPS")
                .containsEntry("certificateArn", Blueprints.CERTIFICATE)
                .containsEntry("sslPolicy", Blueprints.TLS_POLICY)
                .containsEntry("defaultAction", Map.of("type", "forward", "targetGroupArn", new Ref(TG, "arn")));
        assertThat(specs.get(HTTP).attributes())
                .containsEntry("port", 80)
                .doesNotContainKeys("certificateArn", "sslPolicy")
                .containsEntry("defaultAction", Map.of("type", "redirect", "protocol", "HTTPS", "port", "443",
                        "host", "#{host}", "path", "/#{path}", "query", "#{query}", "statusCode", "HTTP_301"));
    }

    @Test
    void withoutHttpsOnlyPort80IsOpenAndOneHttpListenerForwards() {
        Map<ResourceAddress, ResourceSpec> specs = expand(blueprint(null, false, null,
                List.of(plainHttp("web")), List.of()));

        assertThat(specs).doesNotContainKey(HTTPS);
        assertThat(specs.get(SG).attributes()).containsEntry("ingress",
                List.of(Map.of("protocol", "tcp", "fromPort", 80, "toPort", 80, "cidr", "0.0.0.0/0")));
        assertThat(specs.get(HTTP).attributes())
                .containsEntry("defaultAction", Map.of("type", "forward", "targetGroupArn", new Ref(TG, "arn")));
        assertThat(specs.get(TG).attributes()).containsEntry("port", 80);
        assertThat(specs.get(ALB).attributes()).containsEntry("deletionProtection", false)
                .containsEntry("name", "shop-web");
    }

    @Test
    void httpsWithoutRedirectKeepsServingPlainHttpByForwarding() {
        LoadBalancer noRedirect = new LoadBalancer("web", LoadBalancer.Algorithm.ROUND_ROBIN,
                new LoadBalancer.Https(Blueprints.CERTIFICATE, Blueprints.TLS_POLICY, null), false,
                new LoadBalancer.HealthCheck("/", 30, 5, 2), null, 60);

        Map<ResourceAddress, ResourceSpec> specs = expand(blueprint(null, false, null, List.of(noRedirect), List.of()));

        assertThat(specs).containsKeys(HTTPS, HTTP);
        assertThat(specs.get(HTTP).attributes())
                .containsEntry("defaultAction", Map.of("type", "forward", "targetGroupArn", new Ref(TG, "arn")));
    }

    @Test
    void stickyMeansRoundRobinWithLoadBalancerCookies() {
        Map<ResourceAddress, ResourceSpec> specs = expand(blueprint(null, false, null,
                List.of(https("web", LoadBalancer.Algorithm.STICKY)), List.of()));

        assertThat(specs.get(TG).attributes())
                .containsEntry("loadBalancingAlgorithm", "round_robin")
                .containsEntry("stickinessEnabled", true)
                .containsEntry("stickinessType", "lb_cookie");
        assertThat(LoadBalancerComponent.algorithm(LoadBalancer.Algorithm.ROUND_ROBIN)).isEqualTo("round_robin");
    }

    @Test
    void everyResourceIsTaggedWithStackEnvironmentAddressAndTheBlueprintTags() {
        Map<ResourceAddress, ResourceSpec> specs = expand(blueprint("staging", false, null,
                List.of(https("web", LoadBalancer.Algorithm.ROUND_ROBIN)), List.of()));

        specs.values().stream().filter(spec -> spec.mode() == Mode.MANAGED).forEach(spec ->
                assertThat(spec.tags()).as("tags of %s", spec.address()).isEqualTo(Map.of(
                        "scaffold:stack", "shop", "scaffold:env", "staging",
                        "scaffold:address", spec.address().toString(), "team", "web", "cost-center", "4711")));
    }

    @Test
    void withoutAnEnvironmentTheEnvTagIsDefault() {
        Map<ResourceAddress, ResourceSpec> specs = expand(blueprint(null, false, null, List.of(plainHttp("web")),
                List.of()));

        assertThat(specs.get(ALB).tags()).containsEntry("scaffold:env", "default");
    }

    @Test
    void networkIsLookedUpAsDataByDefaultOrByTheGivenIds() {
        Map<ResourceAddress, ResourceSpec> byDefault = expand(blueprint(null, false, null, List.of(), List.of()));
        Map<ResourceAddress, ResourceSpec> given = expand(blueprint(null, false,
                new Network("vpc-0123", List.of("subnet-b", "subnet-a")), List.of(), List.of()));

        assertThat(byDefault.get(NetworkComponent.VPC).mode()).isEqualTo(Mode.DATA);
        assertThat(byDefault.get(NetworkComponent.VPC).attributes()).isEqualTo(Map.of("vpc", "default"));
        assertThat(byDefault.get(NetworkComponent.SUBNETS).attributes())
                .isEqualTo(Map.of("vpc", "default", "subnets", "default"));
        assertThat(given.get(NetworkComponent.SUBNETS).attributes())
                .isEqualTo(Map.of("vpc", "vpc-0123", "subnets", List.of("subnet-b", "subnet-a")));
    }

    @Test
    void expansionIsAnAcyclicGraphWhereEachResourceComesAfterWhatItRefersTo() {
        List<ResourceSpec> specs = components.expand(blueprint(null, false, null,
                List.of(https("web", LoadBalancer.Algorithm.ROUND_ROBIN)), List.of(service("app", "web", 8080))));

        List<ResourceSpec> ordered = DesiredGraph.of(specs).resources();
        List<ResourceAddress> order = ordered.stream().map(ResourceSpec::address).toList();

        assertThat(order).hasSize(16);
        ordered.forEach(spec -> spec.dependencies().forEach(dependency ->
                assertThat(order.indexOf(dependency)).as("%s before %s", dependency, spec.address())
                        .isLessThan(order.indexOf(spec.address()))));
        assertThat(specs.stream().filter(s -> s.address().equals(HTTPS)).findFirst().orElseThrow().dependencies())
                .containsExactly(ALB, TG);
    }

    @Test
    void aCertificateByDomainIsRequestedThroughDnsAndTheHttpsListenerPresentsIt() {
        LoadBalancer byDomain = new LoadBalancer("web", LoadBalancer.Algorithm.ROUND_ROBIN,
                new LoadBalancer.Https(null, Blueprints.TLS_POLICY, "shop.example.com"), true,
                new LoadBalancer.HealthCheck("/", 30, 5, 2), null, 60);
        ResourceAddress certificate = ResourceAddress.parse("loadBalancers.web.certificate");

        Map<ResourceAddress, ResourceSpec> specs = expand(blueprint(null, false, null, List.of(byDomain), List.of()));

        assertThat(specs.get(certificate).attributes()).containsEntry("domainName", "shop.example.com")
                .containsEntry("subjectAlternativeNames", List.of()).containsEntry("validationMethod", "DNS");
        assertThat(specs.get(HTTPS).attributes()).containsEntry("certificateArn", new Ref(certificate, "arn"))
                .containsEntry("sslPolicy", Blueprints.TLS_POLICY);
    }

    @Test
    void aRateLimitIsAWebAclThatBlocksAboveItAssociatedWithTheAlb() {
        LoadBalancer limited = new LoadBalancer("web", LoadBalancer.Algorithm.ROUND_ROBIN, null, false,
                new LoadBalancer.HealthCheck("/", 30, 5, 2), new LoadBalancer.RateLimit(2000), 60);
        ResourceAddress acl = ResourceAddress.parse("loadBalancers.web.web-acl");
        ResourceAddress association = ResourceAddress.parse("loadBalancers.web.web-acl-association");

        Map<ResourceAddress, ResourceSpec> specs = expand(blueprint("prod", true, null, List.of(limited), List.of()));

        assertThat(specs.get(acl).attributes()).containsEntry("name", "shop-prod-web").containsEntry("scope", "REGIONAL")
                .containsEntry("rateLimit", 2000)
                .containsEntry("managedRuleGroups", List.of(Map.of("vendor", "AWS", "name", "AWSManagedRulesCommonRuleSet",
                        "mode", "count")));
        assertThat(specs.get(association).attributes()).containsEntry("webAclArn", new Ref(acl, "arn"))
                .containsEntry("resourceArn", new Ref(ALB, "arn"));
    }

    private Map<ResourceAddress, ResourceSpec> expand(dev.scaffold.blueprint.Blueprint blueprint) {
        return components.expand(blueprint).stream()
                .collect(Collectors.toMap(ResourceSpec::address, Function.identity()));
    }
}
