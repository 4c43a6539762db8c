package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.state.LocalStateStore;
import dev.scaffold.testing.JavaCommand;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C or SIGTERM while a plan holds the lock and reads AWS: the run ends with 130 or 143 and leaves
 * neither a lock nor a state behind. "AWS" here is a local socket that takes the plan's first request
 * and never answers, so the signal arrives while the refresh waits.
 */
class InterruptDuringRefreshTest {

    private static final String CERTIFICATE =
            "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0} exits {1}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void givenAPlanWaitingForAws_whenSignalled_thenItExitsWithTheSignalsCodeAndLeavesNoLockAndNoState(
            String signal, int exitCode) throws Exception {
        Path blueprint = Files.copy(Path.of("blueprints", "load-balancer.yaml"), dir.resolve("blueprint.yaml"));
        try (ServerSocket silentAws = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CountDownLatch asked = new CountDownLatch(1);
            Thread listener = new Thread(() -> {
                try (Socket first = silentAws.accept()) {
                    asked.countDown();
                    first.getInputStream().readAllBytes(); // holds the request unanswered until the client goes
                } catch (Exception ignored) {
                    // the socket closes when the test ends
                }
            });
            listener.setDaemon(true);
            listener.start();
            Process plan = new ProcessBuilder(JavaCommand.of(Main.class, JavaCommand.EMULATOR_CREDENTIALS,
                    "plan", "-f", blueprint.toString(), "--var", "certificate=" + CERTIFICATE,
                    "--endpoint-url", "http://127.0.0.1:" + silentAws.getLocalPort()))
                    .redirectErrorStream(true).start();
            try {
                assertThat(asked.await(60, TimeUnit.SECONDS)).as("the plan asked AWS").isTrue();
                LocalStateStore store = new LocalStateStore(dir, "edge", null);
                assertThat(store.lockHolder()).as("the plan holds the lock while it reads").isPresent();

                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(plan.pid())).inheritIO().start();
                assertThat(kill.waitFor()).isZero();

                assertThat(plan.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String output = new String(plan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(plan.exitValue()).as(output).isEqualTo(exitCode);
                assertThat(store.lockFile()).as("released by the process, not only by the kernel").isEmptyFile();
                assertThat(store.file()).doesNotExist();
            } finally {
                plan.destroyForcibly();
            }
        }
    }
}
