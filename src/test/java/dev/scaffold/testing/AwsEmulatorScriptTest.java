package dev.scaffold.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/aws-emulator stop} as the build runs it at the end of a passing build: an emulator slow to exit
 * on SIGTERM is killed, and the build's output says only that it stopped; the rest goes to the emulator's log.
 * A stand-in {@code moto_server} that ignores SIGTERM plays the slow emulator, on a copy of the script. The
 * script counts a process that has exited but is not reaped yet (where the parent it was left to, as here, reaps
 * late) as stopped: waiting for such a zombie was what made a passing build say the emulator ignored SIGTERM.
 */
class AwsEmulatorScriptTest {

    private static final String IGNORES_SIGTERM = """
            #!/usr/bin/env python3
            import http.server, signal, sys
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            port = int(sys.argv[sys.argv.index("-p") + 1])
            class Answer(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200)
                    self.end_headers()
                    self.wfile.write(b"{}")
                def log_message(self, *args):
                    pass
            http.server.HTTPServer(("127.0.0.1", port), Answer).serve_forever()
            """;

    @TempDir
    Path dir;

    @Test
    void anEmulatorThatDoesNotExitOnSigtermIsKilledAndTheBuildIsToldOnlyThatItStopped() throws Exception {
        Path script = Files.createDirectories(dir.resolve("project/scripts")).resolve("aws-emulator");
        Files.copy(Path.of("scripts/aws-emulator"), script);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fake = Files.createDirectories(dir.resolve("bin")).resolve("moto_server");
        Files.writeString(fake, IGNORES_SIGTERM);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = freePort();
        assertThat(run(script, port, "start")).startsWith("aws-emulator: started on http://127.0.0.1:" + port);
        Path pidFile = dir.resolve("project/target/aws-emulator-" + port + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());

        String stopped = run(script, port, "stop");

        assertThat(stopped).isEqualTo("aws-emulator: stopped (pid " + pid + ")\n");
        assertThat(running(pid)).as("the stand-in runs").isFalse();
        assertThat(pidFile).doesNotExist();
        assertThat(dir.resolve("project/target/aws-emulator-" + port + ".log")).content()
                .contains("had not exited 1s after SIGTERM").contains("killed it with SIGKILL");
    }

    /** Runs the script with the stand-in first on the PATH; returns its stdout and stderr after checking it exited 0. */
    private String run(Path script, int port, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(script.toString(), command).redirectErrorStream(true);
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("SCAFFOLD_EMULATOR_PORT", Integer.toString(port));
        builder.environment().put("SCAFFOLD_EMULATOR_STOP_SECONDS", "1");
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** Whether a process runs: one that has exited but that no parent has reaped yet (a zombie) does not. */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String fields = Files.readString(stat);
        char state = fields.charAt(fields.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
