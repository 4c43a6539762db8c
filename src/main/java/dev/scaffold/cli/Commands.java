package dev.scaffold.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** Finds things in a parse result that every command shares. */
final class Commands {

    private Commands() {
    }

    /** The innermost command that the user invoked. */
    static ParseResult invoked(ParseResult parseResult) {
        ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last;
    }

    /** The invoked command's mixin of a type, or {@code null} when it has none. */
    static <T> T mixin(ParseResult parseResult, Class<T> type) {
        CommandSpec spec = invoked(parseResult).commandSpec();
        for (CommandSpec mixin : spec.mixins().values()) {
            if (type.isInstance(mixin.userObject())) {
                return type.cast(mixin.userObject());
            }
        }
        return null;
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
