package dev.scaffold.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Help.ColorScheme;

/**
 * The lines a user reads on stderr besides the logs: notes, errors and their detail, and progress.
 * As text they read {@code note: …} and {@code error: …}; with {@code --log-format json} each is one
 * JSON object, with the time, level and message fields of the log lines. {@code -q} leaves only the
 * errors. No credential is ever written.
 */
final class Messages {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private final PrintWriter err;
    private final boolean json;
    private final boolean quiet;
    private final ColorScheme colors;
    private final Redaction redaction;

    Messages(PrintWriter err, LoggingOptions.LogFormat format, boolean quiet, ColorScheme colors, Redaction redaction) {
        this.err = err;
        this.json = format == LoggingOptions.LogFormat.json;
        this.quiet = quiet;
        this.colors = colors;
        this.redaction = redaction;
    }

    /** Something the user should know that is not a failure; not with {@code -q}. */
    void note(String text) {
        if (!quiet) {
            write("NOTE", "note: ", text);
        }
    }

    /** A warning that is whole already, e.g. {@code file:line:col: warning: …}; not with {@code -q}. */
    void warning(String line) {
        if (!quiet) {
            write("WARN", "", line);
        }
    }

    /** What failed, starting lower-case, in the error colour. */
    void error(String text) {
        write("ERROR", "error: ", lowerCaseStart(text));
    }

    /** A line that belongs to an error: one of its problems, its detail, its cause. */
    void detail(String text) {
        write("ERROR", "", text);
    }

    /** A line of a run's progress, when it goes to stderr; not with {@code -q}. */
    void progress(String text) {
        if (!quiet) {
            write("INFO", "", text);
        }
    }

    private synchronized void write(String level, String prefix, String text) {
        String safe = redaction.apply(text);
        if (json) {
            err.println("{\"time\":\"" + TIME.format(Instant.now()) + "\",\"level\":\"" + level
                    + "\",\"message\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(safe))
                    + "\"}");
        } else {
            err.println(level.equals("ERROR") && !prefix.isEmpty() ? colors.errorText(prefix + safe).toString()
                    : prefix + safe);
        }
        err.flush();
    }

    /** "Unknown option" reads "unknown option"; "AWS …" and "ARN …" keep their capitals. */
    static String lowerCaseStart(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }
}
