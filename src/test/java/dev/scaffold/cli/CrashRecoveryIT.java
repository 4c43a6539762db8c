package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.JavaCommand;
import dev.scaffold.testing.StackInEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 during an apply, then apply again, as a user whose laptop or CI runner died would: the
 * second run needs no force-unlock, says whose lock it took over, and converges with no duplicate.
 * The first apply runs in a separate JVM so that it can really be killed.
 */
@ExtendWith(AwsEmulator.class)
class CrashRecoveryIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed once the state records {0} resources")
    @ValueSource(ints = {0, 1, 3})
    void applyKilledMidwayIsFinishedByTheNextApplyWithoutUnlockingOrDuplicates(int recordedBeforeKill,
                                                                               EmulatorTarget emulator,
                                                                               AwsClients aws) throws Exception {
        String stack = StackInEmulator.uniqueName("crash-", dir);
        Path blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, """
                blueprint: %s
                region: us-east-1
                variables:
                  certificate: { type: string }
                loadBalancers:
                  web:
                    https: { certificate: "${var.certificate}" }
                    healthCheck: { path: /health }
                """.formatted(stack));
        String certificate = Certificates.request(emulator, "crash.example.com");
        List<String> args = List.of("apply", "--auto-approve", "-f", blueprint.toString(),
                "--var", "certificate=" + certificate, "--endpoint-url", emulator.endpoint().toString());
        Path state = dir.resolve(".scaffold").resolve(stack + ".state.json");

        Process first = startInAnotherJvm(args);
        assertThat(waitUntilRecorded(state, recordedBeforeKill, first)).as("killed before it finished").isTrue();
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        CommandLineRun again = CommandLineRun.of(Map.of(), args.toArray(String[]::new));

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.err()).contains("took over the lock of").contains("which is no longer running");
        assertThat(resources(state)).hasSize(5);
        JsonNode recorded = new ObjectMapper().readTree(Files.readAllBytes(state)).get("resources");
        assertThat(recorded.get("loadBalancers.web.listener-https").get("dependencies").toString())
                .as("a recovered record keeps its dependencies")
                .isEqualTo("[\"loadBalancers.web.alb\",\"loadBalancers.web.target-group\"]");
        assertThat(recorded.get("loadBalancers.web.alb").get("dependencies").toString())
                .isEqualTo("[\"loadBalancers.web.security-group\"]");
        assertThat(StackInEmulator.loadBalancerArns(aws, stack)).hasSize(1);
        assertThat(StackInEmulator.targetGroupArns(aws, stack)).hasSize(1);
        assertThat(StackInEmulator.securityGroupIds(aws, stack)).hasSize(1);
        CommandLineRun plan = CommandLineRun.of(Map.of(), "plan", "--detailed-exitcode", "-f", blueprint.toString(),
                "--var", "certificate=" + certificate, "--endpoint-url", emulator.endpoint().toString());
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
    }

    private static Process startInAnotherJvm(List<String> args) throws Exception {
        return new ProcessBuilder(JavaCommand.of(Main.class, JavaCommand.EMULATOR_CREDENTIALS, args))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Waits until the state records {@code count} resources; false when the apply ended first. */
    private static boolean waitUntilRecorded(Path state, int count, Process apply) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!apply.isAlive()) {
                return false;
            }
            if (Files.exists(state) && resourcesIfReadable(state) >= count) {
                return true;
            }
            Thread.sleep(5); // polling a file another process writes; nothing to wait on instead
        }
        throw new AssertionError("the first apply recorded fewer than " + count + " resources in " + DEADLINE);
    }

    private static int resourcesIfReadable(Path state) {
        try {
            return resources(state).size();
        } catch (Exception halfWritten) {
            return -1;
        }
    }

    private static List<String> resources(Path state) throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(state));
        List<String> addresses = new ArrayList<>();
        root.get("resources").fieldNames().forEachRemaining(addresses::add);
        return addresses;
    }
}
