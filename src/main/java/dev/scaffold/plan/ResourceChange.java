package dev.scaffold.plan;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.state.ResourceState;
import java.util.Collections;
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
 * @param adopted whether the resource was found in AWS by its {@code scaffold:*} tags but is missing
 *     from the state (left by a crashed run): it is taken over, or deleted, never created a second time;
 *     apply records it in the state even when the action is a no-op
 */
public record ResourceChange(
        ResourceAddress address,
        String type,
        Action action,
        ResourceSpec desired,
        ResourceState prior,
        List<AttributeChange> changes,
        Set<String> replaceReasons,
        Set<ResourceAddress> dependencies,
        boolean adopted) {

    public ResourceChange {
        changes = List.copyOf(changes);
        // Sorted, so that plans render and serialise the same way on every run.
        replaceReasons = Collections.unmodifiableSet(new TreeSet<>(replaceReasons));
        dependencies = Collections.unmodifiableSet(new TreeSet<>(dependencies));
    }

    /** A change to a resource the state knows, or that does not exist yet. */
    public ResourceChange(ResourceAddress address, String type, Action action, ResourceSpec desired,
                          ResourceState prior, List<AttributeChange> changes, Set<String> replaceReasons,
                          Set<ResourceAddress> dependencies) {
        this(address, type, action, desired, prior, changes, replaceReasons, dependencies, false);
    }
}
