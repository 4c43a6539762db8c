package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.state.ResourceState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sorts what one batched read found into this stack's resources: those the state knows, by
 * physical id, and orphans tagged with the stack and environment that it does not, by their
 * {@code scaffold:address} tag. Everything else belongs to someone else and is ignored.
 */
final class StackResources {

    private static final Logger LOG = LogManager.getLogger(StackResources.class);

    private final ReadContext ctx;
    private final Map<String, ResourceAddress> knownByPhysicalId = new HashMap<>();
    private final Map<ResourceAddress, Observed> found = new TreeMap<>();
    private final List<Observed> orphans = new ArrayList<>();

    StackResources(Collection<ResourceState> known, ReadContext ctx) {
        this.ctx = ctx;
        for (ResourceState state : known) {
            if (state.physicalId() != null) {
                knownByPhysicalId.put(state.physicalId(), state.address());
            }
        }
    }

    /** The physical ids the state knows. */
    Collection<String> knownIds() {
        return knownByPhysicalId.keySet();
    }

    /** Whether a described resource is this stack's: known to the state, or tagged with the stack. */
    boolean belongs(String physicalId, Map<String, String> tags) {
        return knownByPhysicalId.containsKey(physicalId) || taggedAddress(tags) != null;
    }

    /** Whether tags mark a resource of this stack and environment. */
    boolean taggedWithStack(Map<String, String> tags) {
        return ctx.stack().equals(tags.get(ReadContext.STACK_TAG))
                && ctx.environment().equals(tags.get(ReadContext.ENV_TAG));
    }

    /** Records a described resource under its address; {@code observe} builds it once the address is known. */
    void add(String physicalId, Map<String, String> tags, Function<ResourceAddress, Observed> observe) {
        ResourceAddress known = knownByPhysicalId.get(physicalId);
        if (known != null) {
            found.put(known, observe.apply(known));
            return;
        }
        ResourceAddress tagged = taggedAddress(tags);
        if (tagged != null) {
            orphans.add(observe.apply(tagged));
        }
    }

    /**
     * The known resources that still exist and the orphans: at their tagged address when nothing else
     * holds it, else at a deposed address of it.
     */
    Map<ResourceAddress, Observed> result() {
        Map<ResourceAddress, Observed> result = new TreeMap<>(found);
        orphans.forEach(orphan -> {
            ResourceAddress address = orphan.address();
            if (result.containsKey(address)) {
                // Left by a run that stopped between creating a resource and recording it: the one
                // the state knows wins, this one is kept apart, as a deposed object, to be deleted.
                ResourceAddress leftover = address.deposed(orphan.physicalId());
                LOG.debug("{} ({}) is tagged as {} of stack {} but the state holds another resource there;"
                        + " it is a leftover, {}", orphan.physicalId(), orphan.type(), address, ctx.stack(), leftover);
                result.putIfAbsent(leftover, new Observed(leftover, orphan.type(), orphan.physicalId(), orphan.arn(),
                        orphan.attributes(), orphan.tags()));
            } else {
                LOG.debug("found {} {} tagged as {}, not in the state", orphan.type(), orphan.physicalId(), address);
                result.put(address, orphan);
            }
        });
        return result;
    }

    private ResourceAddress taggedAddress(Map<String, String> tags) {
        if (!taggedWithStack(tags)) {
            return null;
        }
        String address = tags.get(ReadContext.ADDRESS_TAG);
        try {
            return address == null ? null : ResourceAddress.parse(address);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a resource of stack {} whose {} tag '{}' is not an address",
                    ctx.stack(), ReadContext.ADDRESS_TAG, address);
            return null;
        }
    }
}
