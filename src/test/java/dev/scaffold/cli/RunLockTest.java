package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.state.LocalStateStore;
import dev.scaffold.state.LockInfo;
import dev.scaffold.state.StateLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Help;

/**
 * Taking the lock for a command. What signals do to a command that holds it is tested on real runs:
 * {@link InterruptDuringRefreshTest} (a plan waiting for AWS) and {@code InterruptedApplyIT} (an apply
 * at its prompt and while it waits for AWS).
 */
class RunLockTest {

    @TempDir
    Path dir;

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

    private void leaveTheLockOfARunThatDied() throws IOException {
        LockInfo alice = new LockInfo("9b2f4c1e-1111-4222-8333-944455556666", "alice", "host1", 4242, "apply",
                Instant.parse("2026-11-28T13:40:00Z"));
        Files.createDirectories(store().lockFile().getParent());
        Files.write(store().lockFile(), alice.toJson());
    }

    /** Notes and errors as text, as a command without {@code -q} or {@code --log-format json} prints them. */
    private static Messages textMessages(PrintWriter err) {
        return new Messages(err, LoggingOptions.LogFormat.text, false, Help.defaultColorScheme(Help.Ansi.OFF),
                Redaction.of(Map.of()));
    }
}
