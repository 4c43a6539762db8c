package dev.scaffold.blueprint;

import dev.scaffold.ScaffoldException;
import java.util.List;

/** A blueprint that cannot be loaded, with every problem found in it. */
public final class BlueprintException extends ScaffoldException {

    private final transient List<Diagnostic> diagnostics;

    public BlueprintException(String file, List<Diagnostic> diagnostics) {
        super(Kind.INVALID_INPUT, summary(file, diagnostics), null, null);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every problem, in the order found; never empty. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String summary(String file, List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
        if (errors == 1) {
            return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).findFirst().orElseThrow().toString();
        }
        return Quoted.oneLine(file) + " has " + errors + " problems";
    }

    /** Every diagnostic as {@code file:line:col: error: message}, for the command line to list. */
    @Override
    public List<String> problems() {
        return diagnostics.stream().map(Diagnostic::toString).toList();
    }

    // A user error, not a bug: the diagnostics say where; a trace would only add noise.
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
