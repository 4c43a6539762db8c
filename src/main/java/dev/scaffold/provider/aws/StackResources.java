package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.HashMap;
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
    private final Map<ResourceAddress, Observed> orphans = new TreeMap<>();

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

    /** Records a described resource under its address; {@code observe} builds it once the address is known. */
    void add(String physicalId, Map<String, String> tags, Function<ResourceAddress, Observed> observe) {
        ResourceAddress known = knownByPhysicalId.get(physicalId);
        if (known != null) {
            found.put(known, observe.apply(known));
            return;
        }
        ResourceAddress tagged = taggedAddress(tags);
        if (tagged != null) {
            orphans.put(tagged, observe.apply(tagged));
        }
    }

    /** The known resources that still exist and the orphans whose address the state does not hold. */
    Map<ResourceAddress, Observed> result() {
        Map<ResourceAddress, Observed> result = new TreeMap<>(found);
        orphans.forEach((address, orphan) -> {
            if (result.containsKey(address)) {
                LOG.warn("{} ({}) is tagged as {} of stack {} but the state holds another resource there; ignoring it",
                        orphan.physicalId(), orphan.type(), address, ctx.stack());
            } else {
                LOG.debug("found {} {} tagged as {}, not in the state", orphan.type(), orphan.physicalId(), address);
                result.put(address, orphan);
            }
        });
        return result;
    }

    private ResourceAddress taggedAddress(Map<String, String> tags) {
        if (!ctx.stack().equals(tags.get(ReadContext.STACK_TAG))
                || !ctx.environment().equals(tags.get(ReadContext.ENV_TAG))) {
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
