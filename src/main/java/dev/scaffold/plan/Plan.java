package dev.scaffold.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything one run will change, computed before anything changes; the only input of apply.
 *
 * @param formatVersion the saved-plan format version, {@link #FORMAT_VERSION}
 * @param mode normal or destroy
 * @param stack the blueprint's stack name
 * @param environment the environment, or {@code null}
 * @param lineage the lineage of the state the plan was made against ({@code null} when there was none)
 * @param serial the serial of that state (0 when there was none)
 * @param blueprintDigest SHA-256 of the loaded blueprint, so a saved plan names what it came from
 * @param changes one entry per resource, no-ops included, in dependency order
 */
public record Plan(
        int formatVersion,
        PlanMode mode,
        String stack,
        String environment,
        UUID lineage,
        long serial,
        String blueprintDigest,
        List<ResourceChange> changes) {

    public static final int FORMAT_VERSION = 1;

    public Plan {
        changes = List.copyOf(changes);
    }

    /** Whether applying the plan would change anything. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action().isChange());
    }

    /** Whether apply has anything to do: a change to make, or a resource to adopt into the state. */
    public boolean needsApply() {
        return hasChanges() || changes.stream().anyMatch(ResourceChange::adopted);
    }

    /** How many resources each action touches, for the summary line. */
    public Map<Action, Integer> counts() {
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        for (Action action : Action.values()) {
            counts.put(action, 0);
        }
        changes.forEach(c -> counts.merge(c.action(), 1, Integer::sum));
        return counts;
    }
}
