package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;

/** The exit codes of DESIGN §8, and the mapping from a failure's kind to its code. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int CHANGES_PRESENT = 2;
    public static final int INVALID_INPUT = 3;
    public static final int LOCKED = 4;
    public static final int USAGE = 64;
    public static final int INTERRUPTED = 130;
    /** Ended by SIGTERM, e.g. a cancelled CI job: 128 + 15, as shells report it. */
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }

    public static int of(ScaffoldException.Kind kind) {
        return switch (kind) {
            case FAILURE -> FAILURE;
            case INVALID_INPUT -> INVALID_INPUT;
            case LOCKED -> LOCKED;
            case INTERRUPTED -> INTERRUPTED;
        };
    }
}
