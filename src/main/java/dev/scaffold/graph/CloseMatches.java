package dev.scaffold.graph;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the names a user most likely meant when one they typed does not exist: a slip of case, a
 * swapped pair of letters ({@code paln}), a letter too many or too few.
 */
public final class CloseMatches {

    private static final int MAX_SUGGESTIONS = 3;

    private CloseMatches() {
    }

    /** Up to three candidates near {@code typed}, nearest first; empty when none is near. */
    public static List<String> among(String typed, Collection<String> candidates) {
        String folded = typed.toLowerCase(Locale.ROOT);
        int tolerance = Math.max(2, typed.length() / 4);
        record Scored(String candidate, int distance) { }
        return candidates.stream()
                .map(c -> new Scored(c, distance(folded, c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= tolerance
                        || s.candidate().toLowerCase(Locale.ROOT).startsWith(folded)
                        || folded.startsWith(s.candidate().toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .limit(MAX_SUGGESTIONS)
                .map(Scored::candidate)
                .toList();
    }

    // Edit distance where swapping two neighbouring letters is one edit, as typing slips are.
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
