package dev.scaffold.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DesiredGraphTest {

    private static final ResourceAddress SG = ResourceAddress.parse("loadBalancers.web.sg");
    private static final ResourceAddress ALB = ResourceAddress.parse("loadBalancers.web.alb");
    private static final ResourceAddress TG = ResourceAddress.parse("loadBalancers.web.target-group");
    private static final ResourceAddress LISTENER = ResourceAddress.parse("loadBalancers.web.listener-https");
    private static final ResourceAddress PRIMARY = ResourceAddress.parse("databases.main.primary");
    private static final ResourceAddress REPLICA = ResourceAddress.parse("databases.main.replica[0]");

    private static ResourceSpec spec(ResourceAddress address, String type, Map<String, Object> attributes,
                                     ResourceAddress... dependsOn) {
        return new ResourceSpec(address, type, Mode.MANAGED, attributes, Map.of(), Set.of(dependsOn), Set.of());
    }

    private static ResourceSpec spec(ResourceAddress address, ResourceAddress... dependsOn) {
        return spec(address, "Test::" + address.resource(), Map.of(), dependsOn);
    }

    private static DesiredGraph loadBalancerAndDatabase() {
        return DesiredGraph.of(List.of(
                spec(LISTENER, "AWS::ElasticLoadBalancingV2::Listener",
                        Map.of("loadBalancerArn", new Ref(ALB, "arn"),
                                "defaultActions", List.of(Map.of("targetGroupArn", new Ref(TG, "arn"))))),
                spec(ALB, "AWS::ElasticLoadBalancingV2::LoadBalancer",
                        Map.of("securityGroups", List.of(new Ref(SG, "id")))),
                spec(SG),
                spec(TG),
                spec(REPLICA, "AWS::RDS::DBInstance", Map.of("source", new Ref(PRIMARY, "id"))),
                spec(PRIMARY, "AWS::RDS::DBInstance", Map.of(), SG)));
    }

    @Test
    void resourcesComeAfterWhatTheyDependOnWithTiesInAddressOrder() {
        DesiredGraph graph = loadBalancerAndDatabase();

        List<String> order = graph.resources().stream().map(s -> s.address().toString()).toList();

        assertThat(order).containsExactly(
                "loadBalancers.web.sg",
                "databases.main.primary",
                "databases.main.replica[0]",
                "loadBalancers.web.alb",
                "loadBalancers.web.target-group",
                "loadBalancers.web.listener-https");
    }

    @Test
    void refsNestedInListsAndMapsAreEdges() {
        DesiredGraph graph = loadBalancerAndDatabase();

        assertThat(graph.dependenciesOf(LISTENER)).containsExactly(ALB, TG);
        assertThat(graph.dependentsOf(SG)).containsExactly(PRIMARY, ALB);
        assertThat(graph.size()).isEqualTo(6);
        assertThat(graph.contains(REPLICA)).isTrue();
        assertThat(graph.get(ResourceAddress.parse("caches.a.b"))).isEmpty();
    }

    @Test
    void aCycleIsInvalidInputNamingTheCycleInOrder() {
        ResourceAddress a = ResourceAddress.parse("x.y.a");
        ResourceAddress b = ResourceAddress.parse("x.y.b");
        ResourceAddress c = ResourceAddress.parse("x.y.c");
        ResourceAddress d = ResourceAddress.parse("x.y.d");

        assertThatThrownBy(() -> DesiredGraph.of(List.of(spec(c, a), spec(b, c), spec(a, b), spec(d, a))))
                .isInstanceOfSatisfying(ScaffoldException.class,
                        e -> assertThat(e.kind()).isEqualTo(ScaffoldException.Kind.INVALID_INPUT))
                .hasMessageContaining("x.y.a → x.y.b → x.y.c → x.y.a");
    }

    @Test
    void aResourceDependingOnItselfIsACycle() {
        ResourceAddress a = ResourceAddress.parse("x.y.a");

        assertThatThrownBy(() -> DesiredGraph.of(List.of(spec(a, "T", Map.of("self", new Ref(a, "id"))))))
                .hasMessageContaining("x.y.a → x.y.a");
    }

    @Test
    void aDependencyOutsideTheGraphIsInvalidInputWithACloseMatch() {
        ResourceAddress typo = ResourceAddress.parse("databases.main.primry");

        assertThatThrownBy(() -> DesiredGraph.of(List.of(spec(PRIMARY), spec(REPLICA, typo))))
                .isInstanceOfSatisfying(ScaffoldException.class,
                        e -> assertThat(e.kind()).isEqualTo(ScaffoldException.Kind.INVALID_INPUT))
                .hasMessageContaining("databases.main.replica[0] depends on databases.main.primry")
                .hasMessageContaining("did you mean databases.main.primary?");
    }

    @Test
    void duplicateAddressesAreInvalidInput() {
        assertThatThrownBy(() -> DesiredGraph.of(List.of(spec(SG), spec(SG))))
                .isInstanceOfSatisfying(ScaffoldException.class,
                        e -> assertThat(e.kind()).isEqualTo(ScaffoldException.Kind.INVALID_INPUT))
                .hasMessageContaining("loadBalancers.web.sg");
    }

    @Test
    void criticalPathIsTheHeaviestChain() {
        DesiredGraph graph = loadBalancerAndDatabase();
        Map<String, Long> seconds = Map.of("AWS::RDS::DBInstance", 600L,
                "AWS::ElasticLoadBalancingV2::LoadBalancer", 180L);

        CriticalPath<ResourceAddress> path = graph.criticalPath(s -> seconds.getOrDefault(s.type(), 2L));

        assertThat(path.nodes()).containsExactly(SG, PRIMARY, REPLICA);
        assertThat(path.weight()).isEqualTo(1202);
        assertThat(path.describe()).isEqualTo("loadBalancers.web.sg → databases.main.primary → databases.main.replica[0]");
    }

    @Test
    void criticalPathOfAnEmptyGraphIsEmpty() {
        assertThat(DesiredGraph.of(List.of()).criticalPath(s -> 1).weight()).isZero();
    }

    @Test
    void withDependenciesKeepsTargetsAndWhatTheyNeed() {
        DesiredGraph graph = loadBalancerAndDatabase();

        DesiredGraph targeted = graph.withDependencies(Set.of(LISTENER));

        assertThat(targeted.resources()).extracting(ResourceSpec::address)
                .containsExactly(SG, ALB, TG, LISTENER);
        assertThat(targeted.dependentsOf(SG)).containsExactly(ALB);
    }

    @Test
    void anUnknownTargetIsInvalidInputListingCloseMatches() {
        DesiredGraph graph = loadBalancerAndDatabase();

        assertThatThrownBy(() -> graph.withDependencies(Set.of(ResourceAddress.parse("databases.main.replica[1]"))))
                .isInstanceOfSatisfying(ScaffoldException.class,
                        e -> assertThat(e.kind()).isEqualTo(ScaffoldException.Kind.INVALID_INPUT))
                .hasMessageContaining("no resource databases.main.replica[1]")
                .hasMessageContaining("did you mean databases.main.replica[0]");
    }
}
