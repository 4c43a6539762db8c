package dev.scaffold.apply;

import dev.scaffold.state.State;
import dev.scaffold.state.StateLock;
import dev.scaffold.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A state store in memory that keeps every state written to it, for engine tests. */
public final class InMemoryStateStore implements StateStore {

    private final List<State> writes = new ArrayList<>();
    private State stored;
    private boolean failing;

    public InMemoryStateStore(State initial) {
        this.stored = initial;
    }

    /** Makes every later write fail, as a full disk or a lost S3 connection would. */
    public synchronized void failWrites() {
        failing = true;
    }

    @Override
    public synchronized Optional<State> read() {
        return Optional.ofNullable(stored);
    }

    @Override
    public synchronized State write(State state) {
        if (failing) {
            throw new IllegalStateException("disk full");
        }
        stored = state.withSerial((stored == null ? 0 : stored.serial()) + 1);
        writes.add(stored);
        return stored;
    }

    /** Every state written, in order. */
    public synchronized List<State> writes() {
        return List.copyOf(writes);
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
    public String location() {
        return "memory";
    }
}
