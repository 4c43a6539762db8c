package dev.scaffold.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A catalog of resource types by name: the ones scaffold has (the AWS provider's list of types), or
 * those of a test. A type the catalog lacks is a bug in whatever produced a resource of it.
 */
public final class ResourceTypes {

    private final Map<String, ResourceType> byName;

    private ResourceTypes(Map<String, ResourceType> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** A catalog of the given types; two with one name are a bug. */
    public static ResourceTypes of(Collection<ResourceType> types) {
        Map<String, ResourceType> byName = new TreeMap<>();
        for (ResourceType type : types) {
            if (byName.putIfAbsent(type.name(), type) != null) {
                throw new IllegalArgumentException("two declarations of " + type.name());
            }
        }
        return new ResourceTypes(byName);
    }

    /** The type of that name. */
    public ResourceType get(String name) {
        ResourceType type = byName.get(name);
        if (type == null) {
            throw new IllegalStateException("no schema for resource type " + name);
        }
        return type;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Collection<ResourceType> all() {
        return byName.values();
    }
}
