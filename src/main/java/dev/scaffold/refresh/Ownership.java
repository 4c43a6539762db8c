package dev.scaffold.refresh;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Decides which of the resources a refresh found are this state's: those it records by id (unless
 * they carry another lineage), and those tagged with its stack, environment and lineage that it does
 * not record (orphans of a run that stopped before writing the state). Everything else tagged with
 * the stack and environment belongs to another state and is only reported.
 *
 * <p>An orphan never takes the place of a resource the state records, even one AWS no longer has:
 * it is kept apart at a deposed address, to be deleted, and the recorded one shows as vanished.
 */
final class Ownership {

    private static final Logger LOG = LogManager.getLogger(Ownership.class);

    private final State state;
    private final Map<String, ResourceState> knownById = new HashMap<>();
    private final Map<ResourceAddress, Observed> owned = new TreeMap<>();
    private final List<Observed> orphans = new ArrayList<>();
    private final List<Observed> foreign = new ArrayList<>();

    Ownership(State state) {
        this.state = state;
        state.resources().values().stream().filter(r -> r.physicalId() != null)
                .forEach(r -> knownById.put(key(r.type(), r.physicalId()), r));
    }

    /** Sorts one resource a handler read. */
    void add(Observed observed) {
        String lineage = observed.tags().get(StackTags.LINEAGE);
        boolean ours = lineage != null && lineage.equals(state.lineage().toString());
        ResourceState known = knownById.get(key(observed.type(), observed.physicalId()));
        if (known != null && (lineage == null || ours)) {
            // A resource recorded before lineage tags existed carries none; its id says it is ours.
            owned.put(known.address(), observed.withAddress(known.address()));
        } else if (known == null && ours) {
            orphans.add(observed);
        } else {
            foreign.add(observed);
        }
    }

    /** The state's resources that exist and the orphans, these at their tagged address when it is free. */
    Map<ResourceAddress, Observed> owned() {
        Map<ResourceAddress, Observed> result = new TreeMap<>(owned);
        for (Observed orphan : orphans) {
            ResourceAddress address = orphan.address();
            if (result.containsKey(address) || state.resources().containsKey(address)) {
                ResourceAddress leftover = address.deposed(orphan.physicalId());
                LOG.debug("{} ({}) is tagged as {} of this state, which records another resource there;"
                        + " it is a leftover, {}", orphan.physicalId(), orphan.type(), address, leftover);
                result.putIfAbsent(leftover, orphan.withAddress(leftover));
            } else {
                LOG.debug("found {} {} tagged as {}, not in the state", orphan.type(), orphan.physicalId(), address);
                result.put(address, orphan);
            }
        }
        return result;
    }

    List<Observed> foreign() {
        return List.copyOf(foreign);
    }

    private static String key(String type, String physicalId) {
        return type + " " + physicalId;
    }
}
