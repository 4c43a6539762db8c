package dev.scaffold.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.state.ErroredState;
import dev.scaffold.state.LocalStateStore;
import dev.scaffold.state.LockInfo;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import dev.scaffold.state.StateCodec;
import dev.scaffold.state.StateLock;
import dev.scaffold.state.StateStore;
import dev.scaffold.testing.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateRecorderTest {

    private static final List<Duration> QUICK_RETRIES = List.of(Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(5));
    private static final ResourceAddress SG = ResourceAddress.parse("loadBalancers.web.security-group");
    private static final ResourceAddress ALB = ResourceAddress.parse("loadBalancers.web.alb");
    private static final ResourceAddress LISTENER = ResourceAddress.parse("loadBalancers.web.listener-http");

    @TempDir
    Path base;

    private final ExecutorService callbacks = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopCallbacks() {
        callbacks.shutdownNow();
    }

    private StateRecorder recorder(StateStore store, State prior) {
        return new StateRecorder(store, prior, callbacks, QUICK_RETRIES);
    }

    @Test
    void givenAStoreThatFailsOnce_whenAChangeIsRecorded_thenTheRetryWritesItAndNothingIsSavedElsewhere() throws Exception {
        State prior = State.empty("shop", null);
        InMemoryStateStore store = new InMemoryStateStore(prior);
        store.failNextWrites(1);

        try (StateRecorder recorder = recorder(store, prior)) {
            State written = recorder.record(created(SG)).get(10, TimeUnit.SECONDS);

            assertThat(written.resources()).containsOnlyKeys(SG);
            assertThat(store.writes()).hasSize(1);
            assertThat(store.read().orElseThrow().resources()).containsOnlyKeys(SG);
            assertThat(store.errored()).isNull();
        }
    }

    @Test
    void givenAStoreThatFailsUntilTheLastAttempt_whenChangesAreRecorded_thenEveryChangeIsInTheFinalState() throws Exception {
        State prior = State.empty("shop", null);
        InMemoryStateStore store = new InMemoryStateStore(prior);
        store.failNextWrites(QUICK_RETRIES.size());

        try (StateRecorder recorder = recorder(store, prior)) {
            CompletableFuture<State> first = recorder.record(created(SG));
            CompletableFuture<State> second = recorder.record(created(ALB));
            CompletableFuture<State> third = recorder.record(created(LISTENER));

            CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);
            assertThat(store.read().orElseThrow().resources()).containsOnlyKeys(SG, ALB, LISTENER);
            assertThat(store.writes()).allSatisfy(write -> assertThat(write.resources()).containsKey(SG));
            assertThat(recorder.current()).isEqualTo(store.read().orElseThrow());
        }
    }

    @Test
    void givenAStoreThatAlwaysFails_whenChangesAreRecorded_thenEverythingIsSavedElsewhereAndEachChangeSaysHowToRestore() {
        State prior = State.empty("shop", null).with(resource(SG));
        InMemoryStateStore store = new InMemoryStateStore(prior);
        store.failWrites();

        try (StateRecorder recorder = recorder(store, prior)) {
            CompletableFuture<State> first = recorder.record(created(ALB));

            assertThat(failureOf(first))
                    .hasMessage("writing it failed 4 times, last with: disk full; everything this run knows is saved in"
                            + " memory-errored. Once the cause is fixed, restore it with: restore memory-errored");
            assertThat(store.errored().resources()).containsOnlyKeys(SG, ALB);

            CompletableFuture<State> later = recorder.record(created(LISTENER));

            assertThat(failureOf(later)).hasMessageContaining("everything this run knows is saved in memory-errored");
            assertThat(store.errored().resources()).containsOnlyKeys(SG, ALB, LISTENER);
            assertThat(recorder.current().resources()).containsOnlyKeys(SG, ALB, LISTENER);
            assertThat(store.writes()).isEmpty();
        }
    }

    @Test
    void givenALocalStoreThatLostItsLock_whenAChangeIsRecorded_thenTheErroredFileHoldsItAndTheCommandGivenRestoresIt()
            throws Exception {
        LocalStateStore store = new LocalStateStore(base, "shop", null);
        State prior;
        try (StateLock lock = store.lock("apply")) {
            prior = store.write(State.empty("shop", null).with(resource(SG)));
        }
        try (StateLock lock = store.lock("apply"); StateRecorder recorder = recorder(store, prior)) {
            // Deleted by hand mid-run: from here on every write is refused, as another run could now lock the stack.
            Files.delete(store.lockFile());

            Throwable failure = failureOf(recorder.record(created(ALB)));

            assertThat(failure.getMessage())
                    .startsWith("writing it failed 4 times, last with: refusing to write the state " + store.location()
                            + ": this run no longer holds its lock, as its lock file " + store.lockFile() + " was deleted")
                    .endsWith("; everything this run knows is saved in " + store.erroredFile()
                            + ". Once the cause is fixed, restore it with: cp " + store.erroredFile() + " " + store.file());
        }
        assertThat(Files.getPosixFilePermissions(store.erroredFile()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(store.read().orElseThrow().resources()).containsOnlyKeys(SG);
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left").containsExactlyInAnyOrder("shop.state.json", "shop.state.json.errored");
        }

        Process restore = new ProcessBuilder("sh", "-c", "cp " + store.erroredFile() + " " + store.file()).inheritIO().start();
        assertThat(restore.waitFor()).isZero();

        State restored = store.read().orElseThrow();
        assertThat(restored.resources()).containsOnlyKeys(SG, ALB);
        assertThat(restored.serial()).isEqualTo(prior.serial() + 1);
    }

    @Test
    void givenAStoreThatThrowsAnError_whenChangesAreRecorded_thenEveryFutureCompletesAndNoneHangs() {
        State prior = State.empty("shop", null);
        StateStore broken = new BrokenStore(new InMemoryStateStore(prior));

        try (CapturedLogs logs = CapturedLogs.of(StateRecorder.class)) {
            try (StateRecorder recorder = recorder(broken, prior)) {
                assertThat(failureOf(recorder.record(created(SG)))).isInstanceOf(AssertionError.class);
                assertThat(failureOf(recorder.record(created(ALB)))).isInstanceOf(AssertionError.class);
            }
            assertThat(logs.lines()).as("the bug is logged, for a maintainer").contains("ERROR the state writer failed");
        }
    }

    @Test
    void givenAChangeThatThrows_whenRecordedWithOthers_thenOnlyItFailsAndTheOthersAreWritten() throws Exception {
        State prior = State.empty("shop", null);
        InMemoryStateStore store = new InMemoryStateStore(prior);

        try (StateRecorder recorder = recorder(store, prior)) {
            CompletableFuture<State> good = recorder.record(created(SG));
            CompletableFuture<State> bad = recorder.record(state -> {
                throw new IllegalStateException("a bug in the change");
            });
            CompletableFuture<State> alsoGood = recorder.record(created(ALB));

            assertThat(failureOf(bad)).hasMessage("a bug in the change");
            assertThat(good.get(10, TimeUnit.SECONDS).resources()).containsKey(SG);
            assertThat(alsoGood.get(10, TimeUnit.SECONDS).resources()).containsOnlyKeys(SG, ALB);
        }
    }

    @Test
    void givenSeveralRecordedWritesInARun_thenTheBackupIsTheStateFromBeforeTheRun() throws Exception {
        LocalStateStore store = new LocalStateStore(base, "shop", null);
        State prior;
        try (StateLock lock = store.lock("apply")) {
            prior = store.write(State.empty("shop", null).with(resource(SG)));
        }
        byte[] beforeTheRun = Files.readAllBytes(store.file());

        try (StateLock lock = store.lock("apply"); StateRecorder recorder = recorder(store, prior)) {
            for (ResourceAddress address : List.of(ALB, LISTENER)) {
                recorder.record(created(address)).get(10, TimeUnit.SECONDS);
            }
            recorder.record(state -> state.without(SG)).get(10, TimeUnit.SECONDS);
        }

        assertThat(store.backupFile()).hasBinaryContent(beforeTheRun);
        assertThat(new StateCodec().decode(Files.readAllBytes(store.backupFile()))).isEqualTo(prior);
        assertThat(store.read().orElseThrow().resources()).containsOnlyKeys(ALB, LISTENER);
    }

    private static Throwable failureOf(CompletableFuture<State> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the recorder did not complete the change", e);
        }
        throw new AssertionError("the change was written");
    }

    private static UnaryOperator<State> created(ResourceAddress address) {
        return state -> state.with(resource(address));
    }

    private static ResourceState resource(ResourceAddress address) {
        return new ResourceState(address, "AWS::EC2::SecurityGroup", "id-" + address.resource(), null, Map.of(), Set.of(),
                ResourceStatus.OK);
    }

    /** A store with a bug: every write throws an {@link AssertionError}, which is no {@code RuntimeException}. */
    private record BrokenStore(InMemoryStateStore delegate) implements StateStore {
        @Override
        public Optional<State> read() {
            return delegate.read();
        }

        @Override
        public State write(State state) {
            throw new AssertionError("a bug in the store");
        }

        @Override
        public ErroredState writeErrored(State state) {
            return delegate.writeErrored(state);
        }

        @Override
        public StateLock lock(String operation) {
            return delegate.lock(operation);
        }

        @Override
        public void forceUnlock(String id) {
            delegate.forceUnlock(id);
        }

        @Override
        public Optional<LockInfo> lockHolder() {
            return delegate.lockHolder();
        }

        @Override
        public String location() {
            return delegate.location();
        }
    }
}
