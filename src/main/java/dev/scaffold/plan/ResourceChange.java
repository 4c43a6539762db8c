package dev.scaffold.plan;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.state.ResourceState;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a plan will do to one resource and why.
 *
 * @param address the resource
 * @param type its CloudFormation type
 * @param action what apply will do
 * @param desired the spec to apply, refs to resources that change left unresolved; {@code null} for a delete
 * @param prior the state's record of the resource, or {@code null} when it does not exist yet
 * @param changes the attribute-level differences (empty for no-op and delete)
 * @param replaceReasons for a replace, the attributes that forced it, or {@code tainted}
 * @param dependencies resources this change must wait for (for a delete: those that depend on it)
 */
public record ResourceChange(
        ResourceAddress address,
        String type,
        Action action,
        ResourceSpec desired,
        ResourceState prior,
        List<AttributeChange> changes,
        Set<String> replaceReasons,
        Set<ResourceAddress> dependencies) {

    public ResourceChange {
        changes = List.copyOf(changes);
        replaceReasons = Set.copyOf(new TreeSet<>(replaceReasons));
        dependencies = Set.copyOf(new TreeSet<>(dependencies));
    }
}
