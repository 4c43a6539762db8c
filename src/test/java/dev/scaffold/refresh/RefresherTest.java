package dev.scaffold.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefresherTest {

    private final InMemoryHandler groups = new InMemoryHandler("AWS::EC2::SecurityGroup");
    private final InMemoryHandler balancers = new InMemoryHandler("AWS::ElasticLoadBalancingV2::LoadBalancer");
    private final InMemoryHandler vpcs = new InMemoryHandler("AWS::EC2::VPC");
    private final InMemoryHandler unused = new InMemoryHandler("AWS::RDS::DBInstance");
    private final HandlerRegistry registry = HandlerRegistry.of(groups, balancers, vpcs, unused);

    @Test
    void eachTypeOfStateOrGraphIsReadOnceWhateverTheNumberOfResources() {
        State state = State.empty("shop", null);
        for (int i = 0; i < 50; i++) {
            state = state.with(known(groups.exists(new ResourceAddress("services", "app", "security-group", i))));
        }
        List<ResourceSpec> desired = List.of(managed("loadBalancers.web.alb", balancers.type()));

        Actual actual = new Refresher(registry, 4).refresh(state, desired);

        assertThat(groups.reads()).hasSize(1);
        assertThat(groups.reads().get(0)).hasSize(50);
        assertThat(balancers.reads()).hasSize(1);
        assertThat(unused.reads()).isEmpty();
        assertThat(actual.callsByOperation()).isEqualTo(Map.of(
                "DescribeAWS::EC2::SecurityGroup", 1, "DescribeAWS::ElasticLoadBalancingV2::LoadBalancer", 1));
        assertThat(actual.apiCalls()).isEqualTo(2);
    }

    @Test
    void resourcesTheStateDoesNotHoldAreReportedAsOrphans() {
        Observed inState = groups.exists(ResourceAddress.parse("loadBalancers.web.security-group"));
        Observed orphan = balancers.exists(ResourceAddress.parse("loadBalancers.web.alb"));
        State state = State.empty("shop", "prod").with(known(inState));

        Actual actual = new Refresher(registry, 2).refresh(state, List.of(managed("loadBalancers.web.alb", balancers.type())));

        assertThat(actual.resources()).containsOnlyKeys(inState.address(), orphan.address());
        assertThat(actual.orphans()).containsExactly(orphan.address());
    }

    @Test
    void dataLookupsReachTheirHandlerWithTheirAttributesAndAreNotOrphans() {
        ResourceSpec vpc = new ResourceSpec(ResourceAddress.parse("network.main.vpc"), vpcs.type(), Mode.DATA,
                Map.of("wanted", "default"), Map.of(), Set.of(), Set.of());

        Actual actual = new Refresher(registry, 2).refresh(State.empty("shop", null), List.of(vpc));

        assertThat(vpcs.reads()).singleElement().satisfies(lookups -> assertThat(lookups).singleElement()
                .satisfies(lookup -> {
                    assertThat(lookup.address()).isEqualTo(vpc.address());
                    assertThat(lookup.physicalId()).isNull();
                    assertThat(lookup.attributes()).isEqualTo(Map.of("wanted", "default"));
                }));
        assertThat(actual.resources().get(vpc.address()).physicalId()).isEqualTo("vpc-1");
        assertThat(actual.orphans()).isEmpty();
    }

    @Test
    void lookupThatFindsNothingIsAnInputErrorNamingIt() {
        ResourceSpec vpc = new ResourceSpec(ResourceAddress.parse("network.main.vpc"), vpcs.type(), Mode.DATA,
                Map.of("vpc", "vpc-missing"), Map.of(), Set.of(), Set.of());

        assertThatThrownBy(() -> new Refresher(registry, 2).refresh(State.empty("shop", null), List.of(vpc)))
                .isInstanceOfSatisfying(ScaffoldException.class,
                        e -> assertThat(e.kind()).isEqualTo(ScaffoldException.Kind.INVALID_INPUT))
                .hasMessageContaining("network.main.vpc")
                .hasMessageContaining("vpc-missing");
    }

    @Test
    void failedReadIsAFailureNamingTheTypeOperationAndAwsCode() {
        groups.duringRead(ctx -> {
            throw new HandlerException(null, "DescribeSecurityGroups", "UnauthorizedOperation",
                    "You are not authorized to perform this operation.", null);
        });

        assertThatThrownBy(() -> new Refresher(registry, 2).refresh(State.empty("shop", null),
                List.of(managed("a.b.c", groups.type()))))
                .isInstanceOfSatisfying(ScaffoldException.class,
                        e -> assertThat(e.kind()).isEqualTo(ScaffoldException.Kind.FAILURE))
                .hasMessage("reading the AWS::EC2::SecurityGroup resources failed: DescribeSecurityGroups:"
                        + " UnauthorizedOperation: You are not authorized to perform this operation.");
    }

    @Test
    void typesAreReadConcurrently() {
        CountDownLatch bothReading = new CountDownLatch(2);
        Runnable meet = () -> {
            bothReading.countDown();
            try {
                assertThat(bothReading.await(10, TimeUnit.SECONDS)).as("the other type's read started").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        groups.duringRead(ctx -> meet.run());
        balancers.duringRead(ctx -> meet.run());
        List<ResourceSpec> desired = List.of(managed("loadBalancers.web.alb", balancers.type()),
                managed("loadBalancers.web.security-group", groups.type()));

        new Refresher(registry, 2).refresh(State.empty("shop", null), desired);

        assertThat(bothReading.getCount()).isZero();
    }

    @Test
    void readsLookForTheDefaultEnvironmentWhenTheStateHasNone() {
        groups.duringRead(ctx -> assertThat(ctx.environment()).isEqualTo("default"));
        balancers.duringRead(ctx -> assertThat(ctx.environment()).isEqualTo("prod"));

        new Refresher(registry, 1).refresh(State.empty("shop", null), List.of(managed("a.b.c", groups.type())));
        new Refresher(registry, 1).refresh(State.empty("shop", "prod"), List.of(managed("a.b.c", balancers.type())));

        assertThat(groups.reads()).hasSize(1);
        assertThat(balancers.reads()).hasSize(1);
    }

    private static ResourceSpec managed(String address, String type) {
        return ResourceSpec.managed(ResourceAddress.parse(address), type, Map.of(), Map.of());
    }

    private static ResourceState known(Observed observed) {
        return new ResourceState(observed.address(), observed.type(), observed.physicalId(), observed.arn(),
                observed.attributes(), Set.of(), ResourceStatus.OK);
    }
}
