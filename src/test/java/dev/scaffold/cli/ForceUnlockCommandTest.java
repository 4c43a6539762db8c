package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.state.LocalStateStore;
import dev.scaffold.state.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForceUnlockCommandTest {

    @TempDir
    Path dir;

    private Path blueprint;
    private LocalStateStore store;

    @BeforeEach
    void givenAStackWhoseRunDiedHoldingTheLock() throws IOException {
        blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, "blueprint: shop\nregion: us-east-1\nloadBalancers:\n  web: {}\n");
        store = new LocalStateStore(dir, "shop", null);
    }

    @Test
    void forceRemovesTheLockWithTheGivenId() {
        StateLock abandoned = store.lock("apply");

        CommandLineRun run = CommandLineRun.of("force-unlock", abandoned.id(), "--force", "-f", blueprint.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Removed the lock " + abandoned.id());
        assertThat(store.lockHolder()).isEmpty();
    }

    @Test
    void aWrongIdLeavesTheLockInPlace() {
        StateLock held = store.lock("apply");

        CommandLineRun run = CommandLineRun.of("force-unlock", "not-the-id", "--force", "-f", blueprint.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains(held.id());
        assertThat(store.lockHolder()).isPresent();
    }

    @Test
    void withoutATerminalItNeedsForce() {
        StateLock held = store.lock("apply");

        CommandLineRun run = CommandLineRun.of("force-unlock", held.id(), "-f", blueprint.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("--force");
        assertThat(store.lockHolder()).isPresent();
    }

    @Test
    void aLockedStateNamesTheHolderAndTheIdToUnlock() {
        StateLock held = store.lock("apply");

        CommandLineRun plan = CommandLineRun.of("plan", "-f", blueprint.toString(), "--endpoint-url", "http://127.0.0.1:9");

        assertThat(plan.exitCode()).isEqualTo(ExitCodes.LOCKED);
        assertThat(plan.err()).contains("is locked by").contains("(pid ").contains("apply").contains("since")
                .contains("scaffold force-unlock " + held.id());
    }
}
