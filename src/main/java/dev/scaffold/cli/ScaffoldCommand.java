package dev.scaffold.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ParseResult;

/** The root {@code scaffold} command: lists the subcommands and holds the global options. */
@Command(name = "scaffold",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        description = "Plans and provisions a web application's backend on AWS from one YAML blueprint.",
        subcommands = {InitCommand.class, ValidateCommand.class, PlanCommand.class, ApplyCommand.class,
                DestroyCommand.class, OutputCommand.class, StateCommand.class, ForceUnlockCommand.class,
                GraphCommand.class,
                SchemaCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    success (with --detailed-exitcode: no changes)",
            "  1    error: an AWS call failed, apply partly failed, I/O",
            "  2    changes present (plan --detailed-exitcode)",
            "  3    invalid input: blueprint, variables, references",
            "  4    the state is locked by another run",
            "  64   command-line usage error",
            "  130  interrupted"})
public final class ScaffoldCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Terminal terminal;

    private ScaffoldCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Where this run happens: whether on a terminal, and the process environment. */
    Terminal terminal() {
        return terminal;
    }

    /** Builds the command line with the house exception handling, logging set-up and exit codes. */
    public static CommandLine commandLine() {
        return commandLine(Terminal.current());
    }

    static CommandLine commandLine(Terminal terminal) {
        CommandLine commandLine = new CommandLine(new ScaffoldCommand(terminal));
        ErrorReporter errors = new ErrorReporter();
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        if (!terminal.interactive() || terminal.noColorRequested()) {
            commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
        }
        commandLine.setExecutionStrategy(parseResult -> execute(parseResult, terminal));
        return commandLine;
    }

    private static int execute(ParseResult parseResult, Terminal terminal) {
        LoggingOptions logging = Commands.mixin(parseResult, LoggingOptions.class);
        if (logging != null) {
            LogConfiguration.apply(logging);
        }
        OutputOptions output = Commands.mixin(parseResult, OutputOptions.class);
        if (output != null && !output.color(terminal)) {
            Commands.invoked(parseResult).commandSpec().commandLine()
                    .setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
