package dev.scaffold.plan;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.Refusal;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.ResourceTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Works out a {@link Plan}: compares the desired resources with what the refresh found in AWS,
 * attribute by attribute as each type's schema says, and decides for each resource whether to
 * create, update, replace (and in which order), delete or leave it. Pure: it reads no AWS and
 * writes nothing.
 *
 * <p>It decides per resource; {@link AttributeDiff} compares the attributes, {@link RefResolution}
 * fills in the refs known before apply and {@link Deletes} orders what goes.
 */
public final class Differ {

    /** The replace reason of a resource whose last create failed part way. */
    public static final String TAINTED = "tainted";
    /** The replace reason of a resource whose CloudFormation type changed. */
    public static final String TYPE_CHANGED = "type";

    private final ResourceTypes types;

    public Differ(ResourceTypes types) {
        this.types = types;
    }

    /**
     * The plan for the input.
     *
     * @throws ScaffoldException of kind {@code INVALID_INPUT} when a data resource is missing from AWS,
     *     a ref names a resource the blueprint lacks, or a target names nothing known; of kind {@code FAILURE}
     *     when a type refuses a change ({@code ResourceType.Builder#refusesWhen}), naming the address and both values
     */
    public Plan diff(DiffInput input) {
        Run run = new Run(input);
        List<ResourceChange> changes = input.mode() == PlanMode.DESTROY ? run.destroy() : run.normal();
        run.failOnProblems();
        State prior = input.prior();
        return new Plan(Plan.FORMAT_VERSION, input.mode(), prior.stack(), prior.environment(), prior.lineage(),
                prior.serial(), input.location().region(), input.location().accountId(), input.blueprintDigest(),
                StepGraph.orderable(changes), input.foreign(), protectedDeletes(changes, input, run.digests));
    }

    /**
     * The deletes and replaces of resources whose deletion protection is on, as AWS last reported it, unless the
     * blueprint turns it off for the resource: then the handler lowers it before it deletes.
     */
    private List<Protection> protectedDeletes(List<ResourceChange> changes, DiffInput input, SensitiveValues digests) {
        List<Protection> protectedDeletes = new ArrayList<>();
        for (ResourceChange change : changes) {
            if (!change.action().deletes() || change.prior() == null || !types.contains(change.type())) {
                continue;
            }
            ResourceType type = types.get(change.type());
            Observed observed = input.actual().get(change.address());
            Map<String, Object> attributes = observed != null ? observed.attributes() : change.prior().attributes();
            boolean lifted = input.desired().get(change.address())
                    .map(wanted -> Boolean.FALSE.equals(wanted.attributes().get(type.deletionProtection())))
                    .orElse(false);
            if (!lifted && type.protectsFromDeletion(attributes, digests::isTrue)) {
                protectedDeletes.add(new Protection(change.address(), change.type(), type.deletionProtection()));
            }
        }
        return protectedDeletes;
    }

    /** What the state will record for a resource found in AWS that it did not know; sensitive values masked. */
    static ResourceState recordOf(Observed observed, Set<ResourceAddress> dependencies, ResourceType type,
                                  SensitiveValues digests) {
        return new ResourceState(observed.address(), observed.type(), observed.physicalId(), observed.arn(),
                digests.masked(type, Set.of(), observed.attributes()), dependencies, ResourceStatus.OK);
    }

    /** The working memory of one diff. */
    private final class Run {
        private final DiffInput input;
        private final Map<ResourceAddress, ResourceSpec> desired = new LinkedHashMap<>();
        private final Map<ResourceAddress, ResourceState> stored;
        private final Map<ResourceAddress, ResourceChange> decided = new LinkedHashMap<>();
        private final Set<String> problems = new LinkedHashSet<>();
        /** The changes the types' schemas refuse ({@code ResourceType#refusal}), each in words. */
        private final List<String> refused = new ArrayList<>();
        private final SensitiveValues digests;
        private final AttributeDiff attributes;
        private final RefResolution refs;
        private final Deletes deletes;

        Run(DiffInput input) {
            this.input = input;
            input.desired().resources().forEach(spec -> desired.put(spec.address(), spec));
            this.stored = input.prior().resources();
            this.digests = SensitiveValues.salted(input.prior().lineage());
            this.attributes = new AttributeDiff(digests);
            this.refs = new RefResolution(types, desired, decided, input.actual(), stored, problems);
            this.deletes = new Deletes(types, stored, input.actual(), digests);
        }

        List<ResourceChange> normal() {
            checkTargets();
            for (ResourceSpec spec : included().resources()) {
                if (spec.mode() == Mode.DATA) {
                    refs.requireData(spec.address());
                } else {
                    decided.put(spec.address(), diffOne(spec));
                }
            }
            List<ResourceChange> changes = new ArrayList<>(decided.values());
            Set<ResourceAddress> gone = new TreeSet<>(stored.keySet());
            gone.addAll(input.actual().keySet());
            gone.removeAll(desired.keySet());
            if (!input.targets().isEmpty()) {
                gone.retainAll(input.targets());
            }
            changes.addAll(deletes.of(gone, changes));
            return changes;
        }

        List<ResourceChange> destroy() {
            Set<ResourceAddress> all = new TreeSet<>(stored.keySet());
            input.actual().keySet().stream()
                    .filter(a -> desired.get(a) == null || desired.get(a).mode() == Mode.MANAGED)
                    .forEach(all::add);
            checkTargets();
            if (!input.targets().isEmpty()) {
                all.retainAll(deletes.withDependents(input.targets()));
            }
            return deletes.of(all, List.of());
        }

        void failOnProblems() {
            if (!problems.isEmpty()) {
                String message = problems.size() == 1 ? problems.iterator().next()
                        : problems.size() + " problems: " + String.join("; ", problems);
                throw ScaffoldException.invalidInput(message);
            }
            if (!refused.isEmpty()) {
                throw ScaffoldException.failure(String.join("; ", refused));
            }
        }

        private ResourceChange diffOne(ResourceSpec spec) {
            ResourceType type = types.get(spec.type());
            ResourceState prior = stored.get(spec.address());
            Observed observed = input.actual().get(spec.address());
            ResourceSpec resolved = refs.resolve(spec);
            Set<ResourceAddress> dependencies = managedDependencies(spec);
            if (observed == null) {
                Standing standing = prior == null ? Standing.NEW : Standing.VANISHED;
                return new ResourceChange(spec.address(), spec.type(), Action.CREATE, resolved, null,
                        attributes.creation(resolved, type), Set.of(), dependencies, standing);
            }
            List<AttributeChange> changes = attributes.compare(resolved, observed, prior, type);
            refuse(spec.address(), type, changes);
            Set<String> reasons = new TreeSet<>();
            changes.stream().filter(AttributeChange::forcesReplace).forEach(c -> reasons.add(c.name()));
            if (prior != null && prior.status() == ResourceStatus.TAINTED) {
                reasons.add(TAINTED);
            }
            if (!observed.type().equals(spec.type())) {
                reasons.add(TYPE_CHANGED);
            }
            boolean unfinished = prior != null && prior.status() == ResourceStatus.CREATING;
            ResourceState record = prior != null ? prior : recordOf(observed, dependencies, type, digests);
            Action action;
            if (!reasons.isEmpty()) {
                action = replaceOrder(type, resolved, record, reasons);
            } else {
                // A resource still being created is finished by an update, which waits until it is usable.
                action = changes.isEmpty() && !unfinished ? Action.NO_OP : Action.UPDATE;
            }
            Standing standing = prior == null ? Standing.ADOPTED : unfinished ? Standing.UNFINISHED : Standing.RECORDED;
            return new ResourceChange(spec.address(), spec.type(), action, resolved, record, changes, reasons,
                    dependencies, standing);
        }

        /** Notes the changes that the type refuses to make, with both values (unless they are sensitive). */
        private void refuse(ResourceAddress address, ResourceType type, List<AttributeChange> changes) {
            for (AttributeChange change : changes) {
                Refusal refusal = type.refusal(change.name(), change.before(), change.after());
                if (refusal != null) {
                    refused.add(change.sensitive() ? refusal.explain(address.toString(), "(sensitive)", "(sensitive)")
                            : refusal.explain(address.toString(), change.before(), change.after()));
                }
            }
        }

        /**
         * A replace creates first when the type asks for it and the new resource can stand beside the
         * old one: something besides a failed create forced it, and the name (if any) changes.
         */
        private Action replaceOrder(ResourceType type, ResourceSpec resolved, ResourceState record, Set<String> reasons) {
            boolean forcedByChange = reasons.stream().anyMatch(reason -> !reason.equals(TAINTED));
            boolean nameChanges = type.nameAttribute() == null || nameChanges(type.nameAttribute(), resolved, record);
            return type.createsBeforeDeleting() && forcedByChange && nameChanges
                    ? Action.CREATE_THEN_DELETE : Action.DELETE_THEN_CREATE;
        }

        // A sensitive name is recorded as its digest.
        private boolean nameChanges(String attribute, ResourceSpec resolved, ResourceState record) {
            Object newName = resolved.attributes().get(attribute);
            Object recorded = record.attribute(attribute);
            return newName == null || ValueComparison.containsRef(newName)
                    || !(newName.equals(recorded) || digests.matches(recorded, newName));
        }

        private Set<ResourceAddress> managedDependencies(ResourceSpec spec) {
            Set<ResourceAddress> dependencies = new TreeSet<>();
            for (ResourceAddress dependency : spec.dependencies()) {
                ResourceSpec target = desired.get(dependency);
                if (target != null && target.mode() == Mode.MANAGED) {
                    dependencies.add(dependency);
                }
            }
            return dependencies;
        }

        /** The desired resources to plan for: all, or the targets the blueprint has and their dependencies. */
        private DesiredGraph included() {
            if (input.targets().isEmpty()) {
                return input.desired();
            }
            Set<ResourceAddress> wanted = new TreeSet<>(input.targets());
            wanted.retainAll(desired.keySet());
            return input.desired().withDependencies(wanted);
        }

        private void checkTargets() {
            for (ResourceAddress target : input.targets()) {
                if (!desired.containsKey(target) && !stored.containsKey(target)
                        && !input.actual().containsKey(target)) {
                    problems.add("the target " + target + " is neither in the blueprint nor in the state");
                }
            }
        }
    }
}
