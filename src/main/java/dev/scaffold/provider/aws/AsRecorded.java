package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes AWS keeps no trace of, or does not describe yet, which a read gives back as the state recorded them: how
 * a secret's value was generated, which secret a cache's auth token came from, the port of a cache still being made
 * (AWS names it with the endpoint, once there is one). A resource the state does not know has none of them, so a plan
 * shows them as set anew.
 */
public final class AsRecorded {

    private final List<String> names;
    private final Map<ResourceAddress, Map<String, Object>> recorded = new HashMap<>();

    private AsRecorded(List<String> names, Collection<ResourceState> known) {
        this.names = List.copyOf(names);
        known.forEach(state -> recorded.put(state.address(), state.attributes()));
    }

    /** The attributes of these {@code names} as the {@code known} resources recorded them. */
    public static AsRecorded of(List<String> names, Collection<ResourceState> known) {
        return new AsRecorded(names, known);
    }

    /** What AWS described of the resource at {@code address}, with the recorded attributes where it described none. */
    public Map<String, Object> addedTo(ResourceAddress address, Map<String, Object> described) {
        Map<String, Object> attributes = new LinkedHashMap<>(described);
        Map<String, Object> record = recorded.getOrDefault(address, Map.of());
        names.forEach(name -> {
            if (attributes.get(name) == null) {
                attributes.put(name, record.get(name));
            }
        });
        return attributes;
    }
}
