package dev.scaffold.apply;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running apply to stop: set by the Ctrl-C handler, read by the executor before it starts
 * each change. Changes already started run to their end, so their results reach the state.
 */
public final class CancellationToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Asks the run to stop starting new changes; safe to call from any thread, more than once. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
