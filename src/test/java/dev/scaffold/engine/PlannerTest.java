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
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.refresh.Refresher;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static Blueprint blueprint() {
        return new Blueprint("shop", "us-east-1", Map.of(), null, false, Map.of(), null, Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of(), Map.of(), null, null, null, List.of(), Path.of("blueprint.yaml"));
    }
}
