package dev.scaffold.plan;

import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.ResourceTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fills in the refs of a desired resource whose values are known before apply: a data resource's
 * attribute, or one of a resource the plan leaves as it is or updates without touching that attribute.
 * Refs to what a create or replace makes stay refs, known after apply.
 */
final class RefResolution {

    private final ResourceTypes types;
    private final Map<ResourceAddress, ResourceSpec> desired;
    private final Map<ResourceAddress, ResourceChange> decided;
    private final Map<ResourceAddress, Observed> actual;
    private final Map<ResourceAddress, ResourceState> stored;
    private final Set<String> problems;

    /**
     * @param decided the changes decided so far, which the refs' targets are among (the graph puts them first)
     * @param problems where a missing data resource or attribute is reported
     */
    RefResolution(ResourceTypes types, Map<ResourceAddress, ResourceSpec> desired,
                  Map<ResourceAddress, ResourceChange> decided, Map<ResourceAddress, Observed> actual,
                  Map<ResourceAddress, ResourceState> stored, Set<String> problems) {
        this.types = types;
        this.desired = desired;
        this.decided = decided;
        this.actual = actual;
        this.stored = stored;
        this.problems = problems;
    }

    /**
     * The spec with every ref whose value is already known replaced by that value, and every
     * sensitive attribute named in its {@code sensitive} set: those of the type's schema and those
     * that take a sensitive value of another resource.
     */
    ResourceSpec resolve(ResourceSpec spec) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        Set<String> sensitive = new TreeSet<>(spec.sensitive());
        ResourceType type = types.get(spec.type());
        spec.attributes().forEach((name, value) -> {
            resolved.put(name, resolveValue(spec.address(), value));
            if (type.attribute(name).sensitive() || takesSensitiveValue(value)) {
                sensitive.add(name);
            }
        });
        return new ResourceSpec(spec.address(), spec.type(), spec.mode(), resolved, spec.tags(), spec.dependsOn(),
                sensitive);
    }

    /** What AWS reports of a data resource; a missing one is reported as a problem, and {@code null} returned. */
    Observed requireData(ResourceAddress address) {
        Observed observed = actual.get(address);
        if (observed == null) {
            String problem = "the data resource " + address + " (" + desired.get(address).type()
                    + ") was not found in AWS; check that it exists in this account and region";
            problems.add(problem);
        }
        return observed;
    }

    private boolean takesSensitiveValue(Object value) {
        if (value instanceof Ref ref) {
            ResourceSpec target = desired.get(ref.address());
            return target != null && (types.get(target.type()).attribute(ref.attribute()).sensitive()
                    || target.sensitive().contains(ref.attribute()));
        }
        if (value instanceof Interpolation interpolation) {
            return interpolation.refs().stream().anyMatch(this::takesSensitiveValue);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(this::takesSensitiveValue);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(this::takesSensitiveValue);
        }
        return false;
    }

    private Object resolveValue(ResourceAddress from, Object value) {
        if (value instanceof Ref ref) {
            return resolveRef(from, ref);
        } else if (value instanceof Interpolation interpolation) {
            return interpolation.resolved(ref -> resolveRef(from, ref));
        } else if (value instanceof Map<?, ?> map) {
            Map<Object, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> resolved.put(k, resolveValue(from, v)));
            return resolved;
        } else if (value instanceof Collection<?> list) {
            return list.stream().map(v -> resolveValue(from, v)).toList();
        }
        return value;
    }

    private Object resolveRef(ResourceAddress from, Ref ref) {
        ResourceSpec target = desired.get(ref.address());
        if (target.mode() == Mode.DATA) {
            Observed data = requireData(target.address());
            Object value = data == null ? null : data.attribute(ref.attribute());
            if (data != null && value == null) {
                problems.add(from + " refers to " + ref + ", but the data resource " + ref.address()
                        + " has no attribute '" + ref.attribute() + "'");
            }
            return value == null ? ref : value;
        }
        // The graph puts dependencies first, so the target has been decided.
        ResourceChange change = decided.get(ref.address());
        return switch (change.action()) {
            case CREATE, CREATE_THEN_DELETE, DELETE_THEN_CREATE, DELETE -> ref;
            case UPDATE -> valueAfterUpdate(change, ref);
            case NO_OP -> currentValue(ref);
        };
    }

    /** An in-place update keeps the identity; only what it sets or AWS computes may change. */
    private Object valueAfterUpdate(ResourceChange change, Ref ref) {
        ResourceType type = types.get(change.type());
        if (type.attribute(ref.attribute()).computed() && !type.keptByUpdates().contains(ref.attribute())) {
            return ref;
        }
        Object desiredValue = change.desired().attributes().get(ref.attribute());
        if (desiredValue != null) {
            return ValueComparison.containsRef(desiredValue) ? ref : desiredValue;
        }
        return currentValue(ref);
    }

    private Object currentValue(Ref ref) {
        Observed observed = actual.get(ref.address());
        Object value = observed == null ? null : observed.attribute(ref.attribute());
        ResourceState prior = stored.get(ref.address());
        if (value == null && prior != null) {
            value = prior.attribute(ref.attribute());
        }
        // The state holds a sensitive value only as its digest, which is no value to pass on.
        return value == null || SensitiveValues.isDigest(value) ? ref : value;
    }
}
