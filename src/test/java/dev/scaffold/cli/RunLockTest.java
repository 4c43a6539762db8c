package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.state.LocalStateStore;
import dev.scaffold.state.LockInfo;
import dev.scaffold.state.StateLock;
import dev.scaffold.testing.JavaCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Help;

class RunLockTest {

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void endTheProcess() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private LocalStateStore store() {
        return new LocalStateStore(dir, "shop", null);
    }

    @Test
    void givenALockLeftByARunThatDied_whenACommandTakesIt_thenItNotesWhoseItWas() throws Exception {
        leaveTheLockOfARunThatDied();
        StringWriter err = new StringWriter();

        try (StateLock lock = RunLock.take(store(), "plan", textMessages(new PrintWriter(err, true)))) {
            assertThat(err.toString()).isEqualTo("note: took over the lock of alice@host1 (pid 4242, apply)"
                    + " since 2026-11-28T13:40:00Z, which is no longer running" + System.lineSeparator());
        }
        assertThat(store().lockFile()).isEmptyFile();
    }

    @Test
    void givenALockLeftByARunThatDied_whenTakenQuietly_thenNothingIsPrinted() throws Exception {
        leaveTheLockOfARunThatDied();
        StringWriter err = new StringWriter();
        Messages quiet = new Messages(new PrintWriter(err, true), LoggingOptions.LogFormat.text, true,
                Help.defaultColorScheme(Help.Ansi.OFF), Redaction.of(Map.of()));

        try (StateLock lock = RunLock.take(store(), "plan", quiet)) {
            assertThat(err.toString()).as("-q leaves only errors").isEmpty();
        }
    }

    @Test
    void givenACommandHoldingTheLock_whenSigtermArrives_thenItReleasesTheLockAndExits143() throws Exception {
        start("wait");

        signal("TERM"); // not Process.destroy(), which also closes the child's stdin and so races the signal

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.TERMINATED);
        assertThat(store().lockFile()).as("released by the process, not only by the kernel").isEmptyFile();
    }

    @Test
    void givenAnApplyInProgress_whenSigtermArrives_thenItStopsWritesTheStateReleasesTheLockAndExits143() throws Exception {
        start("apply");
        assertThat(readUntil(process.getInputStream(), "applying\n")).endsWith("applying\n");

        signal("TERM");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.TERMINATED);
        assertThat(store().read()).as("the state written after the stop request").isPresent();
        assertThat(store().lockFile()).isEmptyFile();
    }

    @Test
    void givenAnApplyInProgress_whenCtrlC_thenItStopsWritesTheStateAndExits130() throws Exception {
        start("apply");
        assertThat(readUntil(process.getInputStream(), "applying\n")).endsWith("applying\n");

        signal("INT");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(store().read()).isPresent();
        assertThat(store().lockFile()).isEmptyFile();
    }

    @Test
    void givenTheConfirmationPrompt_whenCtrlC_thenItPrintsCancelledReleasesTheLockAndExits130() throws Exception {
        start("prompt");
        String question = "Do you want to apply these changes? Only 'yes' is accepted: ";
        assertThat(readUntil(process.getInputStream(), question)).endsWith(question);

        signal("INT");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("cancelled\n");
        assertThat(process.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(store().lockFile()).isEmptyFile();
    }

    @Test
    void givenTheConfirmationPrompt_whenYesIsTyped_thenTheRunGoesOnAndReleasesTheLockAtTheEnd() throws Exception {
        start("prompt");
        readUntil(process.getInputStream(), "accepted: ");

        process.getOutputStream().write("yes\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("confirmed\n");
        assertThat(process.exitValue()).isZero();
        assertThat(store().lockFile()).isEmptyFile();
    }

    private void leaveTheLockOfARunThatDied() throws IOException {
        LockInfo alice = new LockInfo("9b2f4c1e-1111-4222-8333-944455556666", "alice", "host1", 4242, "apply",
                Instant.parse("2026-11-28T13:40:00Z"));
        Files.createDirectories(store().lockFile().getParent());
        Files.write(store().lockFile(), alice.toJson());
    }

    /** Notes and errors as text, as a command without {@code -q} or {@code --log-format json} prints them. */
    static Messages textMessages(PrintWriter err) {
        return new Messages(err, LoggingOptions.LogFormat.text, false, Help.defaultColorScheme(Help.Ansi.OFF),
                Redaction.of(Map.of()));
    }

    /** Starts {@link LockHoldingProcess} and waits until it holds the lock. */
    private void start(String mode) throws IOException {
        process = new ProcessBuilder(JavaCommand.of(LockHoldingProcess.class, List.of(), dir.toString(), mode))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(readUntil(process.getInputStream(), "\n")).startsWith("locked ");
        assertThat(store().lockHolder()).isPresent();
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
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
}
