package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.state.LocalStateStore;
import dev.scaffold.state.LockInfo;
import dev.scaffold.state.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForceUnlockCommandTest {

    private static final LockInfo DEAD = new LockInfo("9b2f4c1e-1111-4222-8333-944455556666", "alice", "host1", 4242,
            "apply", Instant.parse("2026-11-28T13:40:00Z"));

    @TempDir
    Path dir;

    private Path blueprint;
    private LocalStateStore store;

    @BeforeEach
    void givenAStack() throws IOException {
        blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, "blueprint: shop\nregion: us-east-1\nloadBalancers:\n  web: {}\n");
        store = new LocalStateStore(dir, "shop", null);
    }

    /** A lock file that names a run that died: the kernel released its lock, its name stayed. */
    private void givenALockLeftByARunThatDied(byte[] content) throws IOException {
        Files.createDirectories(store.lockFile().getParent());
        Files.write(store.lockFile(), content);
    }

    @Test
    void forceRemovesTheLockOfADeadRunWithTheGivenId() throws IOException {
        givenALockLeftByARunThatDied(DEAD.toJson());

        CommandLineRun run = CommandLineRun.of("force-unlock", DEAD.id(), "--force", "-f", blueprint.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Removed the lock " + DEAD.id());
        assertThat(store.lockHolder()).isEmpty();
    }

    @Test
    void aLockFileThatCannotBeReadCanBeRemoved() throws IOException {
        givenALockLeftByARunThatDied("{\"id\": \"9b2f".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        CommandLineRun run = CommandLineRun.of("force-unlock", "9b2f", "-f", blueprint.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(store.lockFile()).isEmptyFile();
    }

    @Test
    void aWrongIdLeavesTheLockInPlace() throws IOException {
        givenALockLeftByARunThatDied(DEAD.toJson());

        CommandLineRun run = CommandLineRun.of("force-unlock", "not-the-id", "--force", "-f", blueprint.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("has id " + DEAD.id() + ", not not-the-id");
        assertThat(store.lockHolder()).contains(DEAD);
    }

    @Test
    void withoutATerminalItNeedsForce() throws IOException {
        givenALockLeftByARunThatDied(DEAD.toJson());

        CommandLineRun run = CommandLineRun.of("force-unlock", DEAD.id(), "-f", blueprint.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("--force");
        assertThat(store.lockHolder()).contains(DEAD);
    }

    @Test
    void aLockARunningProcessHoldsIsNeverRemoved() {
        try (StateLock held = store.lock("apply")) {
            CommandLineRun run = CommandLineRun.of("force-unlock", held.id(), "--force", "-f", blueprint.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.LOCKED);
            assertThat(run.err()).contains("refusing to remove the lock").contains("which is still running")
                    .contains("wait for that run to finish, or stop it");
            assertThat(store.lockHolder().orElseThrow().id()).isEqualTo(held.id());
        }
    }

    @Test
    void aStateThatIsNotLockedHasNothingToUnlock() {
        store.lock("apply").close();

        CommandLineRun run = CommandLineRun.of("force-unlock", "x", "--force", "-f", blueprint.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("is not locked; there is nothing to unlock");
    }

    @Test
    void aLockedStateNamesTheHolderAndSaysToWait() {
        try (StateLock held = store.lock("apply")) {
            CommandLineRun plan = CommandLineRun.of("plan", "-f", blueprint.toString(), "--endpoint-url", "http://127.0.0.1:9");

            assertThat(plan.exitCode()).isEqualTo(ExitCodes.LOCKED);
            assertThat(plan.err()).contains("is locked by").contains("(pid " + ProcessHandle.current().pid() + ", apply)")
                    .contains("since").contains("(lock " + held.id() + "), which is still running")
                    .contains("wait for it to finish");
        }
    }
}
