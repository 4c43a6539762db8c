package dev.scaffold.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns the first Ctrl-C during an apply into a request to stop starting work, so calls in flight
 * finish and the state is written; a second Ctrl-C ends the process at once.
 */
final class Interrupts {

    private static final Signal INT = new Signal("INT");

    private Interrupts() {
    }

    /** Runs {@code onFirst} on the first Ctrl-C until the registration is closed. */
    static Registration onInterrupt(Runnable onFirst) {
        AtomicBoolean seen = new AtomicBoolean();
        SignalHandler previous = Signal.handle(INT, signal -> {
            if (seen.getAndSet(true)) {
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            }
            onFirst.run();
        });
        return () -> Signal.handle(INT, previous);
    }

    /** Restores the previous Ctrl-C behaviour when closed. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
