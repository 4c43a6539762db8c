package dev.scaffold.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The root {@code scaffold} command: lists the subcommands and holds the global options. */
@Command(name = "scaffold",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        description = "Plans and provisions a web application's backend on AWS from one YAML blueprint.",
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

    /** A subcommand: its name, which is its {@code @Command} name, and its class. */
    record Subcommand(String name, Class<?> type) {
    }

    /** Every subcommand, in the order {@code scaffold --help} lists them. */
    static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("init", InitCommand.class),
            new Subcommand("validate", ValidateCommand.class),
            new Subcommand("plan", PlanCommand.class),
            new Subcommand("apply", ApplyCommand.class),
            new Subcommand("destroy", DestroyCommand.class),
            new Subcommand("output", OutputCommand.class),
            new Subcommand("state", StateCommand.class),
            new Subcommand("force-unlock", ForceUnlockCommand.class),
            new Subcommand("graph", GraphCommand.class),
            new Subcommand("schema", SchemaCommand.class),
            new Subcommand("help", CommandLine.HelpCommand.class));

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

    /** Builds the command line, with every subcommand, the house exception handling, logging set-up and exit codes. */
    public static CommandLine commandLine() {
        return commandLine(Terminal.current());
    }

    static CommandLine commandLine(Terminal terminal) {
        return commandLine(terminal, SUBCOMMANDS);
    }

    /**
     * Builds the command line for one run: with only the subcommand the arguments name, since picocli
     * builds each subcommand's model by reflection, which start-up need not pay for the other ten.
     * Arguments that name none (help, a typo, no subcommand) get every subcommand.
     */
    public static CommandLine commandLineFor(String... args) {
        return commandLineFor(Terminal.current(), args);
    }

    static CommandLine commandLineFor(Terminal terminal, String... args) {
        return commandLine(terminal, subcommandsFor(args));
    }

    private static List<Subcommand> subcommandsFor(String... args) {
        for (String arg : args) {
            // The root command takes options only, so the first argument that is not one names the subcommand.
            if (!arg.startsWith("-")) {
                for (Subcommand subcommand : SUBCOMMANDS) {
                    if (subcommand.name().equals(arg) && !arg.equals("help")) {
                        return List.of(subcommand);
                    }
                }
                break;
            }
        }
        return SUBCOMMANDS;
    }

    private static CommandLine commandLine(Terminal terminal, List<Subcommand> subcommands) {
        CommandLine commandLine = new CommandLine(new ScaffoldCommand(terminal));
        // Before the settings below: picocli passes them on to the subcommands added so far.
        for (Subcommand subcommand : subcommands) {
            commandLine.addSubcommand(subcommand.name(), subcommand.type());
        }
        // Classes rather than lambdas: picocli's interfaces are of an old class-file version, and the
        // class-data archive leaves out such an interface, and what implements it, once a lambda has.
        DeferredErrorReporter errors = new DeferredErrorReporter();
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        if (!terminal.interactive() || terminal.noColorRequested()) {
            commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
        }
        commandLine.setExecutionStrategy(new Execution(terminal));
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

    /** Runs the parsed command after applying its logging and colour options. */
    private record Execution(Terminal terminal) implements IExecutionStrategy {

        @Override
        public int execute(ParseResult parseResult) {
            return ScaffoldCommand.execute(parseResult, terminal);
        }
    }

    /**
     * Hands a failure to an {@link ErrorReporter} made for it: made any earlier, the reporter's logger
     * would start Log4j2 before the run's logging options are read, and in every run, failing or not.
     */
    private static final class DeferredErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

        @Override
        public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
            return new ErrorReporter().handleExecutionException(failure, commandLine, parseResult);
        }

        @Override
        public int handleParseException(ParameterException failure, String[] args) {
            return new ErrorReporter().handleParseException(failure, args);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
