package dev.scaffold.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the command line runs: on a terminal or not, and the process environment. Passed in, so
 * tests can choose both.
 *
 * @param interactive whether a user is at a terminal (prompts and colour are allowed)
 * @param environment the process environment
 */
public record Terminal(boolean interactive, Map<String, String> environment) {

    public Terminal {
        environment = Map.copyOf(environment);
    }

    public static Terminal current() {
        return new Terminal(System.console() != null, System.getenv());
    }

    /** Asks a yes/no question at the terminal; only the answer {@code yes} counts as yes. */
    boolean confirmed(String question) {
        Console console = interactive ? System.console() : null;
        return console != null && confirmed(question, console.writer(), console::readLine);
    }

    /**
     * Asks {@code question} on {@code out} and reads the answer; Ctrl-C meanwhile prints
     * {@code cancelled} and ends the process with 130, releasing the state lock on its way out.
     */
    static boolean confirmed(String question, PrintWriter out, Supplier<String> readLine) {
        Interrupts.Registration cancelOnCtrlC = Interrupts.duringPrompt(out);
        try (cancelOnCtrlC) {
            out.print(question + " Only 'yes' is accepted: ");
            out.flush();
            String answer = readLine.get();
            return answer != null && answer.strip().equals("yes");
        }
    }

    /** Whether the user asked for no colour through {@code NO_COLOR}. */
    boolean noColorRequested() {
        String value = environment.get("NO_COLOR");
        return value != null && !value.isEmpty();
    }
}
