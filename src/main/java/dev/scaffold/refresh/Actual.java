package dev.scaffold.refresh;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.state.Observed;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a refresh found in AWS: every resource of the stack's state that exists, by address, the
 * looked-up data sources among them, and what reading it cost.
 *
 * @param resources the existing resources of this state and the data lookups, by address; a resource
 *     of the state that is gone is absent
 * @param orphans the addresses of resources tagged with this stack, environment and lineage that the
 *     state did not hold (a crashed run's), included in {@code resources}
 * @param foreign resources tagged with this stack and environment that belong to another state:
 *     another lineage, or none; never adopted, changed or deleted
 * @param callsByOperation how many AWS calls of each operation the refresh made
 */
public record Actual(Map<ResourceAddress, Observed> resources, Set<ResourceAddress> orphans, List<Observed> foreign,
                     Map<String, Integer> callsByOperation) {

    public Actual {
        resources = Collections.unmodifiableMap(new TreeMap<>(resources));
        orphans = Collections.unmodifiableSet(new TreeSet<>(orphans));
        foreign = List.copyOf(foreign);
        callsByOperation = Collections.unmodifiableMap(new TreeMap<>(callsByOperation));
    }

    /** All AWS calls the refresh made. */
    public int apiCalls() {
        return callsByOperation.values().stream().mapToInt(Integer::intValue).sum();
    }
}
