package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.state.LocalStateStore;
import dev.scaffold.state.State;
import dev.scaffold.state.StateCodec;
import dev.scaffold.testing.JavaCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A state whose serial is the largest there is can record no change: a run that would write it is
 * refused when it reads the state, before any AWS call, not after apply has changed AWS. "AWS" is a
 * local socket that counts the connections it is offered.
 */
class SerialLimitTest {

    private static final String CERTIFICATE =
            "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

    @TempDir
    Path dir;

    private ServerSocket aws;
    private final AtomicInteger awsCalls = new AtomicInteger();

    @BeforeEach
    void listenForAwsCalls() throws IOException {
        aws = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!aws.isClosed()) {
                try (var call = aws.accept()) {
                    awsCalls.incrementAndGet();
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    awsCalls.incrementAndGet();
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
    }

    @AfterEach
    void stopListening() throws IOException {
        aws.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"apply", "destroy"})
    void givenAStateWhoseSerialCannotGrow_whenARunWouldWriteIt_thenItIsRefusedBeforeAnyAwsCall(String command)
            throws Exception {
        Path blueprint = Files.copy(Path.of("blueprints", "load-balancer.yaml"), dir.resolve("blueprint.yaml"));
        LocalStateStore store = new LocalStateStore(dir, "edge", null);
        Files.createDirectories(store.file().getParent());
        Files.write(store.file(), new StateCodec().encode(State.empty("edge", null)
                .withLocation("us-east-1", "123456789012").withSerial(Long.MAX_VALUE)));
        byte[] before = Files.readAllBytes(store.file());

        // A JVM of its own, with credentials, so that nothing but the refusal keeps it from calling AWS.
        Process run = new ProcessBuilder(JavaCommand.of(Main.class, JavaCommand.EMULATOR_CREDENTIALS,
                command, "--auto-approve", "-f", blueprint.toString(), "--var", "certificate=" + CERTIFICATE,
                "--endpoint-url", "http://127.0.0.1:" + aws.getLocalPort()))
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(output).isEqualTo(ExitCodes.FAILURE);
        assertThat(output).contains("its serial is 9223372036854775807, the largest there is")
                .contains("set its serial to a smaller number");
        assertThat(awsCalls).as("AWS calls").hasValue(0);
        assertThat(store.file()).hasBinaryContent(before);
        assertThat(store.lockFile()).isEmptyFile();
    }
}
