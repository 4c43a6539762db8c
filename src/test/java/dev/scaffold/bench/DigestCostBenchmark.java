package dev.scaffold.bench;

import dev.scaffold.plan.SensitiveValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What the digest of a sensitive value costs ({@link SensitiveValues#ITERATIONS} rounds of PBKDF2):
 * the first in a new JVM, as a short run pays it, the median of later ones, and a value digested a
 * thousand times in one run, which the cache makes one digest. Needs no emulator. Run with:
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.mainClass=dev.scaffold.bench.DigestCostBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class DigestCostBenchmark {

    private static final int SAMPLES = 21;

    private DigestCostBenchmark() {
    }

    public static void main(String[] args) {
        SensitiveValues digests = SensitiveValues.salted(UUID.randomUUID());
        long start = System.nanoTime();
        digests.digest("first-secret");
        double first = millisSince(start);
        List<Double> later = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            start = System.nanoTime();
            digests.digest("secret-" + i);
            later.add(millisSince(start));
        }
        Collections.sort(later);
        start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            digests.digest("one-secret-in-a-thousand-places");
        }
        double repeated = millisSince(start);
        System.out.printf(Locale.ROOT, "%d iterations: first digest %.1f ms, median of %d later %.1f ms (fastest %.1f,"
                        + " slowest %.1f), one value 1000 times %.1f ms%n", SensitiveValues.ITERATIONS, first, SAMPLES,
                later.get(SAMPLES / 2), later.get(0), later.get(SAMPLES - 1), repeated);
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
