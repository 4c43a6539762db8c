package dev.scaffold.cli;

import picocli.CommandLine.Option;

/** The option of commands that can print their result for machines. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    public boolean json() {
        return json;
    }
}
