package dev.scaffold.graph;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Finds the names a user most likely meant when one they typed does not exist. */
final class CloseMatches {

    private static final int MAX_SUGGESTIONS = 3;

    private CloseMatches() {
    }

    /** Up to three candidates near {@code typed}, nearest first; empty when none is near. */
    static List<String> among(String typed, Collection<String> candidates) {
        int tolerance = Math.max(2, typed.length() / 4);
        record Scored(String candidate, int distance) { }
        return candidates.stream()
                .map(c -> new Scored(c, distance(typed, c)))
                .filter(s -> s.distance() <= tolerance || s.candidate().startsWith(typed) || typed.startsWith(s.candidate()))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .limit(MAX_SUGGESTIONS)
                .map(Scored::candidate)
                .toList();
    }

    // Levenshtein distance, two rows at a time.
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
