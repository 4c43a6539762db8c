package dev.scaffold.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import dev.scaffold.apply.ScriptedHandler;
import dev.scaffold.apply.Timeline;
import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.components.Expansion;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.refresh.Refresher;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final DiffInput.Location HERE = new DiffInput.Location("us-east-1", "111111111111");

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final ScriptedHandler things = new ScriptedHandler("Test::Thing", ScriptedHandler.Script.of(0, 0),
            new Timeline(), scheduler);
    private final HandlerRegistry handlers = HandlerRegistry.of(things);
    private final Planner planner = new Planner(handlers, new Refresher(handlers, 2));
    private final Stack stack = Stack.of(blueprint(), new Expansion(List.of(new ResourceSpec(
            ResourceAddress.parse("app.web.thing"), "Test::Thing", Mode.MANAGED, Map.of("name", "a"),
            Map.of(StackTags.STACK, "shop"), Set.of(), Set.of())), Map.of(), List.of()));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aStackWithoutStateIsPlannedWithTheLineageItsFirstApplyWillWriteAndEveryResourceCarriesIt() {
        Plan plan = planner.plan(stack, null, HERE, PlanOptions.normal());

        assertThat(plan.newState()).isTrue();
        assertThat(plan.region()).isEqualTo("us-east-1");
        assertThat(plan.accountId()).isEqualTo("111111111111");
        assertThat(plan.changes()).singleElement().satisfies((ResourceChange change) ->
                assertThat(change.desired().tags()).containsEntry(StackTags.LINEAGE, plan.lineage().toString()));
    }

    @Test
    void aRunInAnotherRegionOrAccountThanTheStatesIsRefusedNamingBoth() {
        State prior = State.empty("shop", null).withLocation("eu-west-1", "111111111111");

        assertThatThrownBy(() -> planner.plan(stack, prior, HERE, PlanOptions.normal()))
                .isInstanceOfSatisfying(ScaffoldException.class,
                        e -> assertThat(e.kind()).isEqualTo(ScaffoldException.Kind.FAILURE))
                .hasMessageContaining("region eu-west-1 of account 111111111111")
                .hasMessageContaining("region us-east-1 of account 111111111111")
                .hasMessageContaining("--region eu-west-1");
        State otherAccount = State.empty("shop", null).withLocation("us-east-1", "222222222222");
        assertThatThrownBy(() -> planner.plan(stack, otherAccount, HERE, new PlanOptions(PlanMode.DESTROY, Set.of(),
                false))).hasMessageContaining("account 222222222222");
    }

    @Test
    void aFormatOneStatePlannedInAnotherRegionIsRefusedNamingBothFromTheArnsItRecords() {
        State formatOne = formatOneState(
                "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/shop-web/50dc6c495c0c9188");
        DiffInput.Location elsewhere = new DiffInput.Location("us-west-2", "111111111111");

        assertThatThrownBy(() -> planner.plan(stack, formatOne, elsewhere, PlanOptions.normal()))
                .isInstanceOfSatisfying(ScaffoldException.class,
                        e -> assertThat(e.kind()).isEqualTo(ScaffoldException.Kind.FAILURE))
                .hasMessageContaining("region us-east-1 of account 111111111111")
                .hasMessageContaining("region us-west-2 of account 111111111111")
                .hasMessageContaining("--region us-east-1")
                .hasMessageContaining("ARNs");
    }

    @Test
    void aFormatOneStatePlannedWithAnotherAccountIsRefusedNamingBoth() {
        State formatOne = formatOneState(
                "arn:aws:elasticloadbalancing:us-east-1:222222222222:loadbalancer/app/shop-web/50dc6c495c0c9188");

        assertThatThrownBy(() -> planner.plan(stack, formatOne, HERE, PlanOptions.normal()))
                .hasMessageContaining("region us-east-1 of account 222222222222")
                .hasMessageContaining("region us-east-1 of account 111111111111");
    }

    @Test
    void aFormatOneStatePlannedWhereItsArnsSayItLivesIsPlanned() {
        // The IAM role's ARN names no region and the bucket's neither region nor account; they say nothing.
        State formatOne = formatOneState(
                "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/shop-web/50dc6c495c0c9188",
                "arn:aws:iam::111111111111:role/shop-app", "arn:aws:s3:::shop-static");

        Plan plan = planner.plan(stack, formatOne, HERE, PlanOptions.normal());

        assertThat(plan.region()).isEqualTo("us-east-1");
    }

    @Test
    void whatAwsWaitsOnTheUserForIsInThePlanNamingItsResourceAndADestroyPlanLeavesItOut() {
        HandlerRegistry waiting = HandlerRegistry.of(new AwaitingHandler(things.schema()));
        Planner reading = new Planner(waiting, new Refresher(waiting, 2));
        UUID lineage = UUID.randomUUID();
        State state = new State(2, "shop", null, lineage, 3, Map.of(), Map.of())
                .with(new ResourceState(ResourceAddress.parse("app.web.thing"), "Test::Thing", "id-1", null,
                        Map.of("name", "a", "status", "PENDING"), Set.of(), ResourceStatus.OK));

        Plan plan = reading.plan(stack, state, HERE, PlanOptions.normal());
        Plan destroy = reading.plan(stack, state, HERE, new PlanOptions(PlanMode.DESTROY, Set.of(), true));

        assertThat(plan.awaitingYou()).containsExactly("app.web.thing: create the DNS record for id-1");
        assertThat(destroy.awaitingYou()).isEmpty();
    }

    /** Reads back what the state records, as found in AWS; a resource whose status is PENDING waits on the user. */
    private record AwaitingHandler(ResourceType schema) implements ResourceHandler {

        @Override
        public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired,
                                   ReadContext ctx) {
            return known.stream().map(recorded -> Observed.of(recorded, Map.of(StackTags.STACK, "shop"))).toList();
        }

        @Override
        public Optional<String> awaitingYou(Observed current) {
            return "PENDING".equals(current.attribute("status"))
                    ? Optional.of("create the DNS record for " + current.physicalId()) : Optional.empty();
        }

        @Override
        public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> planned,
                                                  ApplyContext ctx) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
            throw new UnsupportedOperationException();
        }
    }

    /** A state written before region and account were recorded, holding resources with these ARNs. */
    private static State formatOneState(String... arns) {
        State state = new State(1, "shop", null, java.util.UUID.randomUUID(), 3, Map.of(), Map.of());
        for (int i = 0; i < arns.length; i++) {
            state = state.with(new ResourceState(ResourceAddress.parse("app.old.thing" + i), "Test::Thing",
                    "id-" + i, arns[i], Map.of(), Set.of(), ResourceStatus.OK));
        }
        return state;
    }

    private static Blueprint blueprint() {
        return new Blueprint("shop", "us-east-1", Map.of(), null, false, Map.of(), null, Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of(), Map.of(), null, null, null, List.of(), Path.of("blueprint.yaml"));
    }
}
