package dev.scaffold.blueprint;

/**
 * One problem found in a blueprint, with the file as the user gave it and a 1-based line and column.
 *
 * <p>Problems that belong to no file position (a {@code --var} on the command line, say) carry line and
 * column 0; {@link #toString()} then leaves the position out.
 *
 * @param code a stable, machine-readable kind such as {@code unknown-key}, {@code duplicate-key} or {@code range}
 */
public record Diagnostic(String file, int line, int column, Severity severity, String code, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + ":" + column : file;
        return where + ": " + severity.label() + ": " + message;
    }
}
