package dev.scaffold.apply;

import dev.scaffold.state.State;
import dev.scaffold.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Writes the state after each change, one write at a time, on a thread of its own so a slow store
 * never stalls the threads that run AWS calls.
 *
 * <p>A change counts as recorded only once a write that includes it has completed. Changes that
 * finish while a write is in progress go into the next write together (a group commit), so a burst
 * of finishing resources costs one write, not one each, and the write queue never holds up the
 * critical path.
 */
final class StateRecorder implements AutoCloseable {

    private record Pending(UnaryOperator<State> change, CompletableFuture<State> written) { }

    private final StateStore store;
    private final ExecutorService writer;
    private final java.util.concurrent.Executor callbacks;
    private final Object lock = new Object();
    private List<Pending> pending = new ArrayList<>();
    private boolean writing;
    private volatile State current;

    /**
     * @param callbacks runs what waits for a write, so that it does not run on the writer's thread
     */
    StateRecorder(StateStore store, State prior, java.util.concurrent.Executor callbacks) {
        this.store = store;
        this.current = prior;
        this.callbacks = callbacks;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scaffold-state-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Applies one change to the latest state and writes it; completes with the state written. */
    CompletableFuture<State> record(UnaryOperator<State> change) {
        CompletableFuture<State> written = new CompletableFuture<>();
        boolean startWriting;
        synchronized (lock) {
            pending.add(new Pending(change, written));
            startWriting = !writing;
            writing = true;
        }
        if (startWriting) {
            writer.execute(this::writePending);
        }
        return written;
    }

    private void writePending() {
        while (true) {
            List<Pending> batch;
            synchronized (lock) {
                if (pending.isEmpty()) {
                    writing = false;
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
            }
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        State next = current;
        List<Pending> included = new ArrayList<>();
        for (Pending change : batch) {
            try {
                next = change.change().apply(next);
                included.add(change);
            } catch (RuntimeException bug) {
                fail(change, bug);
            }
        }
        try {
            State stored = store.write(next);
            current = stored;
            included.forEach(change -> callbacks.execute(() -> change.written().complete(stored)));
        } catch (RuntimeException e) {
            included.forEach(change -> fail(change, e));
        }
    }

    private void fail(Pending change, RuntimeException error) {
        callbacks.execute(() -> change.written().completeExceptionally(error));
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
