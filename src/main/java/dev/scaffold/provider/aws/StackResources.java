package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Tells which of the resources one batched read found concern the stack, and at which address:
 * resources the state knows, at the state's address (found by physical id), and resources tagged with
 * the stack and environment, at the address their {@code scaffold:address} tag names, whatever their
 * lineage; the refresh decides which are this state's. Everything else belongs to someone else.
 */
final class StackResources {

    private static final Logger LOG = LogManager.getLogger(StackResources.class);

    private final ReadContext ctx;
    private final Map<String, ResourceAddress> knownByPhysicalId = new HashMap<>();

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

    /**
     * The address at which a described resource concerns the stack: the state's when the state knows
     * its id, else the one its tags name when they are the stack's; {@code null} when it is not the stack's.
     */
    ResourceAddress addressOf(String physicalId, Map<String, String> tags) {
        ResourceAddress known = knownByPhysicalId.get(physicalId);
        return known != null ? known : taggedAddress(tags);
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
