package dev.scaffold.blueprint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Collects the problems of one load, so that all of them are reported together. A message never shows
 * the value of a sensitive variable: one that quotes it, say because it is not of the variable's type,
 * shows {@code (sensitive)} in its place.
 */
final class Diagnostics {

    private static final String SENSITIVE = "(sensitive)";
    /** Shorter values are masked only where a message quotes them whole: "1" would mask every other number. */
    private static final int MASKED_ANYWHERE = 4;

    private final List<Diagnostic> found = new ArrayList<>();
    /** What each form of a sensitive value (as it is, and as {@link Quoted} shows it) is shown as instead. */
    private final Map<String, String> sensitive = new LinkedHashMap<>();
    /** The problems only loads under some environments found, by what they said, with those environments' names. */
    private final Map<Diagnostic, List<String>> environmentsOf = new LinkedHashMap<>();

    void error(Origin at, String code, String message) {
        add(at, Severity.ERROR, code, message);
    }

    void warning(Origin at, String code, String message) {
        add(at, Severity.WARNING, code, message);
    }

    /** Shows these values as {@code (sensitive)} in every message, those found so far and those to come. */
    void mask(Collection<String> values) {
        for (String value : values) {
            if (!value.isBlank()) {
                for (String form : new LinkedHashSet<>(List.of(value, Quoted.bare(value)))) {
                    if (form.length() >= MASKED_ANYWHERE) {
                        sensitive.put(form, SENSITIVE);
                    } else {
                        sensitive.put("'" + form + "'", "'" + SENSITIVE + "'");
                    }
                }
            }
        }
        found.replaceAll(d -> new Diagnostic(d.file(), d.line(), d.column(), d.severity(), d.code(), masked(d.message())));
    }

    /** Every diagnostic is one line, whatever a message or a file name quotes: see {@link Quoted}. */
    private void add(Origin at, Severity severity, String code, String message) {
        add(new Diagnostic(Quoted.oneLine(at.file()), at.line(), at.column(), severity, code,
                masked(Quoted.oneLine(masked(message)))));
    }

    private String masked(String message) {
        String masked = message;
        List<String> longestFirst = new ArrayList<>(sensitive.keySet());
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        for (String form : longestFirst) {
            masked = masked.replace(form, sensitive.get(form));
        }
        return masked;
    }

    /** A problem met again (the same file under several environments, say) is reported once. */
    private void add(Diagnostic diagnostic) {
        if (!found.contains(diagnostic)) {
            found.add(diagnostic);
        }
    }

    /**
     * Takes in what a load under {@code environment} found besides what the load without one found: each such
     * problem is that environment's alone, and says so ({@code (environment staging)}, or the names of all the
     * environments it is found under).
     */
    void absorb(Diagnostics underEnvironment, String environment) {
        for (Diagnostic diagnostic : underEnvironment.found) {
            if (found.contains(diagnostic)) {
                continue;
            }
            List<String> environments = environmentsOf.computeIfAbsent(diagnostic, d -> new ArrayList<>());
            if (environments.contains(environment)) {
                continue;
            }
            int at = environments.isEmpty() ? -1 : found.indexOf(inEnvironments(diagnostic, environments));
            environments.add(environment);
            if (at < 0) {
                found.add(inEnvironments(diagnostic, environments));
            } else {
                found.set(at, inEnvironments(diagnostic, environments));
            }
        }
    }

    private static Diagnostic inEnvironments(Diagnostic d, List<String> environments) {
        String which = environments.size() == 1 ? "environment " + environments.get(0)
                : "environments " + String.join(", ", environments);
        return new Diagnostic(d.file(), d.line(), d.column(), d.severity(), d.code(), d.message() + " (" + which + ")");
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

    /** The warnings found, sorted as {@link #sorted} sorts them. */
    List<Diagnostic> warnings(String mainFile) {
        return sorted(mainFile).stream().filter(d -> d.severity() == Severity.WARNING).toList();
    }

    /** Throws the collected problems if any of them is an error. */
    void throwIfErrors(String file) {
        if (hasErrors()) {
            throw new BlueprintException(file, sorted(file));
        }
    }
}
