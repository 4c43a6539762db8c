package dev.scaffold.plan;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.schema.ResourceTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The deletes of a plan: what each one must wait for (the resources that depend on it, by the
 * dependencies the state recorded or, for records without any, by their types), in the order they run.
 */
final class Deletes {

    private final ResourceTypes types;
    private final Map<ResourceAddress, ResourceState> stored;
    private final Map<ResourceAddress, Observed> actual;
    private final SensitiveValues digests;

    /**
     * @param stored what the state records, by address
     * @param actual what exists in AWS, by address
     * @param digests the digests of the state, for the records of resources it does not know
     */
    Deletes(ResourceTypes types, Map<ResourceAddress, ResourceState> stored, Map<ResourceAddress, Observed> actual,
            SensitiveValues digests) {
        this.types = types;
        this.stored = stored;
        this.actual = actual;
        this.digests = digests;
    }

    /**
     * The deletes of these resources, dependents first.
     *
     * @param planned the other changes of the plan: a delete waits for those that depend on it too
     */
    List<ResourceChange> of(Set<ResourceAddress> addresses, List<ResourceChange> planned) {
        Set<ResourceAddress> inPlan = new TreeSet<>(addresses);
        planned.forEach(c -> inPlan.add(c.address()));
        Map<ResourceAddress, ResourceState> records = new TreeMap<>();
        for (ResourceAddress address : addresses) {
            ResourceState prior = stored.get(address);
            Observed observed = actual.get(address);
            records.put(address, prior != null ? prior
                    : Differ.recordOf(observed, Set.of(), types.get(observed.type()), digests));
        }
        Map<ResourceAddress, ResourceChange> deletes = new TreeMap<>();
        for (ResourceAddress address : addresses) {
            ResourceState record = records.get(address);
            Set<ResourceAddress> dependents = dependentsOf(address);
            if (address.isDeposed() && stored.containsKey(address)) {
                // What used the resource before its replace may still use this old object of it.
                dependents.addAll(dependentsOf(address.current()));
            }
            dependents.addAll(dependentsByType(record, records));
            dependents.retainAll(inPlan);
            dependents.remove(address);
            deletes.put(address, new ResourceChange(address, record.type(), Action.DELETE, null, record,
                    List.of(), Set.of(), dependents, standingOfDelete(address)));
        }
        return DeleteOrder.dependentsFirst(deletes);
    }

    /** The targets and everything the state records as depending on them, however indirectly. */
    Set<ResourceAddress> withDependents(Set<ResourceAddress> targets) {
        Set<ResourceAddress> closure = new TreeSet<>();
        List<ResourceAddress> pending = new ArrayList<>(targets);
        while (!pending.isEmpty()) {
            ResourceAddress next = pending.remove(pending.size() - 1);
            if (closure.add(next)) {
                pending.addAll(dependentsOf(next));
            }
        }
        return closure;
    }

    private Standing standingOfDelete(ResourceAddress address) {
        boolean recorded = stored.containsKey(address);
        boolean exists = actual.containsKey(address);
        if (recorded && !exists) {
            return Standing.VANISHED;
        }
        return recorded ? Standing.RECORDED : Standing.ADOPTED;
    }

    /**
     * The deletes a resource must wait for by their types alone: those that recorded no dependencies
     * (orphans, or records of an older scaffold) whose type may refer to this one's.
     */
    private Set<ResourceAddress> dependentsByType(ResourceState record, Map<ResourceAddress, ResourceState> deleted) {
        Set<ResourceAddress> dependents = new TreeSet<>();
        deleted.forEach((address, other) -> {
            if (other.dependencies().isEmpty() && types.contains(other.type())
                    && types.get(other.type()).references().contains(record.type())) {
                dependents.add(address);
            }
        });
        return dependents;
    }

    private Set<ResourceAddress> dependentsOf(ResourceAddress address) {
        Set<ResourceAddress> dependents = new TreeSet<>();
        stored.values().stream().filter(r -> r.dependencies().contains(address))
                .forEach(r -> dependents.add(r.address()));
        return dependents;
    }
}
