package dev.scaffold.plan;

import dev.scaffold.graph.ResourceAddress;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Everything one run will change, computed before anything changes; the only input of apply.
 *
 * @param formatVersion the saved-plan format version, {@link #FORMAT_VERSION}
 * @param mode normal or destroy
 * @param stack the blueprint's stack name
 * @param environment the environment, or {@code null}
 * @param lineage the lineage of the state the plan was made against, or of the state apply will create
 * @param serial the serial of that state; 0 when there was no state yet
 * @param region the AWS region the plan was made in
 * @param accountId the AWS account the plan was made in
 * @param blueprintDigest SHA-256 of the loaded blueprint, so a saved plan names what it came from
 * @param changes one entry per resource, no-ops included, in dependency order
 * @param foreign resources tagged with this stack and environment that another state owns; never touched
 * @param protectedDeletes the resources the plan would delete whose deletion protection is on; apply
 *     refuses the plan while there are any
 * @param notProvisioned what the blueprint asks for that scaffold validates but does not build yet, one
 *     sentence each: the plan leaves it out, and says so wherever it is read
 * @param awaitingYou what AWS waits on the user for before a resource of the stack is usable, one instruction
 *     each, naming the resource (a DNS record to create so that ACM issues a certificate, say)
 * @param production whether the environment says {@code production: true}, whose stack destroy refuses to delete
 */
public record Plan(
        int formatVersion,
        PlanMode mode,
        String stack,
        String environment,
        UUID lineage,
        long serial,
        String region,
        String accountId,
        String blueprintDigest,
        List<ResourceChange> changes,
        List<ForeignResource> foreign,
        List<Protection> protectedDeletes,
        List<String> notProvisioned,
        List<String> awaitingYou,
        boolean production) {

    public static final int FORMAT_VERSION = 2;

    private static final Comparator<ForeignResource> BY_ADDRESS =
            Comparator.comparing(ForeignResource::address).thenComparing(ForeignResource::physicalId);

    public Plan {
        changes = List.copyOf(changes);
        foreign = List.copyOf(foreign);
        protectedDeletes = List.copyOf(protectedDeletes);
        notProvisioned = List.copyOf(notProvisioned);
        awaitingYou = List.copyOf(awaitingYou);
    }

    /** A plan that leaves nothing of the blueprint out. */
    public Plan(int formatVersion, PlanMode mode, String stack, String environment, UUID lineage, long serial,
                String region, String accountId, String blueprintDigest, List<ResourceChange> changes,
                List<ForeignResource> foreign, List<Protection> protectedDeletes) {
        this(formatVersion, mode, stack, environment, lineage, serial, region, accountId, blueprintDigest, changes,
                foreign, protectedDeletes, List.of(), List.of(), false);
    }

    /** The same plan with other changes, e.g. with sensitive values filled in again. */
    public Plan withChanges(List<ResourceChange> newChanges) {
        return new Plan(formatVersion, mode, stack, environment, lineage, serial, region, accountId, blueprintDigest,
                newChanges, foreign, protectedDeletes, notProvisioned, awaitingYou, production);
    }

    /** The same plan saying what of the blueprint it leaves out, as not provisioned yet. */
    public Plan withNotProvisioned(List<String> parts) {
        return new Plan(formatVersion, mode, stack, environment, lineage, serial, region, accountId, blueprintDigest,
                changes, foreign, protectedDeletes, parts, awaitingYou, production);
    }

    /** The same plan saying what AWS waits on the user for. */
    public Plan withAwaitingYou(List<String> instructions) {
        return new Plan(formatVersion, mode, stack, environment, lineage, serial, region, accountId, blueprintDigest,
                changes, foreign, protectedDeletes, notProvisioned, instructions, production);
    }

    /** The same plan, for an environment that says {@code production: true} or not. */
    public Plan withProduction(boolean isProduction) {
        return new Plan(formatVersion, mode, stack, environment, lineage, serial, region, accountId, blueprintDigest,
                changes, foreign, protectedDeletes, notProvisioned, awaitingYou, isProduction);
    }

    /**
     * Why apply (or destroy) will refuse this plan before any change, as a sentence for the plan's reader:
     * a destroy of a production environment, a delete that deletion protection keeps, or a create whose name
     * a resource of another state holds. Empty when the plan can be carried out.
     */
    public Optional<String> refusal() {
        String command = mode == PlanMode.DESTROY ? "destroy" : "apply";
        if (mode == PlanMode.DESTROY && production && hasChanges()) {
            return Optional.of("destroy will refuse this plan: environment " + environment + " is a production"
                    + " environment (production: true), which keeps its load balancers from deletion; set production:"
                    + " false there and apply it first (scaffold destroy prints the commands).");
        }
        if (!protectedDeletes.isEmpty()) {
            return Optional.of(command + " will refuse this plan: it would delete " + protectedDeletes.stream()
                    .map(p -> p.address() + " (" + p.attribute() + " is on)").collect(Collectors.joining(", "))
                    + ", which deletion protection keeps; lower the protection with an apply first.");
        }
        if (!clashes().isEmpty()) {
            return Optional.of("apply will refuse this plan: it creates resources at the same addresses, whose names"
                    + " would clash.");
        }
        return Optional.empty();
    }

    /** Whether the state did not exist when the plan was made; apply then creates it first. */
    public boolean newState() {
        return serial == 0;
    }

    /** Whether applying the plan would change anything in AWS. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action().isChange());
    }

    /** Whether apply has anything to do: a change to make, or a record to write. */
    public boolean needsApply() {
        return hasChanges() || changes.stream().anyMatch(ResourceChange::recordsOnly);
    }

    /**
     * The resources the plan creates at an address a foreign resource holds: their names would clash
     * with that resource's, so apply refuses the plan before any change.
     */
    public Set<ForeignResource> clashes() {
        Set<ResourceAddress> created = changes.stream()
                .filter(c -> c.action().applies() && c.action() != Action.UPDATE)
                .map(ResourceChange::address)
                .collect(Collectors.toSet());
        return foreign.stream().filter(f -> created.contains(f.address()))
                .collect(Collectors.toCollection(() -> new TreeSet<>(BY_ADDRESS)));
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

    /** How many resources are replaced, in either order. */
    public int replaceCount() {
        Map<Action, Integer> counts = counts();
        return counts.get(Action.CREATE_THEN_DELETE) + counts.get(Action.DELETE_THEN_CREATE);
    }
}
