package dev.scaffold.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What Ctrl-C (SIGINT) and SIGTERM do while scaffold holds a state lock.
 *
 * <p>During an apply, the first of either asks the run to stop starting work, so calls in flight
 * finish and the state is written; a second one ends the process at once. At the confirmation prompt,
 * Ctrl-C cancels. Anywhere else the JVM's own handling stands: it runs the shutdown hooks, one of which
 * releases the lock ({@link RunLock}), and exits with 128 plus the signal's number (130, 143).
 */
final class Interrupts {

    private static final Signal INT = new Signal("INT");
    private static final Signal TERM = new Signal("TERM");

    private Interrupts() {
    }

    /** Runs {@code onFirst} on the first Ctrl-C or SIGTERM until the registration is closed. */
    static Registration onInterrupt(Runnable onFirst) {
        AtomicReference<Signal> heard = new AtomicReference<>();
        SignalHandler handler = signal -> {
            if (!heard.compareAndSet(null, signal)) {
                Runtime.getRuntime().halt(exitCodeOf(signal));
            }
            onFirst.run();
        };
        return Registration.of(heard, handler);
    }

    /**
     * While a question waits for its answer, Ctrl-C or SIGTERM prints {@code cancelled} on {@code out} and ends
     * the process with 130 or 143; the shutdown hooks still run, so the lock is released.
     */
    static Registration duringPrompt(PrintWriter out) {
        AtomicReference<Signal> heard = new AtomicReference<>();
        SignalHandler cancel = signal -> {
            heard.set(signal);
            out.println("cancelled");
            out.flush();
            System.exit(exitCodeOf(signal));
        };
        return Registration.of(heard, cancel);
    }

    private static int exitCodeOf(Signal signal) {
        return signal.getName().equals(TERM.getName()) ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED;
    }

    /** Restores the previous signal handling when closed, and remembers which signal it heard first. */
    static final class Registration implements AutoCloseable {
        private final AtomicReference<Signal> heard;
        private final Runnable restore;

        private Registration(AtomicReference<Signal> heard, Runnable restore) {
            this.heard = heard;
            this.restore = restore;
        }

        /** Handles Ctrl-C (INT) and SIGTERM with {@code handler} until closed. */
        private static Registration of(AtomicReference<Signal> heard, SignalHandler handler) {
            SignalHandler previousInt = Signal.handle(INT, handler);
            SignalHandler previousTerm = Signal.handle(TERM, handler);
            return new Registration(heard, () -> {
                Signal.handle(INT, previousInt);
                Signal.handle(TERM, previousTerm);
            });
        }

        /**
         * The exit code of a run that would end with {@code code}: 143 after a SIGTERM, so that a CI
         * system sees the job it cancelled end as cancelled, whatever the apply got done before.
         */
        int exitCode(int code) {
            Signal signal = heard.get();
            return signal != null && signal.getName().equals(TERM.getName()) ? ExitCodes.TERMINATED : code;
        }

        @Override
        public void close() {
            restore.run();
        }
    }
}
