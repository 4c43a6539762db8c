package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Collects what one batched read found that concerns the stack: resources the state knows, at the
 * state's address (found by physical id), and resources tagged with the stack and environment, at
 * the address their {@code scaffold:address} tag names, whatever their lineage; the refresh decides
 * which are this state's. Everything else belongs to someone else and is ignored.
 */
final class StackResources {

    private static final Logger LOG = LogManager.getLogger(StackResources.class);

    private final ReadContext ctx;
    private final Map<String, ResourceAddress> knownByPhysicalId = new HashMap<>();
    private final List<Observed> found = new ArrayList<>();

    StackResources(Collection<ResourceState> known, ReadContext ctx) {
        this.ctx = ctx;
        for (ResourceState state : known) {
            if (state.physicalId() != null) {
                knownByPhysicalId.put(state.physicalId(), state.address());
            }
        }
    }

    /** What a read describes: the physical ids the state knows and those of {@code tagged}, sorted. */
    SortedSet<String> toDescribe(Collection<String> tagged) {
        SortedSet<String> ids = new TreeSet<>(tagged);
        ids.addAll(knownByPhysicalId.keySet());
        return ids;
    }

    /** Whether a described resource concerns the stack: known to the state, or tagged with the stack. */
    boolean belongs(String physicalId, Map<String, String> tags) {
        return knownByPhysicalId.containsKey(physicalId) || taggedAddress(tags) != null;
    }

    /** Records a described resource under its address; {@code observe} builds it once the address is known. */
    void add(String physicalId, Map<String, String> tags, Function<ResourceAddress, Observed> observe) {
        ResourceAddress known = knownByPhysicalId.get(physicalId);
        ResourceAddress address = known != null ? known : taggedAddress(tags);
        if (address != null) {
            found.add(observe.apply(address));
        }
    }

    /** Everything added, in the order it was added. */
    List<Observed> result() {
        return List.copyOf(found);
    }

    private ResourceAddress taggedAddress(Map<String, String> tags) {
        if (!ctx.taggedWithStack(tags)) {
            return null;
        }
        String address = tags.get(StackTags.ADDRESS);
        try {
            return address == null ? null : ResourceAddress.parse(address);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a resource of stack {} whose {} tag '{}' is not an address",
                    ctx.stack(), StackTags.ADDRESS, address);
            return null;
        }
    }
}
