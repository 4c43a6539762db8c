package dev.scaffold.apply;

import dev.scaffold.graph.CriticalPath;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.Step;
import dev.scaffold.plan.StepGraph;
import dev.scaffold.schema.Durations;
import dev.scaffold.schema.ResourceTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How long changes typically take, by resource type and kind of change, as each type's schema
 * declares, and so how long a plan will take: the sum of the typical latencies along its longest
 * chain of steps, each replace in the order the plan gives. Also ranks ready work in the executor.
 */
public final class DurationEstimate {

    private final Function<String, Durations> byType;

    private DurationEstimate(Function<String, Durations> byType) {
        this.byType = byType;
    }

    /** The latencies the schemas of a catalog declare; a type it lacks takes {@link Durations#DEFAULT}. */
    public static DurationEstimate of(ResourceTypes types) {
        return new DurationEstimate(type -> types.contains(type) ? types.get(type).typical() : Durations.DEFAULT);
    }

    /** The same few seconds for every type, {@link Durations#DEFAULT}: what a request estimates unless told. */
    public static DurationEstimate uniform() {
        return new DurationEstimate(type -> Durations.DEFAULT);
    }

    /** One latency per type for every kind of change, e.g. for tests and benchmarks. */
    public static DurationEstimate of(Map<String, Duration> byType, Duration fallback) {
        return new DurationEstimate(type -> Durations.uniform(byType.getOrDefault(type, fallback)));
    }

    /** How long applying a plan will take, and the chain that makes it so. */
    public Estimate estimate(Plan plan) {
        StepGraph steps = StepGraph.of(plan);
        CriticalPath<Step> path = steps.dag().criticalPath(step -> stepMillis(step, steps));
        List<ResourceAddress> chain = new ArrayList<>();
        for (Step step : path.nodes()) {
            if (chain.isEmpty() || !chain.get(chain.size() - 1).equals(step.address())) {
                chain.add(step.address());
            }
        }
        return new Estimate(Duration.ofMillis(path.weight()), chain);
    }

    /** How long one step typically takes, in milliseconds: a delete, a create or an update, of the type it acts on. */
    long stepMillis(Step step, StepGraph steps) {
        Durations typical = byType.apply(steps.type(step));
        if (step.phase() == Step.Phase.DESTROY) {
            return typical.delete().toMillis();
        }
        return (steps.change(step).action() == Action.UPDATE ? typical.update() : typical.create()).toMillis();
    }
}
