package dev.scaffold.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the command line runs: whether a user can be asked, whether stdout is a screen, the process
 * environment, and the terminal device a question goes to. Passed in, so tests can choose each.
 *
 * @param interactive whether a user can answer a question: stdin is a terminal, even when stdout is piped
 * @param onScreen whether stdout is a terminal, so colour and a live progress line are allowed
 * @param environment the process environment
 * @param tty where a question is asked and its answer read
 */
public record Terminal(boolean interactive, boolean onScreen, Map<String, String> environment, Tty tty) {

    /** The width a progress line is cut to when the terminal does not say. */
    static final int DEFAULT_COLUMNS = 80;

    public Terminal {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(tty, "tty");
    }

    /** A terminal on both stdin and stdout, or on neither, where no question is answered. */
    public Terminal(boolean interactive, Map<String, String> environment) {
        this(interactive, interactive, environment, Tty.NONE);
    }

    public static Terminal current() {
        return new Terminal(TerminalProbe.stdinIsTerminal(), TerminalProbe.stdoutIsTerminal(), System.getenv(),
                Tty.system());
    }

    /**
     * Asks a yes/no question at the terminal; only the answer {@code yes} counts as yes. Ctrl-C or SIGTERM
     * meanwhile prints {@code cancelled} on {@code err} and ends the process with 130 or 143, releasing the
     * state lock on its way out.
     */
    boolean confirmed(String question, PrintWriter err) {
        return interactive && confirmed(question, tty, err);
    }

    /** Asks {@code question} through {@code tty}, as {@link #confirmed(String, PrintWriter)} does. */
    static boolean confirmed(String question, Tty tty, PrintWriter err) {
        Interrupts.Registration cancelOnCtrlC = Interrupts.duringPrompt(err);
        try (cancelOnCtrlC) {
            String answer = tty.ask(question + " Only 'yes' is accepted: ");
            return answer != null && answer.strip().equals("yes");
        }
    }

    /** Whether the user asked for no colour through {@code NO_COLOR}. */
    boolean noColorRequested() {
        String value = environment.get("NO_COLOR");
        return value != null && !value.isEmpty();
    }

    /** Colour only on a screen, and never when {@code NO_COLOR} says no. */
    boolean colorAllowed() {
        return onScreen && !noColorRequested();
    }

    /**
     * Whether the locale's character set is UTF-8, as {@code LC_ALL}, else {@code LC_CTYPE}, else
     * {@code LANG} names it; without one of them the C locale holds, which is ASCII.
     */
    boolean unicode() {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                String charset = value.toLowerCase(Locale.ROOT);
                return charset.contains("utf-8") || charset.contains("utf8");
            }
        }
        return false;
    }

    /**
     * How many columns the screen has: {@code COLUMNS} when set, else what {@code stty} says of the
     * terminal, else {@value #DEFAULT_COLUMNS}. Asking {@code stty} starts a process: call this once.
     */
    int columns() {
        String columns = environment.get("COLUMNS");
        if (columns != null && columns.strip().matches("[1-9][0-9]{0,4}")) {
            return Integer.parseInt(columns.strip());
        }
        return onScreen ? TerminalProbe.sttyColumns().orElse(DEFAULT_COLUMNS) : DEFAULT_COLUMNS;
    }
}
