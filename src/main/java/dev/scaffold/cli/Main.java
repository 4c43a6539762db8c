package dev.scaffold.cli;

/** The entry point: runs the command line and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ScaffoldCommand.commandLineFor(args).execute(args));
    }
}
