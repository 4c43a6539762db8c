package dev.scaffold.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

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
            "  1    error: an AWS call failed, apply partly failed, I/O (e.g. no blueprint file)",
            "  2    changes present (plan --detailed-exitcode)",
            "  3    invalid input: blueprint, variables, references",
            "  4    the state is locked by another run",
            "  64   command-line usage error",
            "  130  interrupted"})
public final class ScaffoldCommand implements Runnable {

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

    /** Builds the command line with the house exception handling, logging set-up and exit codes. */
    public static CommandLine commandLine() {
        Terminal terminal = Terminal.current();
        Charset charset = terminal.unicode() ? StandardCharsets.UTF_8 : Charset.defaultCharset();
        return commandLine(terminal, writer(System.out, charset), writer(System.err, charset));
    }

    static CommandLine commandLine(Terminal terminal, PrintWriter out, PrintWriter err) {
        ScaffoldCommand root = new ScaffoldCommand(terminal);
        CommandLine commandLine = new CommandLine(root);
        ErrorReporter errors = new ErrorReporter(root);
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // Without UTF-8 (LANG=C) arrows and ellipses would print as '?': they are written as ASCII.
        commandLine.setOut(terminal.unicode() ? out : AsciiFallback.wrap(out));
        commandLine.setErr(terminal.unicode() ? err : AsciiFallback.wrap(err));
        answerVersionEverywhere(commandLine);
        // Picocli's own guess asks System.console(), which is null whenever stdin is not a terminal.
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(terminal.colorAllowed() ? Ansi.ON : Ansi.OFF));
        commandLine.setExecutionStrategy(root::execute);
        return commandLine;
    }

    private int execute(ParseResult parseResult) {
        if (!Commands.helpRequested(parseResult)) {
            LogConfiguration.apply(logging, redaction);
        }
        if (!color()) {
            spec.commandLine().setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
        }
        return new CommandLine.RunLast().execute(parseResult);
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
