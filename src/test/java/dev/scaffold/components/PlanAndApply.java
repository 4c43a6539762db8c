package dev.scaffold.components;

import dev.scaffold.apply.ExecutionRequest;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.Executor;
import dev.scaffold.apply.InMemoryStateStore;
import dev.scaffold.apply.ResourceOutcome;
import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Differ;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.refresh.Actual;
import dev.scaffold.refresh.Refresher;
import dev.scaffold.state.State;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Plan and apply for tier tests, as the commands run them: refresher, differ, executor and the AWS handlers. */
final class PlanAndApply {

    private PlanAndApply() {
    }

    record Planned(Plan plan, Actual actual) {
    }

    /** Refreshes and diffs, as {@code scaffold plan} does. */
    static Planned plan(Differ differ, Refresher refresher, Blueprint blueprint, State state, PlanMode mode) {
        List<ResourceSpec> specs = mode == PlanMode.DESTROY ? List.of() : new Components().expand(blueprint);
        Actual actual = refresher.refresh(state, specs);
        Plan plan = differ.diff(DiffInput.of(mode, state.stack(), state.environment(), "digest", DesiredGraph.of(specs), state,
                actual.resources()));
        return new Planned(plan, actual);
    }

    /** Applies a plan with the executor, as {@code scaffold apply} does, and returns the state it wrote last. */
    static State apply(Plan plan, State state, HandlerRegistry handlers) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try {
            ExecutionResult result = new Executor().execute(ExecutionRequest.of(plan, handlers, state,
                    new InMemoryStateStore(state), scheduler));
            if (!result.succeeded()) {
                throw new AssertionError("apply failed: " + result.failures().stream()
                        .map(ResourceOutcome::describe).toList());
            }
            return result.state();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
