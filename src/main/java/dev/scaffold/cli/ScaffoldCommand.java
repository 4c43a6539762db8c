package dev.scaffold.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** The root {@code scaffold} command: lists the subcommands and holds the global options. */
@Command(name = "scaffold",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        description = "Plans and provisions a web application's backend on AWS from one YAML blueprint.",
        footerHeading = "%nExit codes:%n")
public final class ScaffoldCommand implements Runnable {

    /** The exit codes {@code scaffold --help} lists, each with what it means. */
    static final List<List<String>> EXIT_CODES = List.of(
            List.of("0", "success (with --detailed-exitcode: no changes)"),
            List.of("1", "error: an AWS call failed, apply partly failed, I/O (e.g. a file named on the command line"
                    + " is missing)"),
            List.of("2", "changes present (plan --detailed-exitcode)"),
            List.of("3", "invalid input: blueprint (a file it names missing too), variables, references"),
            List.of("4", "the state is locked by another run"),
            List.of("64", "command-line usage error"),
            List.of("130", "interrupted (Ctrl-C)"),
            List.of("143", "terminated (SIGTERM, e.g. a cancelled CI job)"));

    /** A subcommand: its name, which is its {@code @Command} name, and its class. */
    record Subcommand(String name, Class<?> type) {
    }

    /** Every subcommand, in the order {@code scaffold --help} lists them. */
    static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("init", InitCommand.class),
            new Subcommand("validate", ValidateCommand.class),
            new Subcommand("plan", PlanCommand.class),
            new Subcommand("apply", ApplyCommand.class),
            new Subcommand("show", ShowCommand.class),
            new Subcommand("destroy", DestroyCommand.class),
            new Subcommand("output", OutputCommand.class),
            new Subcommand("state", StateCommand.class),
            new Subcommand("force-unlock", ForceUnlockCommand.class),
            new Subcommand("graph", GraphCommand.class),
            new Subcommand("schema", SchemaCommand.class),
            new Subcommand("help", CommandLine.HelpCommand.class));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--no-color", scope = ScopeType.INHERIT,
            description = "No colour, also when stdout is a terminal (NO_COLOR=1 does the same).")
    boolean noColor;

    private final Terminal terminal;
    private final Redaction redaction;

    private ScaffoldCommand(Terminal terminal) {
        this.terminal = terminal;
        this.redaction = Redaction.of(terminal.environment());
    }

    /** Where this run happens: whether on a terminal, and the process environment. */
    Terminal terminal() {
        return terminal;
    }

    /** What this run masks in everything it writes to stderr: credentials, and sensitive values once known. */
    Redaction redaction() {
        return redaction;
    }

    /** The global logging options, wherever on the command line they were given. */
    LoggingOptions logging() {
        return logging;
    }

    /** Colour only on a terminal, and never when the user said no by flag or by {@code NO_COLOR}. */
    boolean color() {
        return !noColor && terminal.colorAllowed();
    }

    /** The lines for the user on the stderr of {@code commandLine}, as the global options ask. */
    Messages messages(CommandLine commandLine) {
        return messages(commandLine, logging.format());
    }

    Messages messages(CommandLine commandLine, LoggingOptions.LogFormat format) {
        return new Messages(commandLine.getErr(), format, logging.verbosity() < 0, commandLine.getColorScheme(),
                redaction);
    }

    /**
     * Builds the command line for one run on this process's terminal: with only the subcommand the
     * arguments name, since picocli builds each subcommand's model by reflection, which start-up need
     * not pay for the others. Arguments that name none (help, a typo, no subcommand) get every one.
     */
    public static CommandLine commandLineFor(String... args) {
        Terminal terminal = Terminal.current();
        Charset charset = terminal.unicode() ? StandardCharsets.UTF_8 : Charset.defaultCharset();
        return commandLineFor(terminal, writer(System.out, charset), writer(System.err, charset), args);
    }

    static CommandLine commandLineFor(Terminal terminal, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(terminal, out, err, subcommandsFor(args));
    }

    private static List<Subcommand> subcommandsFor(String... args) {
        for (String arg : args) {
            // Global options come first, if any; the first argument that is not one names the subcommand
            // (or is an option's value, which names none, and then every subcommand is built).
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

    private static CommandLine commandLine(Terminal terminal, PrintWriter out, PrintWriter err,
                                           List<Subcommand> subcommands) {
        ScaffoldCommand root = new ScaffoldCommand(terminal);
        CommandLine commandLine = new CommandLine(root);
        // Before the settings below: picocli passes them on to the subcommands added so far.
        for (Subcommand subcommand : subcommands) {
            commandLine.addSubcommand(subcommand.name(), subcommand.type());
        }
        // Classes rather than lambdas: picocli's interfaces are of an old class-file version, and the
        // class-data archive leaves out such an interface, and what implements it, once a lambda has.
        DeferredErrorReporter errors = new DeferredErrorReporter(root);
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // Without UTF-8 (LANG=C) arrows and ellipses would print as '?': they are written as ASCII.
        commandLine.setOut(terminal.unicode() ? out : AsciiFallback.wrap(out));
        commandLine.setErr(terminal.unicode() ? err : AsciiFallback.wrap(err));
        answerVersionEverywhere(commandLine);
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, new ExitCodeList());
        // Picocli's own guess asks System.console(), which is null whenever stdin is not a terminal.
        commandLine.setColorScheme(colorScheme(terminal.colorAllowed()));
        commandLine.setExecutionStrategy(new Execution(root));
        return commandLine;
    }

    private int execute(ParseResult parseResult) {
        if (!Commands.helpRequested(parseResult)) {
            LogConfiguration.apply(logging, redaction);
        }
        if (!color()) {
            spec.commandLine().setColorScheme(colorScheme(false));
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /**
     * picocli's colours for help and errors, with bold that ends with {@code ESC[22m} (normal intensity): picocli's
     * own bold ends with {@code ESC[21m}, which some terminals draw as a double underline.
     */
    static CommandLine.Help.ColorScheme colorScheme(boolean on) {
        return new CommandLine.Help.ColorScheme.Builder(on ? Ansi.ON : Ansi.OFF)
                .commands(Bold.BOLD)
                .options(CommandLine.Help.Ansi.Style.fg_yellow)
                .parameters(CommandLine.Help.Ansi.Style.fg_yellow)
                .optionParams(CommandLine.Help.Ansi.Style.italic)
                .errors(CommandLine.Help.Ansi.Style.fg_red, Bold.BOLD)
                .stackTraces(CommandLine.Help.Ansi.Style.italic)
                .applySystemProperties()
                .build();
    }

    /** Bold on, and off again to normal intensity ({@code ESC[22m}). */
    enum Bold implements CommandLine.Help.Ansi.IStyle {
        BOLD;

        @Override
        public String on() {
            return CSI + "1m";
        }

        @Override
        public String off() {
            return CSI + "22m";
        }
    }

    /** {@code scaffold plan --version} prints what {@code scaffold --version} prints. */
    private static void answerVersionEverywhere(CommandLine commandLine) {
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            subcommand.getCommandSpec().versionProvider(commandLine.getCommandSpec().versionProvider());
            answerVersionEverywhere(subcommand);
        }
    }

    private static PrintWriter writer(OutputStream stream, Charset charset) {
        return new PrintWriter(new OutputStreamWriter(stream, charset), true);
    }

    /**
     * The exit codes under the root command's help, a code and its meaning per row: a meaning too long for the
     * width wraps under itself, so the codes stay in their column.
     */
    private static final class ExitCodeList implements CommandLine.IHelpSectionRenderer {

        private static final int CODE_COLUMN = 7;

        @Override
        public String render(CommandLine.Help help) {
            int width = help.commandSpec().usageMessage().width();
            CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
                    new CommandLine.Help.Column(CODE_COLUMN, 2, CommandLine.Help.Column.Overflow.SPAN),
                    new CommandLine.Help.Column(width - CODE_COLUMN, 0, CommandLine.Help.Column.Overflow.WRAP));
            EXIT_CODES.forEach(row -> table.addRowValues(row.get(0), row.get(1)));
            return table.toString();
        }
    }

    /** Runs the parsed command after applying the global logging and colour options. */
    private record Execution(ScaffoldCommand root) implements IExecutionStrategy {

        @Override
        public int execute(ParseResult parseResult) {
            return root.execute(parseResult);
        }
    }

    /**
     * Hands a failure to an {@link ErrorReporter} made for it: made any earlier, the reporter's logger
     * would start Log4j2 before the run's logging options are read, and in every run, failing or not.
     */
    private record DeferredErrorReporter(ScaffoldCommand root)
            implements IExecutionExceptionHandler, IParameterExceptionHandler {

        @Override
        public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
            return new ErrorReporter(root).handleExecutionException(failure, commandLine, parseResult);
        }

        @Override
        public int handleParseException(ParameterException failure, String[] args) {
            return new ErrorReporter(root).handleParseException(failure, args);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
