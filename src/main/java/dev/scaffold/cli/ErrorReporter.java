package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.CloseMatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Turns every failure into what a user should see: one line (all diagnostics for a blueprint),
 * more detail with {@code -v}, the trace with {@code -vvv}, and the exit code of DESIGN §8.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private static final Logger LOG = LogManager.getLogger(ErrorReporter.class);

    private final ScaffoldCommand root;

    ErrorReporter(ScaffoldCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        int verbosity = root.logging().verbosity();
        Messages messages = root.messages(commandLine);
        if (ex instanceof ScaffoldException failure) {
            List<String> problems = failure.problems();
            problems.forEach(messages::detail);
            // One problem is its own summary; several (or a blueprint's warnings beside it) get one.
            if (!problems.contains(failure.getMessage())) {
                messages.error(failure.getMessage());
            }
            if (verbosity >= 1 && failure.detail() != null) {
                messages.detail(failure.detail());
            }
            if (verbosity >= 1 && verbosity < 3) {
                printCauses(messages, failure);
            }
            printTrace(ex, verbosity);
            return ExitCodes.of(failure.kind());
        }
        messages.error("unexpected failure: " + ex + (verbosity >= 3 ? "" : " (run again with -vvv for the trace)"));
        printTrace(ex, verbosity);
        return ExitCodes.FAILURE;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        // The command line did not parse, so its own --log-format and --no-color may not have been read.
        if (List.of(args).contains("--no-color")) {
            commandLine.setColorScheme(ScaffoldCommand.colorScheme(false));
        }
        Messages messages = root.messages(commandLine, asksForJson(args)
                ? LoggingOptions.LogFormat.json : root.logging().format());
        String misplaced = ex instanceof UnmatchedArgumentException unmatched ? misplacedOption(unmatched, args) : null;
        if (misplaced != null) {
            messages.error(misplaced);
        } else if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            messages.error(unmatchedMessage(unmatched, commandLine));
        } else {
            messages.error(ex.getMessage());
        }
        messages.detail("run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage");
        return ExitCodes.USAGE;
    }

    /**
     * An option of a command given before the command ({@code scaffold -f x validate}): the message says that such
     * options follow the command, with the command line that does; {@code null} for any other unknown option.
     */
    private static String misplacedOption(UnmatchedArgumentException unmatched, String[] args) {
        CommandLine root = unmatched.getCommandLine();
        if (!unmatched.isUnknownOption() || unmatched.getUnmatched().isEmpty() || root.getParent() != null) {
            return null;
        }
        String typed = unmatched.getUnmatched().get(0);
        String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        List<String> words = List.of(args);
        String command = words.stream().filter(root.getSubcommands()::containsKey).findFirst().orElse(null);
        if (command == null) {
            List<String> having = root.getSubcommands().entrySet().stream()
                    .filter(e -> e.getValue().getCommandSpec().findOption(name) != null).map(Map.Entry::getKey).toList();
            return having.isEmpty() ? null : "'" + name + "' is an option of a command (" + String.join(", ", having)
                    + "), and a command's options follow it, e.g. scaffold " + having.get(0) + " " + name + " …";
        }
        if (root.getSubcommands().get(command).getCommandSpec().findOption(name) == null) {
            return null;
        }
        List<String> moved = new ArrayList<>(words);
        moved.remove(command);
        return "'" + name + "' is an option of " + command + ", and a command's options follow it: run scaffold "
                + command + " " + String.join(" ", moved.stream().map(ShellWord::of).toList());
    }

    /** What was not understood, and what the user probably meant: {@code paln} is {@code plan}. */
    private static String unmatchedMessage(UnmatchedArgumentException unmatched, CommandLine commandLine) {
        String typed = unmatched.getUnmatched().get(0);
        if (unmatched.isUnknownOption()) {
            String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
            List<String> options = new ArrayList<>();
            for (OptionSpec option : commandLine.getCommandSpec().options()) {
                options.addAll(List.of(option.names()));
            }
            return "unknown option '" + name + "'" + didYouMean(name, options);
        }
        if (!commandLine.getSubcommands().isEmpty()) {
            return "'" + typed + "' is not a " + commandLine.getCommandSpec().qualifiedName() + " command"
                    + didYouMean(typed, new ArrayList<>(commandLine.getSubcommands().keySet()));
        }
        return "unexpected argument '" + typed + "'";
    }

    private static String didYouMean(String typed, List<String> candidates) {
        List<String> near = CloseMatches.among(typed, candidates);
        return near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)";
    }

    /** Whether the arguments ask for JSON lines on stderr, read before parsing is done. */
    private static boolean asksForJson(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equalsIgnoreCase("--log-format=json")
                    || args[i].equals("--log-format") && i + 1 < args.length && args[i + 1].equalsIgnoreCase("json")) {
                return true;
            }
        }
        return false;
    }

    /** Each cause's own words, once; the trace itself is for -vvv. */
    private static void printCauses(Messages messages, Throwable failure) {
        String shown = failure.getMessage();
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().equals(shown)) {
                messages.detail("caused by: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
                shown = cause.getMessage();
            }
        }
    }

    /** With -vvv, the trace goes to the log on stderr, for a maintainer; users never need it. */
    private static void printTrace(Exception ex, int verbosity) {
        if (verbosity >= 3) {
            LOG.error("trace of the failure above", ex);
        }
    }
}
