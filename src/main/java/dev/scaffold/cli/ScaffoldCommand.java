package dev.scaffold.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code scaffold} command: lists the subcommands and holds the global options. */
@Command(name = "scaffold",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        description = "Plans and provisions a web application's backend on AWS from one YAML blueprint.",
        subcommands = {InitCommand.class, SchemaCommand.class})
public final class ScaffoldCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Builds the command line with the house exception handling and exit codes. */
    public static CommandLine commandLine() {
        return new CommandLine(new ScaffoldCommand());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
