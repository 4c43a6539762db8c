package dev.scaffold.refresh;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.Observed;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a refresh found in AWS: every resource of the stack that exists, by address, with the
 * looked-up data sources among them, and what reading it cost.
 *
 * @param resources the existing resources and data lookups, by address; a resource of the state that is gone is absent
 * @param orphans the addresses of resources tagged with the stack that the state did not hold
 * @param callsByOperation how many AWS calls of each operation the refresh made
 */
public record Actual(Map<ResourceAddress, Observed> resources, Set<ResourceAddress> orphans,
                     Map<String, Integer> callsByOperation) {

    public Actual {
        resources = Collections.unmodifiableMap(new TreeMap<>(resources));
        orphans = Collections.unmodifiableSet(new TreeSet<>(orphans));
        callsByOperation = Collections.unmodifiableMap(new TreeMap<>(callsByOperation));
    }

    /** All AWS calls the refresh made. */
    public int apiCalls() {
        return callsByOperation.values().stream().mapToInt(Integer::intValue).sum();
    }
}
