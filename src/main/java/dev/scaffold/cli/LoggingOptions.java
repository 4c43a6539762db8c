package dev.scaffold.cli;

import org.apache.logging.log4j.Level;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command shares for how much it logs, and in which format. They belong to the
 * root command and every subcommand inherits them, so they go before or after the command's name.
 */
public final class LoggingOptions {

    /** How log lines, notes and errors are written to stderr. */
    public enum LogFormat { text, json }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More detail: -v adds detail to errors and info logs, -vv debug logs, -vvv traces.")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Only errors on stderr.")
    boolean quiet;

    @Option(names = "--log-format", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "How stderr's lines are written: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE});"
                    + " with json every line is a JSON object, notes and errors too.")
    LogFormat logFormat = LogFormat.text;

    @Option(names = "--debug-http", scope = ScopeType.INHERIT,
            description = "Log every HTTP request to AWS and its response, credentials masked; for debugging.")
    boolean debugHttp;

    public int verbosity() {
        return quiet ? -1 : verbose.length;
    }

    public Level level() {
        return switch (verbosity()) {
            case -1 -> Level.ERROR;
            case 0 -> Level.WARN;
            case 1 -> Level.INFO;
            case 2 -> Level.DEBUG;
            default -> Level.TRACE;
        };
    }

    public LogFormat format() {
        return logFormat;
    }

    /** Whether the SDK's and Netty's wire logs are wanted. */
    public boolean debugHttp() {
        return debugHttp;
    }
}
