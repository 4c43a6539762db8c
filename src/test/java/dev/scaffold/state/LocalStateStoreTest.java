package dev.scaffold.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateStoreTest {

    @TempDir
    Path base;

    private LocalStateStore store() {
        return new LocalStateStore(base, "shop", "prod");
    }

    @Test
    void givenNoStateFile_whenRead_thenEmpty() {
        assertThat(store().read()).isEmpty();
    }

    @Test
    void givenAStackAndEnvironment_thenTheFileLivesUnderDotScaffold() {
        assertThat(store().file()).isEqualTo(base.resolve(".scaffold/shop.prod.state.json"));
        assertThat(new LocalStateStore(base, "shop", null).file()).isEqualTo(base.resolve(".scaffold/shop.state.json"));
        assertThat(new LocalStateStore(Path.of("."), "shop", null).location()).isEqualTo(".scaffold/shop.state.json");
    }

    @Test
    void givenAWrittenState_whenRead_thenItComesBackWithSerialOnePastTheStoredOne() {
        LocalStateStore store = store();
        State state = StateCodecTest.sampleState().withSerial(0);

        State first = store.write(state);
        State second = store.write(first.without(StateCodecTest.REPLICA));

        assertThat(first.serial()).isEqualTo(1);
        assertThat(second.serial()).isEqualTo(2);
        assertThat(store.read()).contains(second);
    }

    @Test
    void givenAStaleSerialInTheStateToWrite_whenWritten_thenTheStoredSerialDecides() {
        LocalStateStore store = store();
        store.write(State.empty("shop", "prod").withSerial(0));
        State stored = store.read().orElseThrow();
        store.write(stored);

        State written = store.write(stored);

        assertThat(written.serial()).isEqualTo(3);
    }

    @Test
    void givenAnExistingState_whenWritten_thenThePreviousVersionIsKeptAsBackup() throws Exception {
        LocalStateStore store = store();
        State first = store.write(StateCodecTest.sampleState());
        byte[] firstBytes = Files.readAllBytes(store.file());

        store.write(first.without(StateCodecTest.ALB));

        assertThat(store.backupFile()).hasBinaryContent(firstBytes);
        assertThat(new StateCodec().decode(Files.readAllBytes(store.backupFile()))).isEqualTo(first);
    }

    @Test
    void givenAWrite_thenStateAndBackupAreOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
        LocalStateStore store = store();
        State first = store.write(StateCodecTest.sampleState());
        store.write(first);

        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(store.backupFile())).isEqualTo(ownerOnly);
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("shop.prod.state.json", "shop.prod.state.json.backup");
        }
    }

    @Test
    void givenAStateOfAnotherLineage_whenWritten_thenItIsRefusedAndTheFileUntouched() throws Exception {
        LocalStateStore store = store();
        store.write(StateCodecTest.sampleState());
        byte[] before = Files.readAllBytes(store.file());

        assertThatThrownBy(() -> store.write(State.empty("shop", "prod")))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("lineage " + StateCodecTest.LINEAGE)
                .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.FAILURE));
        assertThat(store.file()).hasBinaryContent(before);
    }

    @Test
    void givenACorruptStateFile_whenReadOrWritten_thenAClearFailureAndBothFilesUntouched() throws Exception {
        LocalStateStore store = store();
        State first = store.write(StateCodecTest.sampleState());
        store.write(first);
        byte[] corrupt = "{ this is not json".getBytes(StandardCharsets.UTF_8);
        Files.write(store.file(), corrupt);
        byte[] backup = Files.readAllBytes(store.backupFile());

        assertThatThrownBy(store::read)
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining(store.location())
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("the file and its backup shop.prod.state.json.backup were left untouched");
        assertThatThrownBy(() -> store.write(first)).isInstanceOf(ScaffoldException.class);

        assertThat(store.file()).hasBinaryContent(corrupt);
        assertThat(store.backupFile()).hasBinaryContent(backup);
    }

    @Test
    void givenATruncatedStateFile_whenRead_thenAClearFailureAndBothFilesUntouched() throws Exception {
        LocalStateStore store = store();
        State first = store.write(StateCodecTest.sampleState());
        store.write(first);
        byte[] whole = Files.readAllBytes(store.file());
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        Files.write(store.file(), truncated);
        byte[] backup = Files.readAllBytes(store.backupFile());

        assertThatThrownBy(store::read)
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("cannot read the state " + store.location())
                .hasMessageContaining("corrupt or truncated")
                .hasMessageContaining("were left untouched")
                .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.FAILURE));
        assertThat(store.file()).hasBinaryContent(truncated);
        assertThat(store.backupFile()).hasBinaryContent(backup);
    }

    @Test
    void givenAnUnreadableStatePath_whenRead_thenAClearFailureNamingIt() throws Exception {
        LocalStateStore store = store();
        Files.createDirectories(store.file());

        assertThatThrownBy(store::read)
                .isInstanceOf(ScaffoldException.class)
                .hasMessageStartingWith("cannot read the state " + store.location() + ": ")
                .hasMessageEndingWith("the file and its backup shop.prod.state.json.backup were left untouched");
        assertThat(store.file()).isDirectory();
    }

    @Test
    void givenAFirstWrite_thenTheStateDirectoryIsOwnerOnly() throws Exception {
        LocalStateStore store = store();

        store.write(State.empty("shop", "prod"));

        assertThat(Files.getPosixFilePermissions(store.file().getParent())).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void givenAnEmptyStateFile_whenRead_thenAClearFailure() throws Exception {
        LocalStateStore store = store();
        Files.createDirectories(store.file().getParent());
        Files.write(store.file(), new byte[0]);

        assertThatThrownBy(store::read)
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("the file is empty")
                .hasMessageContaining("left untouched");
        assertThat(store.file()).isEmptyFile();
    }

    @Test
    void givenAStateFromANewerScaffold_whenRead_thenTheErrorSaysToUpgrade() throws Exception {
        LocalStateStore store = store();
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "{\"formatVersion\": 9, \"stack\": \"shop\", \"lineage\": \""
                + UUID.randomUUID() + "\", \"serial\": 1, \"resources\": {}}");

        assertThatThrownBy(store::read)
                .hasMessageContaining(store.location())
                .hasMessageContaining("format version 9")
                .hasMessageContaining("upgrade scaffold");
    }

    @Test
    void givenALockHeldByAnotherRun_whenLocked_thenTheMessageNamesTheHolderAndHowToUnlock() throws Exception {
        LocalStateStore store = new LocalStateStore(base, "shop", null);
        LockInfo alice = new LockInfo("9b2f4c1e-1111-4222-8333-944455556666", "alice", "host1", 4242, "apply",
                Instant.parse("2026-11-28T13:40:00Z"));
        Files.createDirectories(store.lockFile().getParent());
        Files.write(store.lockFile(), alice.toJson());

        assertThatThrownBy(() -> store.lock("plan"))
                .isInstanceOf(ScaffoldException.class)
                .hasMessage("the state " + store.location() + " is locked by alice@host1 (pid 4242, apply)"
                        + " since 2026-11-28T13:40:00Z; if that run is gone, run: scaffold force-unlock "
                        + "9b2f4c1e-1111-4222-8333-944455556666")
                .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.LOCKED));
        assertThat(store.lockFile()).hasBinaryContent(alice.toJson());
    }

    @Test
    void givenALock_thenItsFileNamesTheHolderAndIsOwnerOnly() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T13:40:00.123Z"), ZoneOffset.UTC);
        LocalStateStore store = new LocalStateStore(base, "shop", "prod", clock);

        try (StateLock lock = store.lock("apply")) {
            LockInfo holder = store.lockHolder().orElseThrow();
            assertThat(holder.id()).isEqualTo(lock.id());
            assertThat(holder.operation()).isEqualTo("apply");
            assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(holder.user()).isEqualTo(System.getProperty("user.name"));
            assertThat(holder.since()).isEqualTo(Instant.parse("2026-11-28T13:40:00Z"));
            assertThat(Files.getPosixFilePermissions(store.lockFile()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(store.lockFile()).doesNotExist();
    }

    @Test
    void givenManyThreadsRacingForTheLock_thenExactlyOneWins() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<StateLock>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                LocalStateStore store = store();
                attempts.add(pool.submit(() -> {
                    start.await();
                    return store.lock("apply");
                }));
            }
            start.countDown();

            List<StateLock> won = new ArrayList<>();
            List<Throwable> lost = new ArrayList<>();
            for (Future<StateLock> attempt : attempts) {
                try {
                    won.add(attempt.get(30, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    lost.add(e.getCause());
                }
            }

            assertThat(won).hasSize(1);
            assertThat(lost).hasSize(contenders - 1)
                    .allSatisfy(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.LOCKED));
            assertThat(store().lockHolder().orElseThrow().id()).isEqualTo(won.get(0).id());
            won.get(0).close();
            assertThat(store().lockHolder()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenTwoProcessesRacingForTheLock_thenExactlyOneWins() throws Exception {
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), LockContender.class.getName(), base.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start());
            }
            List<String> outcomes = new ArrayList<>();
            for (Process process : processes) {
                outcomes.add(new java.io.BufferedReader(new java.io.InputStreamReader(
                        process.getInputStream(), StandardCharsets.UTF_8)).readLine());
            }

            assertThat(outcomes).filteredOn(o -> o.startsWith("won ")).hasSize(1);
            assertThat(outcomes).filteredOn("locked"::equals).hasSize(1);
            String winner = outcomes.stream().filter(o -> o.startsWith("won ")).findFirst().orElseThrow();
            assertThat(new LocalStateStore(base, "shop", null).lockHolder().orElseThrow().id())
                    .isEqualTo(winner.substring(4));
        } finally {
            for (Process process : processes) {
                process.getOutputStream().close();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertThat(new LocalStateStore(base, "shop", null).lockFile()).doesNotExist();
    }

    @Test
    void givenAReleasedLock_whenLockedAgain_thenItSucceeds() {
        LocalStateStore store = store();
        store.lock("plan").close();

        try (StateLock again = store.lock("apply")) {
            assertThat(again.id()).isNotBlank();
        }
    }

    @Test
    void givenAForceUnlockWithTheWrongId_thenAClearErrorAndTheLockStays() {
        LocalStateStore store = store();
        try (StateLock lock = store.lock("apply")) {
            assertThatThrownBy(() -> store.forceUnlock("not-the-id"))
                    .isInstanceOf(ScaffoldException.class)
                    .hasMessageContaining("has id " + lock.id() + ", not not-the-id");
            assertThat(store.lockFile()).exists();
        }
    }

    @Test
    void givenNoLock_whenForceUnlocked_thenItSaysThereIsNothingToUnlock() {
        assertThatThrownBy(() -> store().forceUnlock("x")).hasMessageContaining("is not locked");
    }

    @Test
    void givenAForceUnlockedLockTakenByAnotherRun_whenTheFirstRunCloses_thenTheOtherLockStays() {
        LocalStateStore store = store();
        StateLock stale = store.lock("apply");
        store.forceUnlock(stale.id());
        StateLock current = store.lock("apply");

        stale.close();

        assertThat(store.lockHolder().orElseThrow().id()).isEqualTo(current.id());
        current.close();
        assertThat(store.lockFile()).doesNotExist();
    }
}
