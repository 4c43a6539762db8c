package dev.scaffold.components;

import static dev.scaffold.components.Blueprints.blueprint;
import static dev.scaffold.components.Blueprints.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.Differ;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsHandlers;
import dev.scaffold.refresh.Refresher;
import dev.scaffold.state.State;
import dev.scaffold.testing.AwsEmulator;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulator.class)
class ServicePortChangeIT {

    private static final ResourceAddress TARGET_GROUP = ResourceAddress.parse("loadBalancers.web.target-group");
    private static final int BEFORE = 8080;
    private static final int AFTER = 9090;

    @Test
    void newServicePortPlansToReplaceTheTargetGroupAndMoveTheListener(AwsClients aws) {
        Stack stack = new Stack(aws, "plans");

        PlanAndApply.Planned move = stack.plan(AFTER);

        assertThat(move.plan().changes().stream().filter(c -> c.action().isChange())
                .map(c -> c.action() + " " + c.address()))
                .containsExactlyInAnyOrder("REPLACE loadBalancers.web.target-group",
                        "UPDATE loadBalancers.web.listener-http");
        assertThat(move.plan().changes().stream()
                .filter(c -> c.address().equals(TARGET_GROUP)).findFirst().orElseThrow().replaceReasons())
                .containsExactlyInAnyOrder("name", "port");
    }

    @Test
    void newServicePortIsAppliedWithoutDowntime(AwsClients aws) {
        Stack stack = new Stack(aws, "moves");

        stack.apply(stack.plan(AFTER));

        assertThat(stack.plan(AFTER).plan().hasChanges()).isFalse();
        assertThat(targetGroupsOf(aws, "moves")).extracting(TargetGroup::port).containsExactly(AFTER);
        assertThat(stack.state.resources()).allSatisfy((address, resource) -> assertThat(address.isDeposed()).isFalse());
    }

    /** The target groups whose names say they are the stack's. */
    private static List<TargetGroup> targetGroupsOf(AwsClients aws, String stack) {
        return aws.elbv2().describeTargetGroups(r -> r.pageSize(400)).join().targetGroups().stream()
                .filter(group -> group.targetGroupName().startsWith(stack + "-"))
                .toList();
    }

    /** A stack applied with the service on port {@link #BEFORE}. */
    private static final class Stack {
        private final String name;
        private final HandlerRegistry handlers;
        private final Refresher refresher;
        private final Differ differ;
        private State state;

        Stack(AwsClients aws, String name) {
            this.name = name;
            state = State.empty(name, null);
            handlers = new HandlerRegistry(AwsHandlers.all(aws));
            refresher = new Refresher(handlers, 4);
            differ = new Differ(handlers);
            apply(plan(BEFORE));
        }

        PlanAndApply.Planned plan(int port) {
            Blueprint blueprint = blueprint(name, null, false, null, List.of(Blueprints.plainHttp("web")),
                    List.of(service("app", "web", port)));
            return PlanAndApply.plan(differ, refresher, blueprint, state, PlanMode.NORMAL);
        }

        void apply(PlanAndApply.Planned planned) {
            state = PlanAndApply.apply(planned.plan(), state, handlers);
        }
    }
}
