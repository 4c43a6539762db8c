package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How long an apply is expected to take, and the longest chain of changes that sets that time.
 *
 * @param total the sum of the typical latencies along the chain
 * @param longestChain the chain, each resource waiting for the one before it
 */
public record Estimate(Duration total, List<ResourceAddress> longestChain) {

    public Estimate {
        longestChain = List.copyOf(longestChain);
    }

    /** E.g. {@code about 25 min; longest chain: databases.main.primary → databases.main.replica[0]}. */
    public String describe() {
        if (longestChain.isEmpty()) {
            return "nothing to do";
        }
        String chain = longestChain.stream().map(ResourceAddress::toString).collect(Collectors.joining(" → "));
        return "about " + roughly(total) + "; longest chain: " + chain;
    }

    // Below a minute, seconds up to the next 10 s; above, the nearest minute (3m04s is "about 3 min").
    private static String roughly(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return Math.min(60, (seconds + 9) / 10 * 10) + " s";
        }
        return (seconds + 30) / 60 + " min";
    }
}
