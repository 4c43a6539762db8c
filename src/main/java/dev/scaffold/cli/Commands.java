package dev.scaffold.cli;

import picocli.CommandLine.ParseResult;

/** Finds things in a parse result that every command shares. */
final class Commands {

    private Commands() {
    }

    /** Whether the user asked for usage or version help anywhere on the command line: no work will be done. */
    static boolean helpRequested(ParseResult parseResult) {
        for (ParseResult part = parseResult; part != null; part = part.hasSubcommand() ? part.subcommand() : null) {
            if (part.isUsageHelpRequested() || part.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }
}
