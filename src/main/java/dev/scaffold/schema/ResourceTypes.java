package dev.scaffold.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A catalog of resource types by name: the ones scaffold has ({@link #builtIn()}), or those of a
 * test. A type the catalog lacks is a bug in whatever produced a resource of it.
 */
public final class ResourceTypes {

    private static final ResourceTypes BUILT_IN = of(List.of(
            Ec2Types.VPC, Ec2Types.SUBNETS, Ec2Types.SECURITY_GROUP,
            Elbv2Types.LOAD_BALANCER, Elbv2Types.TARGET_GROUP, Elbv2Types.LISTENER));

    private final Map<String, ResourceType> byName;

    private ResourceTypes(Map<String, ResourceType> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Every type scaffold provisions or looks up. */
    public static ResourceTypes builtIn() {
        return BUILT_IN;
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
