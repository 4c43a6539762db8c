package dev.scaffold.blueprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Collects the problems of one load, so that all of them are reported together. */
final class Diagnostics {

    private final List<Diagnostic> found = new ArrayList<>();

    void error(Origin at, String code, String message) {
        add(at, Severity.ERROR, code, message);
    }

    void warning(Origin at, String code, String message) {
        add(at, Severity.WARNING, code, message);
    }

    /** Every diagnostic is one line, whatever a message or a file name quotes: see {@link Quoted}. */
    private void add(Origin at, Severity severity, String code, String message) {
        add(new Diagnostic(Quoted.oneLine(at.file()), at.line(), at.column(), severity, code, Quoted.oneLine(message)));
    }

    /** A problem met again (the same file under several environments, say) is reported once. */
    private void add(Diagnostic diagnostic) {
        if (!found.contains(diagnostic)) {
            found.add(diagnostic);
        }
    }

    boolean hasErrors() {
        return found.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    /** The problems of {@code mainFile} first, then those of other files as first found; each by line and column. */
    List<Diagnostic> sorted(String mainFile) {
        List<String> files = Stream.concat(Stream.of(mainFile),
                found.stream().map(Diagnostic::file)).distinct().toList();
        return found.stream()
                .sorted(Comparator.comparingInt((Diagnostic d) -> files.indexOf(d.file()))
                        .thenComparingInt(Diagnostic::line)
                        .thenComparingInt(Diagnostic::column))
                .toList();
    }

    /** Throws the collected problems if any of them is an error. */
    void throwIfErrors(String file) {
        if (hasErrors()) {
            throw new BlueprintException(file, sorted(file));
        }
    }
}
