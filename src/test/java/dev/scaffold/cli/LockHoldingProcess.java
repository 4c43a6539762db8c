package dev.scaffold.cli;

import dev.scaffold.state.LocalStateStore;
import dev.scaffold.state.State;
import dev.scaffold.state.StateLock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A separate process that holds the state lock of stack {@code shop} as a command does, for
 * {@link RunLockTest} to send it real signals. Prints {@code locked ID}, then, by its second argument:
 * {@code wait} holds the lock until stdin closes; {@code prompt} asks for confirmation and prints the
 * answer; {@code apply} waits for Ctrl-C or SIGTERM as an apply does, then writes the state and exits
 * with the apply's code.
 */
public final class LockHoldingProcess {

    private LockHoldingProcess() {
    }

    public static void main(String[] args) throws Exception {
        LocalStateStore store = new LocalStateStore(Path.of(args[0]), "shop", null);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        int code;
        try (StateLock lock = RunLock.take(store, "apply",
                RunLockTest.textMessages(new PrintWriter(System.err, true, StandardCharsets.UTF_8)))) {
            out.println("locked " + lock.id());
            code = switch (args[1]) {
                case "prompt" -> prompt(out);
                case "apply" -> apply(store, out);
                default -> waitForStdinToClose();
            };
        }
        System.exit(code);
    }

    private static int prompt(PrintWriter out) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean yes = Terminal.confirmed("Do you want to apply these changes?", prompt -> {
            out.print(prompt);
            out.flush();
            try {
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, out);
        out.println(yes ? "confirmed" : "refused");
        return ExitCodes.OK;
    }

    private static int apply(LocalStateStore store, PrintWriter out) throws InterruptedException {
        CountDownLatch stopRequested = new CountDownLatch(1);
        Interrupts.Registration onStop = Interrupts.onInterrupt(stopRequested::countDown);
        try (onStop) {
            out.println("applying");
            stopRequested.await();
            // The calls in flight have finished; the state is written before the run ends.
            store.write(State.empty("shop", null));
        }
        return onStop.exitCode(ExitCodes.INTERRUPTED);
    }

    private static int waitForStdinToClose() throws IOException {
        while (System.in.read() >= 0) {
            // Hold the lock until the test closes our stdin.
        }
        return ExitCodes.OK;
    }
}
