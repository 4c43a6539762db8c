package dev.scaffold.plan;

import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.Observed;
import dev.scaffold.state.State;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the {@link Differ} compares: what the blueprint wants, what the state remembers and
 * what the refresh found in AWS.
 *
 * @param mode normal or destroy
 * @param stack the blueprint's stack name
 * @param environment the environment, or {@code null}
 * @param blueprintDigest SHA-256 of the loaded blueprint, carried into the plan
 * @param desired the resources the blueprint asks for (empty for a destroy)
 * @param prior the stored state, or {@code null} when the stack has never been applied
 * @param actual what exists in AWS by address, data resources and orphans found by tag included;
 *     a resource absent from it is gone
 * @param targets the resources to plan for ({@code --target}), or empty for all
 */
public record DiffInput(
        PlanMode mode,
        String stack,
        String environment,
        String blueprintDigest,
        DesiredGraph desired,
        State prior,
        Map<ResourceAddress, Observed> actual,
        Set<ResourceAddress> targets) {

    public DiffInput {
        actual = Collections.unmodifiableMap(new LinkedHashMap<>(actual));
        targets = Collections.unmodifiableSet(new TreeSet<>(targets));
    }

    /** A plan of every resource. */
    public static DiffInput of(PlanMode mode, String stack, String environment, String blueprintDigest,
                               DesiredGraph desired, State prior, Map<ResourceAddress, Observed> actual) {
        return new DiffInput(mode, stack, environment, blueprintDigest, desired, prior, actual, Set.of());
    }

    /** The same input limited to some resources. */
    public DiffInput withTargets(Set<ResourceAddress> newTargets) {
        return new DiffInput(mode, stack, environment, blueprintDigest, desired, prior, actual, newTargets);
    }
}
