package dev.scaffold.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefresherTest {

    private static final UUID OTHER_LINEAGE = UUID.fromString("99999999-0000-4000-8000-000000000000");

    private final InMemoryHandler groups = new InMemoryHandler("AWS::EC2::SecurityGroup");
    private final InMemoryHandler balancers = new InMemoryHandler("AWS::ElasticLoadBalancingV2::LoadBalancer");
    private final InMemoryHandler vpcs = new InMemoryHandler(ResourceType.lookup("AWS::EC2::VPC").build());
    private final InMemoryHandler unused = new InMemoryHandler("AWS::RDS::DBInstance");
    private final HandlerRegistry registry = HandlerRegistry.of(groups, balancers, vpcs, unused);
    private final State state = State.empty("shop", null);

    @Test
    void eachManagedTypeIsReadOnceWhateverTheNumberOfResources() {
        State known = state;
        for (int i = 0; i < 50; i++) {
            known = known.with(recorded(groups.exists(new ResourceAddress("services", "app", "security-group", i),
                    Map.of())));
        }
        List<ResourceSpec> desired = List.of(managed("loadBalancers.web.alb", balancers.type()));

        Actual actual = new Refresher(registry, 4).refresh(known, desired);

        assertThat(groups.reads()).singleElement().satisfies(read -> assertThat(read).hasSize(50));
        assertThat(balancers.desiredSeen()).singleElement().isEqualTo(desired);
        assertThat(unused.reads()).as("a type in neither state nor blueprint is read for orphans").hasSize(1);
        assertThat(vpcs.reads()).as("a lookup type without lookups is not read").isEmpty();
        assertThat(actual.callsByOperation()).containsEntry("DescribeAWS::EC2::SecurityGroup", 1)
                .containsEntry("DescribeAWS::ElasticLoadBalancingV2::LoadBalancer", 1);
        assertThat(actual.resources()).hasSize(50);
    }

    @Test
    void resourcesTaggedWithThisLineageThatTheStateLacksAreOrphansToAdopt() {
        Observed inState = groups.exists(ResourceAddress.parse("loadBalancers.web.security-group"), Map.of());
        Observed orphan = balancers.exists(ResourceAddress.parse("loadBalancers.web.alb"), tags(state.lineage()));
        State known = state.with(recorded(inState));

        Actual actual = new Refresher(registry, 2).refresh(known, List.of());

        assertThat(actual.resources()).containsOnlyKeys(inState.address(), orphan.address());
        assertThat(actual.orphans()).containsExactly(orphan.address());
        assertThat(actual.foreign()).isEmpty();
    }

    @Test
    void resourcesOfAnotherLineageAreForeignNeverThisStatesEvenWhenItsAddressIsFree() {
        Observed theirs = balancers.exists(ResourceAddress.parse("loadBalancers.web.alb"), tags(OTHER_LINEAGE));
        Observed untagged = groups.exists(ResourceAddress.parse("loadBalancers.web.security-group"),
                Map.of(StackTags.STACK, "shop", StackTags.ENVIRONMENT, "default",
                        StackTags.ADDRESS, "loadBalancers.web.security-group"));

        Actual actual = new Refresher(registry, 2).refresh(state, List.of());

        assertThat(actual.resources()).isEmpty();
        assertThat(actual.orphans()).isEmpty();
        assertThat(actual.foreign()).containsExactlyInAnyOrder(theirs, untagged);
    }

    @Test
    void aRecordedIdCarryingAnotherLineageIsForeignAndTheRecordShowsAsGone() {
        Observed claimed = balancers.exists(ResourceAddress.parse("loadBalancers.web.alb"), tags(OTHER_LINEAGE));
        State known = state.with(recorded(claimed));

        Actual actual = new Refresher(registry, 2).refresh(known, List.of());

        assertThat(actual.resources()).doesNotContainKey(claimed.address());
        assertThat(actual.foreign()).containsExactly(claimed);
    }

    @Test
    void aRecordedIdWithoutALineageTagIsThisStatesAsRecordsBeforeLineageTagsAre() {
        Observed old = balancers.exists(ResourceAddress.parse("loadBalancers.web.alb"), Map.of());

        Actual actual = new Refresher(registry, 2).refresh(state.with(recorded(old)), List.of());

        assertThat(actual.resources()).containsOnlyKeys(old.address());
    }

    @Test
    void anOrphanNeverTakesThePlaceOfARecordedResourceEvenOneThatIsGone() {
        ResourceAddress alb = ResourceAddress.parse("loadBalancers.web.alb");
        ResourceState gone = new ResourceState(alb, balancers.type(), "id-deleted-by-hand", null, Map.of(), Set.of(),
                ResourceStatus.OK);
        Observed leftover = balancers.exists(alb, "id-leftover", tags(state.lineage()));

        Actual actual = new Refresher(registry, 2).refresh(state.with(gone), List.of());

        ResourceAddress deposed = alb.deposed("id-leftover");
        assertThat(actual.resources()).containsOnlyKeys(deposed);
        assertThat(actual.resources().get(deposed).physicalId()).isEqualTo(leftover.physicalId());
    }

    @Test
    void dataLookupsReachTheirHandlerAsSpecsAndAreNotOrphans() {
        ResourceSpec vpc = new ResourceSpec(ResourceAddress.parse("network.main.vpc"), vpcs.type(), Mode.DATA,
                Map.of("wanted", "default"), Map.of(), Set.of(), Set.of());

        Actual actual = new Refresher(registry, 2).refresh(state, List.of(vpc));

        assertThat(vpcs.desiredSeen()).singleElement().isEqualTo(List.of(vpc));
        assertThat(actual.resources().get(vpc.address()).physicalId()).isEqualTo("vpc-1");
        assertThat(actual.orphans()).isEmpty();
    }

    @Test
    void lookingUpReadsNoManagedType() {
        ResourceSpec vpc = new ResourceSpec(ResourceAddress.parse("network.main.vpc"), vpcs.type(), Mode.DATA,
                Map.of("wanted", "default"), Map.of(), Set.of(), Set.of());

        Actual actual = new Refresher(registry, 2).lookUp(state, List.of(vpc, managed("a.b.c", groups.type())));

        assertThat(groups.reads()).isEmpty();
        assertThat(actual.resources()).containsOnlyKeys(vpc.address());
    }

    @Test
    void lookupThatFindsNothingIsAnInputErrorNamingIt() {
        ResourceSpec vpc = new ResourceSpec(ResourceAddress.parse("network.main.vpc"), vpcs.type(), Mode.DATA,
                Map.of("vpc", "vpc-missing"), Map.of(), Set.of(), Set.of());

        assertThatThrownBy(() -> new Refresher(registry, 2).refresh(state, List.of(vpc)))
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

        assertThatThrownBy(() -> new Refresher(registry, 2).refresh(state, List.of(managed("a.b.c", groups.type()))))
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

        new Refresher(registry, 2).refresh(state, List.of());

        assertThat(bothReading.getCount()).isZero();
    }

    @Test
    void aTypeThatReadsAfterAnotherSeesWhatThatReadFoundOfThisStateAndNothingOfAnothers() {
        ResourceAddress ours = ResourceAddress.parse("loadBalancers.web.alb");
        ResourceAddress theirs = ResourceAddress.parse("loadBalancers.api.alb");
        Observed balancer = balancers.exists(ours, tags(state.lineage()));
        balancers.exists(theirs, tags(OTHER_LINEAGE));
        InMemoryHandler listeners = new InMemoryHandler(ResourceType.managed("AWS::ElasticLoadBalancingV2::Listener")
                .readsAfter(balancers.type()).build());
        listeners.duringRead(ctx -> {
            assertThat(ctx.earlier().at(ours)).contains(balancer);
            assertThat(ctx.earlier().at(theirs)).as("another state's").isEmpty();
        });

        // One thread: the listeners' read is asked for first and still runs after the load balancers'.
        new Refresher(HandlerRegistry.of(listeners, balancers), 1).refresh(state, List.of());

        assertThat(listeners.reads()).hasSize(1);
    }

    @Test
    void readsLookForTheDefaultEnvironmentWhenTheStateHasNone() {
        groups.duringRead(ctx -> assertThat(ctx.environment()).isEqualTo("default"));
        new Refresher(registry, 1).refresh(state, List.of());
        groups.duringRead(ctx -> assertThat(ctx.environment()).isEqualTo("prod"));
        new Refresher(registry, 1).refresh(State.empty("shop", "prod"), List.of());

        assertThat(groups.reads()).hasSize(2);
    }

    private static Map<String, String> tags(UUID lineage) {
        return Map.of(StackTags.STACK, "shop", StackTags.ENVIRONMENT, "default", StackTags.LINEAGE, lineage.toString());
    }

    private static ResourceSpec managed(String address, String type) {
        return ResourceSpec.managed(ResourceAddress.parse(address), type, Map.of(), Map.of());
    }

    private static ResourceState recorded(Observed observed) {
        return new ResourceState(observed.address(), observed.type(), observed.physicalId(), observed.arn(),
                observed.attributes(), Set.of(), ResourceStatus.OK);
    }
}
