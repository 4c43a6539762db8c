package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import java.io.PrintWriter;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into what a user should see: one line (all diagnostics for a blueprint),
 * more detail with {@code -v}, the trace with {@code -vvv}, and the exit code of DESIGN §8.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private static final Logger LOG = LogManager.getLogger(ErrorReporter.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        int verbosity = verbosity(parseResult);
        PrintWriter err = commandLine.getErr();
        CommandLine.Help.ColorScheme colors = commandLine.getColorScheme();
        if (ex instanceof ScaffoldException failure) {
            List<String> problems = failure.problems();
            problems.forEach(err::println);
            if (!problems.equals(List.of(failure.getMessage()))) {
                err.println(colors.errorText("error: " + failure.getMessage()));
            }
            if (verbosity >= 1 && failure.detail() != null) {
                err.println(failure.detail());
            }
            if (verbosity >= 1 && verbosity < 3) {
                printCauses(err, failure);
            }
            printTrace(err, ex, verbosity);
            err.flush();
            return ExitCodes.of(failure.kind());
        }
        err.println(colors.errorText("error: unexpected failure: " + ex)
                + (verbosity >= 3 ? "" : " (run again with -vvv for the trace)"));
        printTrace(err, ex, verbosity);
        err.flush();
        return ExitCodes.FAILURE;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getColorScheme().errorText("error: " + ex.getMessage()));
        if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Each cause's own words, once; the trace itself is for -vvv. */
    private static void printCauses(PrintWriter err, Throwable failure) {
        String shown = failure.getMessage();
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().equals(shown)) {
                err.println("caused by: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
                shown = cause.getMessage();
            }
        }
    }

    /** With -vvv, the trace goes to the log on stderr, for a maintainer; users never need it. */
    private static void printTrace(PrintWriter err, Exception ex, int verbosity) {
        if (verbosity >= 3) {
            err.flush();
            LOG.error("trace of the failure above", ex);
        }
    }

    private static int verbosity(ParseResult parseResult) {
        LoggingOptions logging = Commands.mixin(parseResult, LoggingOptions.class);
        return logging == null ? 0 : logging.verbosity();
    }
}
