package dev.scaffold.components;

import dev.scaffold.apply.ExecutionRequest;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.InMemoryStateStore;
import dev.scaffold.apply.ResourceOutcome;
import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.engine.Applier;
import dev.scaffold.engine.PlanOptions;
import dev.scaffold.engine.Planner;
import dev.scaffold.engine.Stack;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.refresh.Actual;
import dev.scaffold.refresh.Refresher;
import dev.scaffold.state.State;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Plan and apply for tier tests, as the commands run them: the engine's planner and applier on the AWS handlers. */
final class PlanAndApply {

    /** Where the emulator's tests run. */
    static final DiffInput.Location LOCATION = new DiffInput.Location("us-east-1", "123456789012");

    private PlanAndApply() {
    }

    record Planned(Plan plan, Actual actual) {
    }

    /**
     * Refreshes and diffs, as {@code scaffold plan} does.
     *
     * @param state the stored state, or {@code null} for a stack never applied
     */
    static Planned plan(HandlerRegistry handlers, Blueprint blueprint, State state, PlanMode mode) {
        Stack stack = Stack.of(blueprint, new Components().expansion(blueprint));
        Planner.Result result = new Planner(handlers, new Refresher(handlers, 4))
                .refreshAndPlan(stack, state, LOCATION, new PlanOptions(mode, Set.of(), true));
        return new Planned(result.plan(), result.refreshed());
    }

    /**
     * Applies a plan with the applier, as {@code scaffold apply} does, and returns the state it wrote last.
     *
     * @param state the stored state, or {@code null} for a stack never applied
     */
    static State apply(Blueprint blueprint, Plan plan, State state, HandlerRegistry handlers) {
        ExecutionResult result = run(blueprint, plan, state, handlers);
        if (!result.succeeded()) {
            throw new AssertionError("apply failed: " + result.failures().stream()
                    .map(ResourceOutcome::describe).toList());
        }
        return result.state();
    }

    /** Applies a plan and returns what happened, failures included. */
    static ExecutionResult run(Blueprint blueprint, Plan plan, State state, HandlerRegistry handlers) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try {
            State start = Applier.startingState(plan, state);
            Stack stack = Stack.of(blueprint, new Components().expansion(blueprint));
            return new Applier().apply(stack, ExecutionRequest.of(plan, handlers, start,
                    new InMemoryStateStore(start), scheduler));
        } finally {
            scheduler.shutdownNow();
        }
    }
}
