package dev.scaffold.state;

import dev.scaffold.graph.ResourceAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Everything scaffold knows about what it has created for one stack and environment.
 *
 * @param formatVersion the version of the file format, {@link #FORMAT_VERSION} when written
 * @param stack the blueprint's stack name
 * @param environment the environment, or {@code null} for none
 * @param lineage fixed when the state is first created; a plan made for one lineage never applies to another
 * @param serial increases by one on every write
 * @param resources the resources, by address
 * @param outputs values users read with {@code scaffold output}, by name
 */
public record State(
        int formatVersion,
        String stack,
        String environment,
        UUID lineage,
        long serial,
        Map<ResourceAddress, ResourceState> resources,
        Map<String, Object> outputs) {

    public static final int FORMAT_VERSION = 1;

    public State {
        resources = Collections.unmodifiableMap(new TreeMap<>(resources));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** A new, empty state with a fresh lineage and serial 0. */
    public static State empty(String stack, String environment) {
        return new State(FORMAT_VERSION, stack, environment, UUID.randomUUID(), 0, Map.of(), Map.of());
    }

    /** A copy with one resource recorded (added or replaced); the serial is the store's to bump. */
    public State with(ResourceState resource) {
        Map<ResourceAddress, ResourceState> next = new TreeMap<>(resources);
        next.put(resource.address(), resource);
        return new State(formatVersion, stack, environment, lineage, serial, next, outputs);
    }

    /** A copy without one resource. */
    public State without(ResourceAddress address) {
        Map<ResourceAddress, ResourceState> next = new TreeMap<>(resources);
        next.remove(address);
        return new State(formatVersion, stack, environment, lineage, serial, next, outputs);
    }

    public State withOutputs(Map<String, Object> newOutputs) {
        return new State(formatVersion, stack, environment, lineage, serial, resources, newOutputs);
    }

    public State withSerial(long newSerial) {
        return new State(formatVersion, stack, environment, lineage, newSerial, resources, outputs);
    }
}
