package dev.scaffold.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateLockTest {

    private static final LockInfo ALICE = new LockInfo("9b2f4c1e-1111-4222-8333-944455556666", "alice", "host1", 4242,
            "apply", Instant.parse("2026-11-28T13:40:00Z"));

    @TempDir
    Path base;

    private final List<Process> contenders = new ArrayList<>();

    @AfterEach
    void endContenders() throws InterruptedException {
        for (Process contender : contenders) {
            contender.destroyForcibly();
            contender.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The stack of {@link LockContender}: {@code shop}, without environment. */
    private LocalStateStore store() {
        return new LocalStateStore(base, "shop", null);
    }

    /** A lock file that names alice, whose run is gone: nothing holds the kernel's lock on it. */
    private LocalStateStore givenALockLeftByADeadRun() throws Exception {
        LocalStateStore store = store();
        Files.createDirectories(store.lockFile().getParent());
        Files.write(store.lockFile(), ALICE.toJson());
        return store;
    }

    /** Another process that holds the lock until the test ends; returns its lock's id. */
    private String givenAnotherProcessHoldingTheLock() throws Exception {
        Process contender = LockContender.start(base);
        contenders.add(contender);
        String outcome = LockContender.outcome(contender);
        assertThat(outcome).startsWith("won ");
        return outcome.substring(4);
    }

    @Test
    void givenALock_thenItsFileNamesTheHolderAndIsOwnerOnly_andIsClearedOnRelease() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T13:40:00.123Z"), ZoneOffset.UTC);
        LocalStateStore store = new LocalStateStore(base, "shop", "prod", clock);

        try (StateLock lock = store.lock("apply")) {
            LockInfo holder = LockInfo.fromJson(Files.readAllBytes(store.lockFile()));
            assertThat(holder.id()).isEqualTo(lock.id());
            assertThat(holder.operation()).isEqualTo("apply");
            assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(holder.user()).isEqualTo(System.getProperty("user.name"));
            assertThat(holder.since()).isEqualTo(Instant.parse("2026-11-28T13:40:00Z"));
            assertThat(store.lockHolder()).contains(holder);
            assertThat(lock.tookOverFrom()).isEmpty();
            assertThat(Files.getPosixFilePermissions(store.lockFile()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        // Never deleted, so every run locks the same file.
        assertThat(store.lockFile()).isEmptyFile();
        assertThat(store.lockHolder()).isEmpty();
    }

    @Test
    void givenALockAnotherProcessHolds_whenLocked_thenLockedNamingThatRun() throws Exception {
        String id = givenAnotherProcessHoldingTheLock();
        LocalStateStore store = store();

        assertThatThrownBy(() -> store.lock("plan"))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageStartingWith("the state " + store.location() + " is locked by "
                        + System.getProperty("user.name") + "@")
                .hasMessageContaining(", apply) since ")
                .hasMessageEndingWith("(lock " + id + "), which is still running; wait for it to finish, or stop it,"
                        + " then run scaffold again")
                .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.LOCKED));
        assertThat(store.lockHolder().orElseThrow().id()).isEqualTo(id);
    }

    @Test
    void givenALockLeftByARunThatDied_whenLocked_thenItIsTakenOverNamingThatRun() throws Exception {
        LocalStateStore store = givenALockLeftByADeadRun();

        try (StateLock lock = store.lock("plan")) {
            assertThat(lock.tookOverFrom()).contains(ALICE);
            assertThat(store.lockHolder().orElseThrow().id()).isEqualTo(lock.id());
        }
    }

    @Test
    void givenARunKilledWhileHoldingTheLock_whenLocked_thenTheKernelHasReleasedItAndItIsTakenOver() throws Exception {
        String id = givenAnotherProcessHoldingTheLock();
        Process killed = contenders.get(0);
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        LocalStateStore store = store();
        assertThat(store.lockHolder().orElseThrow().id()).as("the killed run's name stays in the file").isEqualTo(id);

        try (StateLock lock = store.lock("apply")) {
            assertThat(lock.tookOverFrom().orElseThrow().id()).isEqualTo(id);
        }
    }

    @Test
    void givenAHeldLock_whenThisProcessReadsItsHolder_thenTheKernelLockIsStillHeld() throws Exception {
        // Closing any descriptor of a file drops this process's POSIX lock on it; reads must not do that.
        LocalStateStore store = store();
        try (StateLock lock = store.lock("apply")) {
            assertThat(store.lockHolder().orElseThrow().id()).isEqualTo(lock.id());
            assertThatThrownBy(() -> store().lock("plan")).isInstanceOf(ScaffoldException.class);
            assertThatThrownBy(() -> store().forceUnlock(lock.id())).isInstanceOf(ScaffoldException.class);

            Process contender = LockContender.start(base);
            contenders.add(contender);
            assertThat(LockContender.outcome(contender)).isEqualTo("locked");
        }
    }

    @Test
    void givenManyThreadsRacingForTheLock_thenExactlyOneWins() throws Exception {
        int contenderCount = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenderCount);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<StateLock>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < contenderCount; i++) {
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
                } catch (ExecutionException e) {
                    lost.add(e.getCause());
                }
            }

            assertThat(won).hasSize(1);
            assertThat(lost).hasSize(contenderCount - 1)
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
                processes.add(LockContender.start(base));
            }
            List<String> outcomes = new ArrayList<>();
            for (Process process : processes) {
                outcomes.add(LockContender.outcome(process));
            }

            assertThat(outcomes).filteredOn(o -> o.startsWith("won ")).hasSize(1);
            assertThat(outcomes).filteredOn("locked"::equals).hasSize(1);
            String winner = outcomes.stream().filter(o -> o.startsWith("won ")).findFirst().orElseThrow();
            assertThat(store().lockHolder().orElseThrow().id()).isEqualTo(winner.substring(4));
        } finally {
            for (Process process : processes) {
                process.getOutputStream().close();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertThat(store().lockFile()).isEmptyFile();
    }

    @Test
    void givenALoserThatReadsTheLockFileBeforeTheHolderHasNamedItself_whenLocked_thenItStillNamesTheHolder()
            throws Exception {
        LocalStateStore store = store();
        Process holder = SlowToNameLockHolder.start(store.lockFile(), ALICE);
        contenders.add(holder);
        BufferedReader holderSays = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(holderSays.readLine()).isEqualTo("locked");
        Writer tellHolder = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8);
        AtomicInteger pauses = new AtomicInteger();
        // The loser's first read found the file empty: only now does the holder write its name.
        LockFile lockFile = new LockFile(store.lockFile(), store.location(), nanos -> {
            if (pauses.getAndIncrement() == 0) {
                try {
                    tellHolder.write("name yourself\n");
                    tellHolder.flush();
                    assertThat(holderSays.readLine()).isEqualTo("named");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        LockInfo loser = new LockInfo("7e1d2c3b-2222-4333-8444-955566667777", "bob", "host2", 77, "plan",
                Instant.parse("2026-11-28T13:41:00Z"));

        assertThatThrownBy(() -> lockFile.acquire(loser))
                .isInstanceOfSatisfying(ScaffoldException.class,
                        e -> assertThat(e.kind()).isEqualTo(ScaffoldException.Kind.LOCKED))
                .hasMessageContaining("is locked by " + ALICE.describe() + " (lock " + ALICE.id() + ")");
        assertThat(pauses).as("it read again after a pause").hasPositiveValue();
    }

    @Test
    void givenAReleasedLock_whenLockedAgain_thenItSucceedsWithoutATakeover() {
        LocalStateStore store = store();
        store.lock("plan").close();

        try (StateLock again = store.lock("apply")) {
            assertThat(again.id()).isNotBlank();
            assertThat(again.tookOverFrom()).isEmpty();
        }
    }

    @Test
    void givenADirectoryInPlaceOfTheLockFile_whenLocked_thenAClearFailure() throws Exception {
        LocalStateStore store = store();
        Files.createDirectories(store.lockFile());

        assertThatThrownBy(() -> store.lock("apply"))
                .isInstanceOf(ScaffoldException.class)
                .hasMessage("cannot lock the state " + store.location() + ": its lock file " + store.lockFile()
                        + " is a directory; move it out of the way, then run scaffold again");
    }

    @Test
    void givenALockFileThatIsASymlink_whenLocked_thenItIsRefusedAndTheLinksTargetIsUnchanged() throws Exception {
        LocalStateStore store = store();
        Path victim = Files.writeString(base.resolve("notes.txt"), "the user's own file\n");
        Files.createDirectories(store.lockFile().getParent());
        Files.createSymbolicLink(store.lockFile(), victim);

        assertThatThrownBy(() -> store.lock("apply"))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("its lock file " + store.lockFile() + " is a symbolic link");
        assertThat(victim).hasContent("the user's own file");
        assertThat(Files.isSymbolicLink(store.lockFile())).isTrue();
    }

    @Test
    void givenALockOfADeadRun_whenForceUnlockedWithItsId_thenItIsCleared() throws Exception {
        LocalStateStore store = givenALockLeftByADeadRun();

        store.forceUnlock(ALICE.id());

        assertThat(store.lockFile()).isEmptyFile();
        assertThat(store.lockHolder()).isEmpty();
    }

    @Test
    void givenALockOfADeadRun_whenForceUnlockedWithTheWrongId_thenAClearErrorAndTheLockStays() throws Exception {
        LocalStateStore store = givenALockLeftByADeadRun();

        assertThatThrownBy(() -> store.forceUnlock("not-the-id"))
                .isInstanceOf(ScaffoldException.class)
                .hasMessage("the lock on the state " + store.location() + " has id " + ALICE.id() + ", not not-the-id"
                        + " (it names " + ALICE.describe() + "); check the id you gave");
        assertThat(store.lockFile()).hasBinaryContent(ALICE.toJson());
    }

    @Test
    void givenALockThatCannotBeRead_whenForceUnlocked_thenItIsCleared() throws Exception {
        LocalStateStore store = store();
        Files.createDirectories(store.lockFile().getParent());
        Files.writeString(store.lockFile(), "{\"id\": \"9b2f4c1e", StandardCharsets.UTF_8);

        store.forceUnlock("9b2f4c1e");

        assertThat(store.lockFile()).isEmptyFile();
    }

    @Test
    void givenALockThisProcessHolds_whenForceUnlocked_thenItIsRefusedAndTheLockStays() {
        LocalStateStore store = store();
        try (StateLock lock = store.lock("apply")) {
            assertThatThrownBy(() -> store().forceUnlock(lock.id()))
                    .isInstanceOf(ScaffoldException.class)
                    .hasMessageContaining("refusing to remove the lock on the state " + store.location())
                    .hasMessageContaining("which is still running. force-unlock removes only the lock of a run that is gone")
                    .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.LOCKED));
            assertThat(store.lockHolder().orElseThrow().id()).isEqualTo(lock.id());
        }
    }

    @Test
    void givenALockAnotherProcessHolds_whenForceUnlocked_thenItIsRefusedAndTheLockStays() throws Exception {
        String id = givenAnotherProcessHoldingTheLock();
        LocalStateStore store = store();

        assertThatThrownBy(() -> store.forceUnlock(id))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("it is held by " + System.getProperty("user.name") + "@")
                .hasMessageContaining("which is still running");
        assertThat(store.lockHolder().orElseThrow().id()).isEqualTo(id);
        assertThatThrownBy(() -> store.lock("apply")).isInstanceOf(ScaffoldException.class);
    }

    @Test
    void givenNoLockOrAReleasedOne_whenForceUnlocked_thenItSaysThereIsNothingToUnlock() {
        LocalStateStore store = store();
        assertThatThrownBy(() -> store.forceUnlock("x")).hasMessage("the state " + store.location()
                + " is not locked; there is nothing to unlock");

        store.lock("apply").close();

        assertThatThrownBy(() -> store.forceUnlock("x")).hasMessageContaining("is not locked");
    }
}
