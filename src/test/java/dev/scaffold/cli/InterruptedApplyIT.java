package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.state.LocalStateStore;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.AwsLatencies;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.JavaCommand;
import dev.scaffold.testing.StackInEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT) and SIGTERM (a cancelled CI job) during a real {@code scaffold apply}, in a JVM of
 * its own so that it gets real signals: the run starts nothing new, lets its calls finish, writes the
 * state, releases the lock and exits 130 or 143; the next apply finishes the stack from that state
 * with nothing created twice. The load balancer is kept provisioning (through a proxy that shapes the
 * emulator's answers as AWS's timing would) so that the signal arrives while the apply waits for it.
 *
 * <p>At the confirmation prompt the apply runs on a pseudo-terminal that {@code script} (util-linux)
 * gives it, as a user's shell would, and Ctrl-C is the byte a keyboard sends, which the terminal turns
 * into SIGINT.
 */
@ExtendWith(AwsEmulator.class)
class InterruptedApplyIT {

    private static final String QUESTION = "Do you want to apply these changes? Only 'yes' is accepted: ";
    private static final byte CTRL_C = 3;

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ResourceAddress ALB = ResourceAddress.parse("loadBalancers.web.alb");

    @TempDir
    Path dir;

    private Path blueprint;
    private String certificate;

    @ParameterizedTest(name = "SIG{0} exits {1}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void givenAnApplyWaitingForAWS_whenSignalled_thenItWritesTheStateReleasesTheLockAndExitsWithTheSignalsCode(
            String signal, int exitCode, EmulatorTarget emulator, AwsClients aws) throws Exception {
        String stack = StackInEmulator.uniqueName("interrupt-", dir);
        givenAStack(stack, emulator);
        LocalStateStore store = new LocalStateStore(dir, stack, null);
        Path output = dir.resolve("apply.out");

        try (FaultInjectingProxy slowAws = FaultInjectingProxy.passThrough(emulator.endpoint())) {
            slowAws.shapeAnswers(new AwsLatencies(Duration.ZERO, Duration.ofHours(1)));
            Process apply = new ProcessBuilder(JavaCommand.of(Main.class, JavaCommand.EMULATOR_CREDENTIALS,
                    applyArgs(slowAws.endpoint().toString(), true)))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                waitUntilCreating(store, ALB, apply, output);

                signal(apply, signal);

                assertThat(apply.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("ended after SIG" + signal).isTrue();
                String printed = Files.readString(output);
                assertThat(apply.exitValue()).as(printed).isEqualTo(exitCode);
                assertThat(printed).contains("interrupted: starting nothing new", "Apply interrupted after");
            } finally {
                apply.destroyForcibly();
            }
        }

        assertThat(store.lockFile()).as("released by the process, not only by the kernel").isEmptyFile();
        State written = store.read().orElseThrow();
        ResourceState alb = written.resources().get(ALB);
        assertThat(alb.status()).as("created, still provisioning when stopped").isEqualTo(ResourceStatus.CREATING);
        assertThat(StackInEmulator.loadBalancerArns(aws, stack)).containsExactly(alb.arn());
        assertThat(StackInEmulator.securityGroupIds(aws, stack)).containsExactly(
                written.resources().get(ResourceAddress.parse("loadBalancers.web.security-group")).physicalId());

        CommandLineRun again = CommandLineRun.of(Map.of(),
                applyArgs(emulator.endpoint().toString(), true).toArray(String[]::new));

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(store.read().orElseThrow().lineage()).isEqualTo(written.lineage());
        assertThat(store.read().orElseThrow().resources().get(ALB).status()).isEqualTo(ResourceStatus.OK);
        assertThat(StackInEmulator.loadBalancerArns(aws, stack)).containsExactly(alb.arn());
        assertThat(StackInEmulator.targetGroupArns(aws, stack)).hasSize(1);
    }

    @Test
    void givenTheConfirmationPrompt_whenCtrlCIsTyped_thenItPrintsCancelledChangesNothingReleasesTheLockAndExits130(
            EmulatorTarget emulator, AwsClients aws) throws Exception {
        String stack = StackInEmulator.uniqueName("prompt-", dir);
        givenAStack(stack, emulator);
        LocalStateStore store = new LocalStateStore(dir, stack, null);
        Process process = onATerminal(applyArgs(emulator.endpoint().toString(), false));
        try {
            assertThat(readUntil(process.getInputStream(), QUESTION)).endsWith(QUESTION);
            assertThat(store.lockHolder()).as("the lock is held while it asks").isPresent();

            process.getOutputStream().write(CTRL_C);
            process.getOutputStream().flush();

            assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).contains("cancelled");
            assertThat(process.exitValue()).as(rest).isEqualTo(ExitCodes.INTERRUPTED);
        } finally {
            process.destroyForcibly();
        }
        assertThat(store.lockFile()).isEmptyFile();
        assertThat(store.file()).as("nothing was recorded").doesNotExist();
        assertThat(StackInEmulator.loadBalancerArns(aws, stack)).as("nothing was created").isEmpty();
    }

    @Test
    void givenTheConfirmationPrompt_whenSigtermArrives_thenItPrintsCancelledChangesNothingReleasesTheLockAndExits143(
            EmulatorTarget emulator, AwsClients aws) throws Exception {
        String stack = StackInEmulator.uniqueName("prompt-", dir);
        givenAStack(stack, emulator);
        LocalStateStore store = new LocalStateStore(dir, stack, null);
        Process process = onATerminal(applyArgs(emulator.endpoint().toString(), false));
        try {
            assertThat(readUntil(process.getInputStream(), QUESTION)).endsWith(QUESTION);
            // The terminal's process is script; scaffold is the one process it runs.
            ProcessHandle scaffold = process.toHandle().descendants().findFirst().orElseThrow();

            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(scaffold.pid())).inheritIO().start().waitFor())
                    .isZero();

            assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).contains("cancelled");
            assertThat(process.exitValue()).as(rest).isEqualTo(ExitCodes.TERMINATED);
        } finally {
            process.destroyForcibly();
        }
        assertThat(store.lockFile()).isEmptyFile();
        assertThat(store.file()).as("nothing was recorded").doesNotExist();
        assertThat(StackInEmulator.loadBalancerArns(aws, stack)).as("nothing was created").isEmpty();
    }

    @Test
    void givenTheConfirmationPrompt_whenYesIsTyped_thenTheApplyGoesOnAndReleasesTheLockAtTheEnd(
            EmulatorTarget emulator, AwsClients aws) throws Exception {
        String stack = StackInEmulator.uniqueName("prompt-", dir);
        givenAStack(stack, emulator);
        LocalStateStore store = new LocalStateStore(dir, stack, null);
        Process process = onATerminal(applyArgs(emulator.endpoint().toString(), false));
        try {
            readUntil(process.getInputStream(), QUESTION);

            process.getOutputStream().write("yes\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();

            String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(rest).isZero();
            assertThat(rest).contains("Apply complete");
        } finally {
            process.destroyForcibly();
        }
        assertThat(store.lockFile()).isEmptyFile();
        assertThat(store.read().orElseThrow().resources().get(ALB).status()).isEqualTo(ResourceStatus.OK);
        assertThat(StackInEmulator.loadBalancerArns(aws, stack)).hasSize(1);
    }

    /** A blueprint of one load balancer with HTTPS, for stack {@code stack}, in {@link #dir}. */
    private void givenAStack(String stack, EmulatorTarget emulator) throws Exception {
        blueprint = dir.resolve("blueprint.yaml");
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
        certificate = Certificates.request(emulator, stack + ".example.com");
    }

    /** The arguments of an apply of that blueprint, through {@code endpoint}. */
    private List<String> applyArgs(String endpoint, boolean autoApprove) {
        List<String> args = new ArrayList<>(List.of("apply", "-f", blueprint.toString(),
                "--var", "certificate=" + certificate, "--endpoint-url", endpoint));
        if (autoApprove) {
            args.add(1, "--auto-approve");
        }
        return args;
    }

    /**
     * Starts scaffold with {@code args} in a JVM of its own on a pseudo-terminal: its stdin, stdout,
     * stderr and {@code /dev/tty} are the terminal, whose keyboard is this process's stdin and whose
     * screen its stdout.
     */
    private static Process onATerminal(List<String> args) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")),
                "script (util-linux) is needed to give the apply a terminal");
        String command = JavaCommand.of(Main.class, JavaCommand.EMULATOR_CREDENTIALS, args).stream()
                .map(word -> "'" + word.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        return new ProcessBuilder("/usr/bin/script", "--quiet", "--flush", "--return", "--command", "exec " + command,
                "/dev/null").redirectErrorStream(true).start();
    }

    // Reads byte by byte, so nothing after the expected text is taken from the stream.
    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder read = new StringBuilder();
        int next;
        while (!read.toString().endsWith(end) && (next = in.read()) >= 0) {
            read.append((char) next);
        }
        return read.toString();
    }

    private static void signal(Process process, String signal) throws Exception {
        // Not Process.destroy(), which sends SIGTERM only and closes the child's streams as well.
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    /** Waits until the state records {@code address} as created but not yet usable, i.e. the apply waits for it. */
    private static void waitUntilCreating(LocalStateStore store, ResourceAddress address, Process apply, Path output)
            throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!apply.isAlive()) {
                throw new AssertionError("the apply ended before it was signalled: " + Files.readString(output));
            }
            ResourceState recorded = recordedIfReadable(store, address);
            if (recorded != null && recorded.status() == ResourceStatus.CREATING) {
                return;
            }
            Thread.sleep(20); // polling a file another process writes; nothing to wait on instead
        }
        throw new AssertionError("the apply did not record " + address + " in " + DEADLINE + ": "
                + Files.readString(output));
    }

    private static ResourceState recordedIfReadable(LocalStateStore store, ResourceAddress address) {
        try {
            return store.read().map(state -> state.resources().get(address)).orElse(null);
        } catch (RuntimeException notYetWritten) {
            return null;
        }
    }
}
