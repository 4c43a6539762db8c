package dev.scaffold.cli;

import org.apache.logging.log4j.Level;
import picocli.CommandLine.Option;

/** The options every command shares for how much it logs, and in which format. */
public final class LoggingOptions {

    /** How log lines are written to stderr. */
    public enum LogFormat { text, json }

    @Option(names = {"-v", "--verbose"},
            description = "More detail: -v adds detail to errors and info logs, -vv debug logs, -vvv traces.")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, description = "Only errors on stderr.")
    boolean quiet;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "Log line format on stderr: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    LogFormat logFormat = LogFormat.text;

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
}
