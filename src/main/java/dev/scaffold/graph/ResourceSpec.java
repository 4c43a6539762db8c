package dev.scaffold.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one resource should look like: its address, CloudFormation type and desired attributes.
 *
 * <p>Attribute values are strings, numbers, booleans, lists and maps of those, or {@link Ref}s to
 * values known only after another resource is applied. Tags are kept apart from the attributes.
 *
 * @param address where the resource lives in the blueprint
 * @param type the CloudFormation type name, e.g. {@code AWS::ElasticLoadBalancingV2::LoadBalancer}
 * @param mode whether scaffold manages the resource or only reads it
 * @param attributes the desired attributes, in a stable order
 * @param tags the tags to put on the resource, the {@code scaffold:*} ones included
 * @param dependsOn resources that must be applied first besides those the refs name
 * @param sensitive names of attributes whose values are never printed, and {@link #tagName tags.KEY} of
 *     such tags
 */
public record ResourceSpec(
        ResourceAddress address,
        String type,
        Mode mode,
        Map<String, Object> attributes,
        Map<String, String> tags,
        Set<ResourceAddress> dependsOn,
        Set<String> sensitive) {

    /** How the names of tags begin where they share one namespace with the attributes. */
    private static final String TAG = "tags.";

    public ResourceSpec {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        dependsOn = Collections.unmodifiableSet(new TreeSet<>(dependsOn));
        sensitive = Set.copyOf(sensitive);
    }

    /** A managed resource with no explicit dependencies and nothing sensitive. */
    public static ResourceSpec managed(ResourceAddress address, String type,
                                       Map<String, Object> attributes, Map<String, String> tags) {
        return new ResourceSpec(address, type, Mode.MANAGED, attributes, tags, Set.of(), Set.of());
    }

    /** How the tag {@code key} is named beside the attributes, in {@link #sensitive} and plan changes. */
    public static String tagName(String key) {
        return TAG + key;
    }

    /** The tag key a name made by {@link #tagName} stands for, or {@code null} when it names an attribute. */
    public static String tagKey(String name) {
        return name.startsWith(TAG) ? name.substring(TAG.length()) : null;
    }

    /** Whether the tag {@code key}'s value must never print. */
    public boolean sensitiveTag(String key) {
        return sensitive.contains(tagName(key));
    }

    /** Every resource this one needs first: the explicit dependencies and those its refs name. */
    public Set<ResourceAddress> dependencies() {
        Set<ResourceAddress> all = new TreeSet<>(dependsOn);
        for (Ref ref : refs()) {
            all.add(ref.address());
        }
        return all;
    }

    /** The refs among the attributes, however deeply nested. */
    public List<Ref> refs() {
        List<Ref> found = new ArrayList<>();
        collectRefs(attributes.values(), found);
        return found;
    }

    /** A copy with other attribute values, e.g. with its refs resolved. */
    public ResourceSpec withAttributes(Map<String, Object> newAttributes) {
        return new ResourceSpec(address, type, mode, newAttributes, tags, dependsOn, sensitive);
    }

    /** A copy with other tag values, e.g. with sensitive ones restored. */
    public ResourceSpec withTags(Map<String, String> newTags) {
        return new ResourceSpec(address, type, mode, attributes, newTags, dependsOn, sensitive);
    }

    /** A copy whose sensitive set is {@code names}: attribute names and {@link #tagName tags.KEY}. */
    public ResourceSpec withSensitive(Set<String> names) {
        return new ResourceSpec(address, type, mode, attributes, tags, dependsOn, names);
    }

    /** A copy with every ref among the attributes, however deeply nested, replaced by {@code valueOf} it. */
    public ResourceSpec withRefsResolved(Function<Ref, Object> valueOf) {
        if (refs().isEmpty()) {
            return this;
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        attributes.forEach((name, value) -> resolved.put(name, resolve(value, valueOf)));
        return withAttributes(resolved);
    }

    private static Object resolve(Object value, Function<Ref, Object> valueOf) {
        if (value instanceof Ref ref) {
            return valueOf.apply(ref);
        }
        if (value instanceof Interpolation interpolation) {
            return interpolation.resolved(valueOf);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, resolve(v, valueOf)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(resolve(v, valueOf)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static void collectRefs(Collection<?> values, List<Ref> found) {
        for (Object value : values) {
            if (value instanceof Ref ref) {
                found.add(ref);
            } else if (value instanceof Interpolation interpolation) {
                found.addAll(interpolation.refs());
            } else if (value instanceof Map<?, ?> map) {
                collectRefs(map.values(), found);
            } else if (value instanceof Collection<?> list) {
                collectRefs(list, found);
            }
        }
    }
}
