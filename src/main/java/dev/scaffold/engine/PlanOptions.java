package dev.scaffold.engine;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.PlanMode;
import java.util.Set;

/**
 * How to plan: for the blueprint or for destroy, which resources, and whether to read AWS first.
 *
 * @param mode normal or destroy
 * @param targets the resources to plan for ({@code --target}), empty for all
 * @param refresh whether to read what exists in AWS ({@code --refresh=false} trusts the state)
 */
public record PlanOptions(PlanMode mode, Set<ResourceAddress> targets, boolean refresh) {

    public PlanOptions {
        targets = Set.copyOf(targets);
    }

    public static PlanOptions normal() {
        return new PlanOptions(PlanMode.NORMAL, Set.of(), true);
    }
}
