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
 * @param formatVersion the version of the file format it was read from; {@link #FORMAT_VERSION} is written
 * @param stack the blueprint's stack name
 * @param environment the environment, or {@code null} for none
 * @param region the AWS region its resources live in, or {@code null} until first known
 * @param accountId the AWS account its resources live in, or {@code null} until first known
 * @param lineage fixed when the state is first created; a plan made for one lineage never applies to another
 * @param serial increases by one on every write
 * @param resources the resources, by address
 * @param outputs values users read with {@code scaffold output}, by name
 */
public record State(
        int formatVersion,
        String stack,
        String environment,
        String region,
        String accountId,
        UUID lineage,
        long serial,
        Map<ResourceAddress, ResourceState> resources,
        Map<String, Object> outputs) {

    /** Version 2 added region, accountId and the {@code creating} status; version 1 files are still read. */
    public static final int FORMAT_VERSION = 2;

    public State {
        resources = Collections.unmodifiableMap(new TreeMap<>(resources));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** A state whose region and account are not known yet. */
    public State(int formatVersion, String stack, String environment, UUID lineage, long serial,
                 Map<ResourceAddress, ResourceState> resources, Map<String, Object> outputs) {
        this(formatVersion, stack, environment, null, null, lineage, serial, resources, outputs);
    }

    /** A new, empty state with a fresh lineage and serial 0. */
    public static State empty(String stack, String environment) {
        return new State(FORMAT_VERSION, stack, environment, UUID.randomUUID(), 0, Map.of(), Map.of());
    }

    /** A copy with one resource recorded (added or replaced); the serial is the store's to bump. */
    public State with(ResourceState resource) {
        Map<ResourceAddress, ResourceState> next = new TreeMap<>(resources);
        next.put(resource.address(), resource);
        return new State(formatVersion, stack, environment, region, accountId, lineage, serial, next, outputs);
    }

    /** A copy without one resource. */
    public State without(ResourceAddress address) {
        Map<ResourceAddress, ResourceState> next = new TreeMap<>(resources);
        next.remove(address);
        return new State(formatVersion, stack, environment, region, accountId, lineage, serial, next, outputs);
    }

    public State withOutputs(Map<String, Object> newOutputs) {
        return new State(formatVersion, stack, environment, region, accountId, lineage, serial, resources, newOutputs);
    }

    public State withSerial(long newSerial) {
        return new State(formatVersion, stack, environment, region, accountId, lineage, newSerial, resources, outputs);
    }

    /** A copy that records where the stack's resources live, once a run has learnt it. */
    public State withLocation(String newRegion, String newAccountId) {
        return new State(formatVersion, stack, environment, newRegion, newAccountId, lineage, serial, resources, outputs);
    }
}
