package dev.scaffold.plan;

import dev.scaffold.graph.ResourceAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Orders deletes so that a resource comes after everything that depends on it. */
final class DeleteOrder {

    private DeleteOrder() {
    }

    /**
     * The deletes with dependents first, ties broken by address.
     *
     * @param deletes the deletes by address; each one's {@code dependencies} are its dependents
     */
    static List<ResourceChange> dependentsFirst(Map<ResourceAddress, ResourceChange> deletes) {
        Map<ResourceAddress, ResourceChange> pending = new LinkedHashMap<>(deletes);
        List<ResourceChange> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            ResourceChange ready = pending.values().stream()
                    .filter(c -> c.dependencies().stream().noneMatch(pending::containsKey))
                    .findFirst()
                    // A cycle cannot come from a DAG's state; if one does, keep going rather than hang.
                    .orElse(pending.values().iterator().next());
            pending.remove(ready.address());
            ordered.add(ready);
        }
        return ordered;
    }
}
