package dev.scaffold.apply;

import dev.scaffold.ScaffoldException;
import dev.scaffold.state.ErroredState;
import dev.scaffold.state.State;
import dev.scaffold.state.StateCodec;
import dev.scaffold.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes the state after each change, one write at a time, on a thread of its own so a slow store
 * never stalls the threads that run AWS calls; no change it is given is ever lost.
 *
 * <p>A change counts as recorded only once a write that includes it has completed. Changes that
 * finish while a write is in progress go into the next write together (a group commit), so a burst
 * of finishing resources costs one write, not one each, and the write queue never holds up the
 * critical path.
 *
 * <p>The recorder keeps the latest known state in memory and applies every change to it whether or
 * not a write succeeds, and always writes that whole state: a change whose write failed is in every
 * later write. A failed write is tried again after a short pause, scheduled rather than slept, with
 * the changes that arrived meanwhile. When writes keep failing, the recorder gives up on the store,
 * saves everything it knows with {@link StateStore#writeErrored}, and fails every change it is given
 * from then on with a message that says where that file is and how to restore it, so that the run
 * stops starting work.
 */
final class StateRecorder implements AutoCloseable {

    /** The pauses before each retry of a failed write: four attempts in about two seconds. */
    static final List<Duration> RETRY_PAUSES = List.of(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(1500));

    private static final Logger LOG = LogManager.getLogger(StateRecorder.class);

    private record Pending(UnaryOperator<State> change, CompletableFuture<State> written) { }

    private final StateStore store;
    private final Executor callbacks;
    private final List<Duration> retryPauses;
    private final ScheduledExecutorService writer;
    private final Object lock = new Object();
    private List<Pending> pending = new ArrayList<>();
    private boolean writing;
    private volatile State known;
    // Touched only on the writer's thread, one task at a time.
    private final List<Pending> unwritten = new ArrayList<>();
    private int failedAttempts;
    private ScaffoldException gaveUp;

    /**
     * @param callbacks runs what waits for a write, so that it does not run on the writer's thread
     */
    StateRecorder(StateStore store, State prior, Executor callbacks) {
        this(store, prior, callbacks, RETRY_PAUSES);
    }

    StateRecorder(StateStore store, State prior, Executor callbacks, List<Duration> retryPauses) {
        this.store = store;
        this.known = prior;
        this.callbacks = callbacks;
        this.retryPauses = List.copyOf(retryPauses);
        this.writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
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
            startTurn();
        }
        return written;
    }

    /** The latest state this run knows: every change recorded so far applied, whether written yet or not. */
    State current() {
        return known;
    }

    // One turn of the writer: writes until nothing is pending, or until a failed write waits for its retry.
    private void writePending() {
        boolean retryScheduled = false;
        try {
            while (takePending()) {
                if (gaveUp != null) {
                    keepElsewhere();
                } else if (!writeKnown()) {
                    retryScheduled = true;
                    return;
                }
            }
        } catch (Throwable bug) {
            // A bug in this class or the store must not leave anyone waiting for a write forever.
            LOG.error("the state writer failed", bug);
            unwritten.forEach(change -> fail(change, bug));
            unwritten.clear();
        } finally {
            if (!retryScheduled) {
                finishTurn();
            }
        }
    }

    // Applies the pending changes to the known state; false when there is nothing left to write.
    private boolean takePending() {
        List<Pending> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
        }
        State next = known;
        for (Pending change : batch) {
            try {
                next = change.change().apply(next);
                unwritten.add(change);
            } catch (RuntimeException bug) {
                fail(change, bug);
            }
        }
        known = next;
        return !unwritten.isEmpty();
    }

    // Writes the whole known state; false when the write failed and a retry has been scheduled.
    private boolean writeKnown() {
        State stored;
        try {
            stored = store.write(known);
        } catch (RuntimeException e) {
            failedAttempts++;
            if (failedAttempts <= retryPauses.size() && retryLater(e, retryPauses.get(failedAttempts - 1))) {
                return false;
            }
            gaveUp = ScaffoldException.failure("writing it failed " + failedAttempts + " times, last with: "
                    + e.getMessage() + saveElsewhere(), e);
            failUnwritten();
            return true;
        }
        failedAttempts = 0;
        known = stored;
        unwritten.forEach(change -> complete(change, stored));
        unwritten.clear();
        return true;
    }

    private boolean retryLater(RuntimeException failure, Duration pause) {
        LOG.info("writing the state to {} failed ({}); trying again in {} ms",
                store.location(), failure.getMessage(), pause.toMillis());
        try {
            writer.schedule(this::writePending, pause.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    // After giving up: saves everything known, the latest changes included, and fails the changes it holds.
    private void keepElsewhere() {
        saveElsewhere();
        failUnwritten();
    }

    // Saves everything known beside the state; says where, and how to restore it, for the failure message.
    private String saveElsewhere() {
        try {
            ErroredState saved = store.writeErrored(known);
            return "; everything this run knows is saved in " + saved.file()
                    + ". Once the cause is fixed, restore it with: " + saved.restoreCommand();
        } catch (RuntimeException e) {
            LOG.error("could not save the state to a file either ({}); here it is, to restore by hand:\n{}",
                    e.getMessage(), new String(new StateCodec().encode(known), StandardCharsets.UTF_8));
            return "; saving it elsewhere failed too (" + e.getMessage() + "), so the state this run knows is"
                    + " printed in the log: save it as " + store.location() + " by hand before anything else";
        }
    }

    private void failUnwritten() {
        unwritten.forEach(change -> fail(change, gaveUp));
        unwritten.clear();
    }

    private void finishTurn() {
        boolean again;
        synchronized (lock) {
            again = !pending.isEmpty();
            writing = again;
        }
        if (again) {
            startTurn();
        }
    }

    private void startTurn() {
        try {
            writer.execute(this::writePending);
        } catch (RejectedExecutionException closed) {
            // Recording after close is a bug in the caller; its changes fail rather than wait forever.
            List<Pending> orphans;
            synchronized (lock) {
                orphans = pending;
                pending = new ArrayList<>();
                writing = false;
            }
            orphans.forEach(change -> fail(change, new IllegalStateException("the state recorder is closed")));
        }
    }

    private void complete(Pending change, State stored) {
        callback(() -> change.written().complete(stored));
    }

    private void fail(Pending change, Throwable error) {
        callback(() -> change.written().completeExceptionally(error));
    }

    // Runs a completion on the callbacks' executor, or here once that has shut down, so none is lost.
    private void callback(Runnable completion) {
        try {
            callbacks.execute(completion);
        } catch (RejectedExecutionException shutDown) {
            completion.run();
        }
    }

    @Override
    public void close() {
        writer.shutdown();
    }
}
