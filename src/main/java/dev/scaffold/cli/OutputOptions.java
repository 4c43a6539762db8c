package dev.scaffold.cli;

import picocli.CommandLine.Option;

/** The options every command shares for how it prints its result. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    @Option(names = "--no-color", description = "No colour, also when stdout is a terminal (NO_COLOR does the same).")
    boolean noColor;

    public boolean json() {
        return json;
    }

    /** Colour only on a terminal, and never when the user said no by flag or by {@code NO_COLOR}. */
    public boolean color(Terminal terminal) {
        return !noColor && !terminal.noColorRequested() && terminal.interactive();
    }
}
