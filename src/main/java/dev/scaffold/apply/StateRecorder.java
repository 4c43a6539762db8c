package dev.scaffold.apply;

import dev.scaffold.state.State;
import dev.scaffold.state.StateStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Writes the state after each change, one write at a time and in the order the changes finish,
 * on a thread of its own so a slow store never stalls the threads that run AWS calls.
 */
final class StateRecorder implements AutoCloseable {

    private final StateStore store;
    private final ExecutorService writer;
    private volatile State current;

    StateRecorder(StateStore store, State prior) {
        this.store = store;
        this.current = prior;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scaffold-state-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Applies one change to the latest state and writes it; completes with what was written. */
    CompletableFuture<State> record(UnaryOperator<State> change) {
        return CompletableFuture.supplyAsync(() -> {
            current = store.write(change.apply(current));
            return current;
        }, writer);
    }

    /** The state as last written (the prior state before the first write). */
    State current() {
        return current;
    }

    @Override
    public void close() {
        writer.shutdown();
    }
}
