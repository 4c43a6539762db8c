package dev.scaffold.components;

import static dev.scaffold.components.Blueprints.blueprint;
import static dev.scaffold.components.Blueprints.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.LoadBalancer;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.AttributeChange;
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
import dev.scaffold.refresh.Refresher;
import dev.scaffold.state.State;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.TestApplyContext;
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

    @Test
    void applyThenPlanShowsNoChangesThenAnEditPlansExactlyThatUpdateThenDestroyLeavesNothing(
            AwsClients aws, EmulatorTarget emulator) throws Exception {
        String certificate = Certificates.request(emulator, "shop.example.com");
        HandlerRegistry handlers = new HandlerRegistry(AwsHandlers.all(aws));
        Refresher refresher = new Refresher(handlers, 4);
        Differ differ = new Differ(handlers);
        Blueprint prod = prod(certificate, LoadBalancer.Algorithm.LEAST_OUTSTANDING_REQUESTS, "/health", true);

        State state = State.empty("shop", "prod");
        Plan first = PlanAndApply.plan(differ, refresher, prod, state, PlanMode.NORMAL).plan();
        assertThat(first.changes()).extracting(ResourceChange::action).containsOnly(Action.CREATE).hasSize(5);
        state = PlanAndApply.apply(first, state, handlers);

        PlanAndApply.Planned again = PlanAndApply.plan(differ, refresher, prod, state, PlanMode.NORMAL);
        assertThat(again.plan().changes()).as(describe(again.plan()))
                .extracting(ResourceChange::action).containsOnly(Action.NO_OP);
        assertThat(again.actual().orphans()).isEmpty();
        assertThat(again.actual().callsByOperation()).isEqualTo(Map.of(
                "DescribeVpcs", 1, "DescribeSubnets", 1, "DescribeSecurityGroups", 1,
                "DescribeLoadBalancers", 1, "DescribeTags", 3, "DescribeLoadBalancerAttributes", 1,
                "DescribeTargetGroups", 1, "DescribeTargetGroupAttributes", 1, "DescribeListeners", 1));

        PlanAndApply.Planned afterCrash = PlanAndApply.plan(differ, refresher, prod, State.empty("shop", "prod"),
                PlanMode.NORMAL);
        assertThat(afterCrash.plan().changes()).as("a run that lost its state adopts, never duplicates")
                .allSatisfy(change -> {
                    assertThat(change.action()).isEqualTo(Action.NO_OP);
                    assertThat(change.adopted()).isTrue();
                });
        assertThat(afterCrash.actual().orphans()).hasSize(5);

        Blueprint sticky = prod(certificate, LoadBalancer.Algorithm.STICKY, "/ready", true);
        PlanAndApply.Planned edit = PlanAndApply.plan(differ, refresher, sticky, state, PlanMode.NORMAL);
        List<ResourceChange> changing = edit.plan().changes().stream().filter(c -> c.action().isChange()).toList();
        assertThat(changing).singleElement().satisfies(change -> {
            assertThat(change.address()).isEqualTo(TARGET_GROUP);
            assertThat(change.action()).isEqualTo(Action.UPDATE);
            assertThat(change.changes()).extracting(AttributeChange::name)
                    .containsExactlyInAnyOrder("healthCheckPath", "loadBalancingAlgorithm", "stickinessEnabled");
        });
        state = PlanAndApply.apply(edit.plan(), state, handlers);
        assertThat(PlanAndApply.plan(differ, refresher, sticky, state, PlanMode.NORMAL).plan().hasChanges()).isFalse();

        Observed protectedAlb = edit.actual().resources().get(ALB);
        assertThat(protectedAlb.attributes()).containsEntry("deletionProtection", true);
        assertThatThrownBy(() -> handlers.handler(protectedAlb.type())
                .delete(protectedAlb, new TestApplyContext(ALB)).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ScaffoldException.class).hasMessageContaining("deletion protection");

        Blueprint lowered = prod(certificate, LoadBalancer.Algorithm.STICKY, "/ready", false);
        PlanAndApply.Planned lower = PlanAndApply.plan(differ, refresher, lowered, state, PlanMode.NORMAL);
        assertThat(lower.plan().changes().stream().filter(c -> c.action().isChange()))
                .singleElement().satisfies(change -> assertThat(change.address()).isEqualTo(ALB));
        state = PlanAndApply.apply(lower.plan(), state, handlers);
        PlanAndApply.Planned destroyNow = PlanAndApply.plan(differ, refresher, lowered, state, PlanMode.DESTROY);
        state = PlanAndApply.apply(destroyNow.plan(), state, handlers);

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

    private static String describe(Plan plan) {
        StringBuilder text = new StringBuilder();
        plan.changes().stream().filter(c -> c.action().isChange())
                .forEach(c -> text.append(c.action()).append(' ').append(c.address()).append(' ')
                        .append(c.changes()).append('\n'));
        return text.toString();
    }
}
