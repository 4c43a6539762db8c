package dev.scaffold.plan;

import dev.scaffold.graph.ResourceAddress;
import java.util.Comparator;

/**
 * One unit of apply work: destroying or applying one resource. A replace is two steps, the
 * destroy of the old resource and then the apply of the new one.
 */
public record Step(ResourceAddress address, Phase phase) implements Comparable<Step> {

    /** Whether the step removes the old resource or brings the new one about. */
    public enum Phase {
        DESTROY,
        APPLY
    }

    private static final Comparator<Step> ORDER =
            Comparator.comparing(Step::address).thenComparing(Step::phase);

    public static Step destroy(ResourceAddress address) {
        return new Step(address, Phase.DESTROY);
    }

    public static Step apply(ResourceAddress address) {
        return new Step(address, Phase.APPLY);
    }

    @Override
    public int compareTo(Step other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return (phase == Phase.DESTROY ? "destroy " : "apply ") + address;
    }
}
