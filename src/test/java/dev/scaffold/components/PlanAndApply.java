package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Differ;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.refresh.Actual;
import dev.scaffold.refresh.Refresher;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import dev.scaffold.testing.TestApplyContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plan and apply for tier tests, built from the real refresher, differ and handlers; the apply is
 * the simplest that follows a plan (one change at a time, in order), not the executor.
 */
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

    /** The simplest apply that follows a plan: one change at a time, in the plan's order. */
    static State apply(Plan plan, State state, HandlerRegistry handlers, Map<ResourceAddress, Observed> actual) {
        Map<ResourceAddress, Observed> live = new HashMap<>(actual);
        State next = state;
        for (ResourceChange change : plan.changes()) {
            ResourceHandler handler = handlers.handler(change.type());
            TestApplyContext ctx = new TestApplyContext(change.address());
            switch (change.action()) {
                case CREATE -> {
                    Observed created = handler.create(resolved(change.desired(), live), ctx).join();
                    live.put(change.address(), created);
                    next = next.with(record(created, change));
                }
                case UPDATE -> {
                    Observed updated = handler.update(resolved(change.desired(), live), live.get(change.address()), ctx)
                            .join();
                    live.put(change.address(), updated);
                    next = next.with(record(updated, change));
                }
                case DELETE -> {
                    handler.delete(live.get(change.address()), ctx).join();
                    live.remove(change.address());
                    next = next.without(change.address());
                }
                case NO_OP -> { }
                case REPLACE -> throw new AssertionError("no replace expected: " + change);
            }
        }
        return next;
    }

    private static ResourceState record(Observed observed, ResourceChange change) {
        return new ResourceState(observed.address(), observed.type(), observed.physicalId(), observed.arn(),
                observed.attributes(), change.dependencies(), ResourceStatus.OK);
    }

    private static ResourceSpec resolved(ResourceSpec spec, Map<ResourceAddress, Observed> live) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        spec.attributes().forEach((name, value) -> attributes.put(name, resolve(value, live)));
        return spec.withAttributes(attributes);
    }

    private static Object resolve(Object value, Map<ResourceAddress, Observed> live) {
        if (value instanceof Ref ref) {
            return live.get(ref.address()).attribute(ref.attribute());
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> resolved.put(k, resolve(v, live)));
            return resolved;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(v -> resolve(v, live)).toList();
        }
        return value;
    }

}
