package dev.scaffold.apply;

import dev.scaffold.state.ErroredState;
import dev.scaffold.state.LockInfo;
import dev.scaffold.state.State;
import dev.scaffold.state.StateLock;
import dev.scaffold.state.StateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A state store in memory that keeps every state written to it, for engine tests. */
public final class InMemoryStateStore implements StateStore {

    private final List<State> writes = new ArrayList<>();
    private final List<Long> writeTimes = new ArrayList<>();
    private State stored;
    private boolean failing;
    private int failuresLeft;
    private State errored;
    private long writeMillis;

    public InMemoryStateStore(State initial) {
        this.stored = initial;
    }

    /** Makes every later write fail, as a full disk or a lost S3 connection would. */
    public synchronized void failWrites() {
        failing = true;
    }

    /** Makes the next {@code count} writes fail, as a store that recovers would. */
    public synchronized void failNextWrites(int count) {
        failuresLeft = count;
    }

    /** Makes every later write take a while, as a remote store's would. */
    public synchronized void slowWrites(long millis) {
        writeMillis = millis;
    }

    @Override
    public synchronized Optional<State> read() {
        return Optional.ofNullable(stored);
    }

    @Override
    public synchronized State write(State state) {
        if (failing || failuresLeft > 0) {
            failuresLeft--;
            throw new IllegalStateException("disk full");
        }
        if (writeMillis > 0) {
            try {
                Thread.sleep(writeMillis); // a test double standing in for a slow store
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stored = state.withSerial((stored == null ? 0 : stored.serial()) + 1);
        writes.add(stored);
        writeTimes.add(System.nanoTime());
        return stored;
    }

    /** Every state written, in order. */
    public synchronized List<State> writes() {
        return List.copyOf(writes);
    }

    /** When the first write that holds a resource completed, as {@link System#nanoTime()}. */
    public synchronized long firstWriteHolding(dev.scaffold.graph.ResourceAddress address) {
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i).resources().containsKey(address)) {
                return writeTimes.get(i);
            }
        }
        throw new AssertionError("no write holds " + address);
    }

    @Override
    public synchronized ErroredState writeErrored(State state) {
        errored = state.withSerial(state.serial() + 1);
        return new ErroredState(Path.of("memory-errored"), "restore memory-errored");
    }

    /** What {@link #writeErrored} saved last, or {@code null}. */
    public synchronized State errored() {
        return errored;
    }

    @Override
    public StateLock lock(String operation) {
        return new StateLock() {
            @Override
            public String id() {
                return "in-memory";
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void forceUnlock(String id) {
        throw new UnsupportedOperationException("the in-memory store's lock is never left behind");
    }

    @Override
    public Optional<LockInfo> lockHolder() {
        return Optional.empty();
    }

    @Override
    public String location() {
        return "memory";
    }
}
