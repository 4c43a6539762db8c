package dev.scaffold.blueprint;

import java.util.Collection;
import java.util.Locale;

/** Finds the allowed word a user probably meant, by edit distance, for "did you mean" hints. */
final class Suggestions {

    private Suggestions() {}

    /** The closest candidate within a small edit distance, or {@code null}. */
    static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = word.toLowerCase(Locale.ROOT);
        int tolerance = Math.max(2, word.length() / 3);
        for (String candidate : candidates) {
            // The distance is at least the difference in length: a megabyte-long word is not compared at all.
            if (Math.abs(candidate.length() - word.length()) > tolerance) {
                continue;
            }
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= tolerance ? best : null;
    }

    /** "— did you mean 'x'?" or "; allowed: a, b, c". */
    static String hint(String word, Collection<String> candidates) {
        return hint(word, candidates, "allowed");
    }

    /** As {@link #hint(String, Collection)}, naming the list of candidates with {@code listLabel}, e.g. "declared". */
    static String hint(String word, Collection<String> candidates, String listLabel) {
        String match = closest(word, candidates);
        if (match != null) {
            return " — did you mean " + Quoted.of(match) + "?";
        }
        return candidates.isEmpty() ? "" : "; " + listLabel + ": " + list(candidates);
    }

    /** Names for a message, each escaped and shortened, since declared names are user text too. */
    static String list(Collection<String> names) {
        return String.join(", ", names.stream().map(Quoted::bare).toList());
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
