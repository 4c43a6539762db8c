package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.state.Observed;
import java.util.Map;

/**
 * A resource a read found that concerns the stack, at the address the refresh should consider it for:
 * the state's address when the state knows it, else the address its tags name or, found by its name,
 * the address of the spec that named it.
 *
 * @param address where it stands
 * @param resource the SDK's object
 * @param tags its tags (for a child that cannot carry tags, the ownership tags of its parent)
 */
public record Found<T>(ResourceAddress address, T resource, Map<String, String> tags) {

    public Found {
        tags = Map.copyOf(tags);
    }

    /** The resource as the refresh takes it: of {@code type}, with these ids and attributes. */
    public Observed observed(String type, String physicalId, String arn, Map<String, Object> attributes) {
        return new Observed(address, type, physicalId, arn, attributes, tags);
    }
}
