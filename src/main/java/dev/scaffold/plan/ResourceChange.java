package dev.scaffold.plan;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.state.ResourceState;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the plan will do to one resource.
 *
 * @param address the resource
 * @param type its CloudFormation type
 * @param action what apply does
 * @param desired the spec to apply, refs to resources that change left unresolved; {@code null} for a delete
 * @param prior what the state (or, for an adopted resource, AWS) records of the resource: the ids apply
 *     acts on; {@code null} when it does not exist yet
 * @param changes the attribute-level differences (empty for no-op and delete)
 * @param replaceReasons for a replace, the attributes that forced it, or {@code tainted}
 * @param dependencies for a create or update, every managed resource the desired spec depends on,
 *     refs already resolved included, which the state records; for a delete, the resources that
 *     depend on it and go first
 * @param standing how the state and AWS stood on the resource when the plan was made
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
        Standing standing) {

    public ResourceChange {
        Objects.requireNonNull(standing, "standing");
        changes = List.copyOf(changes);
        // Sorted, so that plans render and serialise the same way on every run.
        replaceReasons = Collections.unmodifiableSet(new TreeSet<>(replaceReasons));
        dependencies = Collections.unmodifiableSet(new TreeSet<>(dependencies));
    }

    /** Whether the resource was found in AWS by its tags but is missing from the state: apply records it. */
    public boolean adopted() {
        return standing == Standing.ADOPTED;
    }

    /**
     * Whether apply must write the state's record of a resource it does not change: one it adopts, or
     * one whose recorded dependencies differ from the blueprint's, so later deletes run in order.
     */
    public boolean recordsOnly() {
        return action == Action.NO_OP && prior != null
                && (adopted() || !prior.dependencies().equals(dependencies));
    }

    /** This change with other attribute changes, e.g. some marked sensitive. */
    public ResourceChange withChanges(List<AttributeChange> newChanges) {
        return new ResourceChange(address, type, action, desired, prior, newChanges, replaceReasons, dependencies,
                standing);
    }

    /** This change with another action, e.g. a replace in the other order. */
    public ResourceChange withAction(Action newAction) {
        return new ResourceChange(address, type, newAction, desired, prior, changes, replaceReasons, dependencies,
                standing);
    }
}
