package dev.scaffold;

import java.util.List;

/**
 * A failure a user can cause and act on: its message says what went wrong, where, and what to do.
 *
 * <p>The command line prints the message on one line and exits with the code of its {@link Kind};
 * bugs are other exceptions and surface with a stack trace under {@code -vvv}.
 */
public class ScaffoldException extends RuntimeException {

    /** What kind of failure this is; the command line maps each kind to an exit code. */
    public enum Kind {
        /** An AWS call failed, an apply partly failed, or I/O failed (exit 1). */
        FAILURE,
        /** The blueprint, variables, references or a blocking policy finding are invalid (exit 3). */
        INVALID_INPUT,
        /** The state is locked by another run (exit 4). */
        LOCKED,
        /** The user interrupted the run (exit 130). */
        INTERRUPTED
    }

    private final Kind kind;
    private final String detail;

    public ScaffoldException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public ScaffoldException(Kind kind, String message, String detail, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.detail = detail;
    }

    public static ScaffoldException failure(String message) {
        return new ScaffoldException(Kind.FAILURE, message);
    }

    public static ScaffoldException failure(String message, Throwable cause) {
        return new ScaffoldException(Kind.FAILURE, message, null, cause);
    }

    public static ScaffoldException invalidInput(String message) {
        return new ScaffoldException(Kind.INVALID_INPUT, message);
    }

    public Kind kind() {
        return kind;
    }

    /** Problems to list one per line before the message, e.g. a blueprint's diagnostics; none by default. */
    public List<String> problems() {
        return List.of();
    }

    /** More lines for the user, printed with {@code -v}; {@code null} when there are none. */
    public String detail() {
        return detail;
    }
}
