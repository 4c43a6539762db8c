package dev.scaffold.components;

import static dev.scaffold.components.Blueprints.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.apply.CancellationToken;
import dev.scaffold.apply.ExecutionRequest;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.Executor;
import dev.scaffold.apply.InMemoryStateStore;
import dev.scaffold.apply.ProgressListener;
import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsProvider;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.State;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

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
                .containsExactlyInAnyOrder("CREATE_THEN_DELETE loadBalancers.web.target-group",
                        "UPDATE loadBalancers.web.listener-http", "UPDATE services.app.security-group",
                        "UPDATE services.app.group");
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

    @Test
    void aRunStoppedWhileBothGroupsExistIsFinishedByTheNextApply(AwsClients aws) {
        Stack stack = new Stack(aws, "resumes");
        String oldGroup = stack.state.resources().get(TARGET_GROUP).physicalId();

        ExecutionResult stopped = stack.applyUntilCreated(stack.plan(AFTER), TARGET_GROUP);

        assertThat(stopped.interrupted()).isTrue();
        assertThat(stopped.state().resources().get(TARGET_GROUP.deposed(oldGroup)).physicalId()).isEqualTo(oldGroup);
        assertThat(targetGroupsOf(aws, "resumes")).hasSize(2);
        PlanAndApply.Planned resume = stack.plan(AFTER);
        assertThat(resume.plan().changes().stream().filter(c -> c.action().isChange())
                .map(c -> c.action() + " " + c.address()))
                .containsExactlyInAnyOrder("DELETE " + TARGET_GROUP.deposed(oldGroup),
                        "UPDATE loadBalancers.web.listener-http", "UPDATE services.app.group");

        stack.apply(resume);

        assertThat(stack.plan(AFTER).plan().hasChanges()).isFalse();
        assertThat(targetGroupsOf(aws, "resumes")).extracting(TargetGroup::port).containsExactly(AFTER);
    }

    @Test
    void aGroupCreatedByARunThatStoppedBeforeRecordingItIsDeletedAndMadeAgain(AwsClients aws) {
        Stack stack = new Stack(aws, "leftover");
        String vpcId = (String) stack.state.resources().get(TARGET_GROUP).attributes().get("vpcId");
        String leftover = Clients.elbv2(aws).createTargetGroup(r -> r.name("leftover-web-" + AFTER).protocol("HTTP")
                .port(AFTER).vpcId(vpcId).targetType("instance").tags(
                        t -> t.key(StackTags.STACK).value("leftover"),
                        t -> t.key(StackTags.ENVIRONMENT).value(StackTags.DEFAULT_ENVIRONMENT),
                        t -> t.key(StackTags.ADDRESS).value(TARGET_GROUP.toString()),
                        t -> t.key(StackTags.LINEAGE).value(stack.state.lineage().toString())))
                .join().targetGroups().get(0).targetGroupArn();

        PlanAndApply.Planned move = stack.plan(AFTER);

        assertThat(move.plan().changes().stream().filter(c -> c.action().isChange())
                .map(c -> c.action() + " " + c.address()))
                .containsExactlyInAnyOrder("DELETE " + TARGET_GROUP.deposed(leftover),
                        "CREATE_THEN_DELETE " + TARGET_GROUP, "UPDATE loadBalancers.web.listener-http",
                        "UPDATE services.app.security-group", "UPDATE services.app.group");

        stack.apply(move);

        assertThat(stack.plan(AFTER).plan().hasChanges()).isFalse();
        assertThat(targetGroupsOf(aws, "leftover")).extracting(TargetGroup::targetGroupArn)
                .containsExactly(stack.state.resources().get(TARGET_GROUP).physicalId())
                .doesNotContain(leftover);
    }

    /** The target groups whose names say they are the stack's. */
    private static List<TargetGroup> targetGroupsOf(AwsClients aws, String stack) {
        return Clients.elbv2(aws).describeTargetGroups(r -> r.pageSize(400)).join().targetGroups().stream()
                .filter(group -> group.targetGroupName().startsWith(stack + "-"))
                .toList();
    }

    /** A stack applied with the service on port {@link #BEFORE}. */
    private static final class Stack {
        private final String name;
        private final HandlerRegistry handlers;
        private State state;
        private int port;

        Stack(AwsClients aws, String name) {
            this.name = name;
            handlers = AwsProvider.handlers(aws);
            apply(plan(BEFORE));
        }

        private Blueprint blueprint(int targetPort) {
            return Blueprints.blueprint(name, null, false, null, List.of(Blueprints.plainHttp("web")),
                    List.of(service("app", "web", targetPort)));
        }

        PlanAndApply.Planned plan(int targetPort) {
            port = targetPort;
            return PlanAndApply.plan(handlers, blueprint(targetPort), state, PlanMode.NORMAL);
        }

        void apply(PlanAndApply.Planned planned) {
            state = PlanAndApply.apply(blueprint(port), planned.plan(), state, handlers);
        }

        /** Applies as if Ctrl-C came the moment one resource was created. */
        ExecutionResult applyUntilCreated(PlanAndApply.Planned planned, ResourceAddress created) {
            CancellationToken ctrlC = new CancellationToken();
            ProgressListener interrupt = new ProgressListener() {
                @Override
                public void finished(ResourceAddress address, Action action, Duration elapsed) {
                    if (address.equals(created) && action == Action.CREATE) {
                        ctrlC.cancel();
                    }
                }
            };
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
            try {
                ExecutionResult result = new Executor().execute(ExecutionRequest.of(planned.plan(), handlers, state,
                        new InMemoryStateStore(state), scheduler).withCancellation(ctrlC).withProgress(interrupt));
                state = result.state();
                return result;
            } finally {
                scheduler.shutdownNow();
            }
        }
    }
}
