package dev.scaffold.cli;

import dev.scaffold.state.LockInfo;
import dev.scaffold.state.StateLock;
import dev.scaffold.state.StateStore;
import java.util.Optional;

/**
 * Takes the state lock for one command, says so when it took over the lock of a run that died, and
 * releases it on every way out of the process: normally when closed, and from a shutdown hook when
 * the process ends early (SIGTERM, Ctrl-C outside an apply or at the prompt, {@code System.exit}).
 * Only a second Ctrl-C, which halts at once, or a kill -9 skip the hook; then the kernel releases the
 * lock and the next run takes it over.
 */
final class RunLock implements StateLock {

    private final StateLock lock;
    private final Thread releaseOnExit;

    private RunLock(StateLock lock) {
        this.lock = lock;
        this.releaseOnExit = new Thread(lock::close, "scaffold-release-lock");
    }

    /** Locks {@code store} for {@code operation}, noting whose dead lock it took over, if any. */
    static RunLock take(StateStore store, String operation, Messages messages) {
        RunLock run = new RunLock(store.lock(operation));
        Runtime.getRuntime().addShutdownHook(run.releaseOnExit);
        run.tookOverFrom().ifPresent(dead ->
                messages.note("took over the lock of " + dead.describe() + ", which is no longer running"));
        return run;
    }

    @Override
    public String id() {
        return lock.id();
    }

    @Override
    public Optional<LockInfo> tookOverFrom() {
        return lock.tookOverFrom();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(releaseOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; closing twice is harmless.
        }
        lock.close();
    }
}
