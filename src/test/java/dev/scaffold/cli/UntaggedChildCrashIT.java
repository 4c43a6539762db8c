package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.JavaCommand;
import dev.scaffold.testing.StackInEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener is a child the emulator's tagging read does not return ({@code EmulatorGaps.TAGGING_API_OMITS_LISTENERS}),
 * so after a crash right after its create the next apply can find it only by name: on its load balancer's port,
 * as the blueprint names it. Either way a crash ends, the next apply leaves exactly one listener.
 */
@ExtendWith(AwsEmulator.class)
class UntaggedChildCrashIT {

    @TempDir
    Path dir;

    @Test
    void anApplyKilledRightAfterAListenersCreateLeavesExactlyOneListenerAfterTheNextApply(EmulatorTarget emulator,
                                                                                          AwsClients aws) throws Exception {
        String stack = StackInEmulator.uniqueName("child-", dir);
        Path blueprint = blueprint(stack);
        CountDownLatch created = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint())) {
            // The emulator makes the listener; its answer never reaches the apply, which is killed meanwhile.
            proxy.shapeAnswers((operation, body) -> {
                if (operation.equals("CreateListener")) {
                    created.countDown();
                    never.await();
                }
                return body;
            });
            Process first = new ProcessBuilder(JavaCommand.of(Main.class, JavaCommand.EMULATOR_CREDENTIALS,
                    "apply", "--auto-approve", "-f", blueprint.toString(), "--endpoint-url", proxy.endpoint().toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                assertThat(created.await(60, TimeUnit.SECONDS)).as("the apply created its listener").isTrue();
            } finally {
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                never.countDown();
            }
        }
        assertThat(recorded(stack)).as("the kill came before the listener was recorded")
                .doesNotContain("loadBalancers.web.listener-http");

        CommandLineRun again = CommandLineRun.of(Map.of(), "apply", "--auto-approve", "-f", blueprint.toString(),
                "--endpoint-url", emulator.endpoint().toString());

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("loadBalancers.web.listener-http will be adopted as it is");
        assertThat(StackInEmulator.listenerArns(aws, stack)).hasSize(1);
        assertThat(recorded(stack)).contains("loadBalancers.web.listener-http");
    }

    @Test
    void aListenerCreateWhoseAnswerIsLostIsMadeOnce(EmulatorTarget emulator, AwsClients aws) throws Exception {
        String stack = StackInEmulator.uniqueName("child-", dir);
        Path blueprint = blueprint(stack);
        CommandLineRun apply;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint())) {
            // AWS answers the retry of a create it carried out with what it made; the emulator would make another.
            proxy.replayLostAnswersOf(Set.of("CreateListener"));
            proxy.inject("CreateListener", FaultInjectingProxy.Fault.LOST_RESPONSE);

            apply = CommandLineRun.of(Map.of(), "apply", "--auto-approve", "-f", blueprint.toString(),
                    "--endpoint-url", proxy.endpoint().toString());

            assertThat(proxy.injected()).containsExactly("LOST_RESPONSE CreateListener");
        }

        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(StackInEmulator.listenerArns(aws, stack)).hasSize(1);
        CommandLineRun plan = CommandLineRun.of(Map.of(), "plan", "--detailed-exitcode", "-f", blueprint.toString(),
                "--endpoint-url", emulator.endpoint().toString());
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
    }

    private Path blueprint(String stack) throws Exception {
        return Files.writeString(dir.resolve("blueprint.yaml"), """
                blueprint: %s
                region: us-east-1
                loadBalancers:
                  web: { healthCheck: { path: /health } }
                """.formatted(stack));
    }

    private List<String> recorded(String stack) throws Exception {
        Path state = dir.resolve(".scaffold").resolve(stack + ".state.json");
        List<String> addresses = new ArrayList<>();
        new ObjectMapper().readTree(Files.readAllBytes(state)).get("resources").fieldNames()
                .forEachRemaining(addresses::add);
        return addresses;
    }
}
