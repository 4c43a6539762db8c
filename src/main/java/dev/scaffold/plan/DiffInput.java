package dev.scaffold.plan;

import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.state.Observed;
import dev.scaffold.state.State;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the {@link Differ} compares: what the blueprint wants, what the state remembers and
 * what the refresh found in AWS.
 *
 * @param mode normal or destroy
 * @param blueprintDigest SHA-256 of the loaded blueprint, carried into the plan
 * @param desired the resources the blueprint asks for (empty for a destroy), each tagged with the state's lineage
 * @param prior the stored state, or a new empty one (serial 0) with the lineage apply will give it
 * @param location the AWS region and account this run works in
 * @param actual what exists in AWS by address, data resources and adoptable orphans included;
 *     a resource absent from it is gone
 * @param foreign resources tagged with the stack and environment that another state owns
 * @param targets the resources to plan for ({@code --target}), or empty for all
 */
public record DiffInput(
        PlanMode mode,
        String blueprintDigest,
        DesiredGraph desired,
        State prior,
        Location location,
        Map<ResourceAddress, Observed> actual,
        List<ForeignResource> foreign,
        Set<ResourceAddress> targets) {

    /**
     * Where a run works.
     *
     * @param region the AWS region
     * @param accountId the AWS account id
     */
    public record Location(String region, String accountId) {
    }

    public DiffInput {
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(location, "location");
        actual = Collections.unmodifiableMap(new LinkedHashMap<>(actual));
        foreign = List.copyOf(foreign);
        targets = Collections.unmodifiableSet(new TreeSet<>(targets));
    }

    /** A plan of every resource, with nothing foreign. */
    public static DiffInput of(PlanMode mode, String blueprintDigest, DesiredGraph desired, State prior,
                               Location location, Map<ResourceAddress, Observed> actual) {
        return new DiffInput(mode, blueprintDigest, desired, prior, location, actual, List.of(), Set.of());
    }

    /** The same input limited to some resources. */
    public DiffInput withTargets(Set<ResourceAddress> newTargets) {
        return new DiffInput(mode, blueprintDigest, desired, prior, location, actual, foreign, newTargets);
    }
}
