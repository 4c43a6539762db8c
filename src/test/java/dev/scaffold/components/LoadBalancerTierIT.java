package dev.scaffold.components;

import static dev.scaffold.components.Blueprints.blueprint;
import static dev.scaffold.components.Blueprints.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.LoadBalancer;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Differ;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsHandlers;
import dev.scaffold.refresh.Actual;
import dev.scaffold.refresh.Refresher;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.TestApplyContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load-balancer tier end to end against the emulator, as a user drives it: plan, apply, plan
 * again (no changes), edit, plan (exactly that update), apply, destroy.
 */
@ExtendWith(AwsEmulator.class)
class LoadBalancerTierIT {

    private static final ResourceAddress ALB = ResourceAddress.parse("loadBalancers.web.alb");
    private static final ResourceAddress TARGET_GROUP = ResourceAddress.parse("loadBalancers.web.target-group");

    private final Components components = new Components();

    @Test
    void applyThenPlanShowsNoChangesThenAnEditPlansExactlyThatUpdateThenDestroyLeavesNothing(
            AwsClients aws, EmulatorTarget emulator) throws Exception {
        String certificate = Certificates.request(emulator, "shop.example.com");
        HandlerRegistry handlers = new HandlerRegistry(AwsHandlers.all(aws));
        Refresher refresher = new Refresher(handlers, 4);
        Differ differ = new Differ(handlers);
        Blueprint prod = prod(certificate, LoadBalancer.Algorithm.LEAST_OUTSTANDING_REQUESTS, "/health", true);

        State state = State.empty("shop", "prod");
        Plan first = plan(differ, refresher, prod, state, PlanMode.NORMAL).plan();
        assertThat(first.changes()).extracting(ResourceChange::action).containsOnly(Action.CREATE).hasSize(5);
        state = apply(first, state, handlers, Map.of());

        Planned again = plan(differ, refresher, prod, state, PlanMode.NORMAL);
        assertThat(again.plan().changes()).as(describe(again.plan()))
                .extracting(ResourceChange::action).containsOnly(Action.NO_OP);
        assertThat(again.actual().orphans()).isEmpty();
        assertThat(again.actual().callsByOperation()).isEqualTo(Map.of(
                "DescribeVpcs", 1, "DescribeSubnets", 1, "DescribeSecurityGroups", 1,
                "DescribeLoadBalancers", 2, "DescribeTags", 4, "DescribeLoadBalancerAttributes", 1,
                "DescribeTargetGroups", 1, "DescribeTargetGroupAttributes", 1, "DescribeListeners", 1));

        Blueprint sticky = prod(certificate, LoadBalancer.Algorithm.STICKY, "/ready", true);
        Planned edit = plan(differ, refresher, sticky, state, PlanMode.NORMAL);
        List<ResourceChange> changing = edit.plan().changes().stream().filter(c -> c.action().isChange()).toList();
        assertThat(changing).singleElement().satisfies(change -> {
            assertThat(change.address()).isEqualTo(TARGET_GROUP);
            assertThat(change.action()).isEqualTo(Action.UPDATE);
            assertThat(change.changes()).extracting(AttributeChange::name)
                    .containsExactlyInAnyOrder("healthCheckPath", "loadBalancingAlgorithm", "stickinessEnabled");
        });
        state = apply(edit.plan(), state, handlers, edit.actual().resources());
        assertThat(plan(differ, refresher, sticky, state, PlanMode.NORMAL).plan().hasChanges()).isFalse();

        Observed protectedAlb = edit.actual().resources().get(ALB);
        assertThat(protectedAlb.attributes()).containsEntry("deletionProtection", true);
        assertThatThrownBy(() -> handlers.handler(protectedAlb.type())
                .delete(protectedAlb, new TestApplyContext(ALB)).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ScaffoldException.class).hasMessageContaining("deletion protection");

        Blueprint lowered = prod(certificate, LoadBalancer.Algorithm.STICKY, "/ready", false);
        Planned lower = plan(differ, refresher, lowered, state, PlanMode.NORMAL);
        assertThat(lower.plan().changes().stream().filter(c -> c.action().isChange()))
                .singleElement().satisfies(change -> assertThat(change.address()).isEqualTo(ALB));
        state = apply(lower.plan(), state, handlers, lower.actual().resources());
        Planned destroyNow = plan(differ, refresher, lowered, state, PlanMode.DESTROY);
        state = apply(destroyNow.plan(), state, handlers, destroyNow.actual().resources());

        assertThat(state.resources()).isEmpty();
        ReadContext stack = new ReadContext("shop", "prod");
        for (ResourceHandler handler : handlers.all()) {
            assertThat(handler.read(List.of(), stack)).as("left of %s", handler.type()).isEmpty();
        }
    }

    private Blueprint prod(String certificate, LoadBalancer.Algorithm algorithm, String healthPath, boolean production) {
        LoadBalancer web = new LoadBalancer("web", algorithm,
                new LoadBalancer.Https(certificate, Blueprints.TLS_POLICY, null), true,
                new LoadBalancer.HealthCheck(healthPath, 15, 2, 3), null, 60);
        return blueprint("prod", production, null, List.of(web), List.of(service("app", "web", 8080)));
    }

    private record Planned(Plan plan, Actual actual) {
    }

    private Planned plan(Differ differ, Refresher refresher, Blueprint blueprint, State state, PlanMode mode) {
        List<ResourceSpec> specs = mode == PlanMode.DESTROY ? List.of() : components.expand(blueprint);
        Actual actual = refresher.refresh(state, specs);
        Plan plan = differ.diff(DiffInput.of(mode, "shop", "prod", "digest", DesiredGraph.of(specs), state,
                actual.resources()));
        return new Planned(plan, actual);
    }

    /** The simplest apply that follows a plan: one change at a time, in the plan's order. */
    private static State apply(Plan plan, State state, HandlerRegistry handlers, Map<ResourceAddress, Observed> actual) {
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

    private static String describe(Plan plan) {
        StringBuilder text = new StringBuilder();
        plan.changes().stream().filter(c -> c.action().isChange())
                .forEach(c -> text.append(c.action()).append(' ').append(c.address()).append(' ')
                        .append(c.changes()).append('\n'));
        return text.toString();
    }
}
