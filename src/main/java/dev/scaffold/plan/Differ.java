package dev.scaffold.plan;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.AttributeSchema;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.ResourceTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Works out a {@link Plan}: compares the desired resources with what the refresh found in AWS,
 * attribute by attribute as each type's schema says, and decides for each resource whether to
 * create, update, replace (and in which order), delete or leave it. Pure: it reads no AWS and
 * writes nothing.
 */
public final class Differ {

    /** The replace reason of a resource whose last create failed part way. */
    public static final String TAINTED = "tainted";
    /** The replace reason of a resource whose CloudFormation type changed. */
    public static final String TYPE_CHANGED = "type";
    /** Tags whose keys AWS reserves; scaffold can neither set nor remove them. */
    private static final String AWS_TAG_PREFIX = "aws:";

    private final ResourceTypes types;

    public Differ(ResourceTypes types) {
        this.types = types;
    }

    /**
     * The plan for the input.
     *
     * @throws ScaffoldException of kind {@code INVALID_INPUT} when a data resource is missing from AWS,
     *     a ref names a resource the blueprint lacks, or a target names nothing known
     */
    public Plan diff(DiffInput input) {
        Run run = new Run(input);
        List<ResourceChange> changes = input.mode() == PlanMode.DESTROY ? run.destroy() : run.normal();
        run.failOnProblems();
        State prior = input.prior();
        return new Plan(Plan.FORMAT_VERSION, input.mode(), prior.stack(), prior.environment(), prior.lineage(),
                prior.serial(), input.location().region(), input.location().accountId(), input.blueprintDigest(),
                StepGraph.orderable(changes), input.foreign(), protectedDeletes(changes, input));
    }

    /** The deletes and replaces of resources whose deletion protection is on, as AWS last reported it. */
    private List<Protection> protectedDeletes(List<ResourceChange> changes, DiffInput input) {
        List<Protection> protectedDeletes = new ArrayList<>();
        for (ResourceChange change : changes) {
            if (!change.action().deletes() || change.prior() == null || !types.contains(change.type())) {
                continue;
            }
            ResourceType type = types.get(change.type());
            Observed observed = input.actual().get(change.address());
            Map<String, Object> attributes = observed != null ? observed.attributes() : change.prior().attributes();
            if (type.protectsFromDeletion(attributes)) {
                protectedDeletes.add(new Protection(change.address(), change.type(), type.deletionProtection()));
            }
        }
        return protectedDeletes;
    }

    /** The working memory of one diff. */
    private final class Run {
        private final DiffInput input;
        private final Map<ResourceAddress, ResourceSpec> desired = new LinkedHashMap<>();
        private final Map<ResourceAddress, ResourceState> stored;
        private final Map<ResourceAddress, ResourceChange> decided = new LinkedHashMap<>();
        private final Set<String> problems = new LinkedHashSet<>();

        Run(DiffInput input) {
            this.input = input;
            input.desired().resources().forEach(spec -> desired.put(spec.address(), spec));
            this.stored = input.prior().resources();
        }

        List<ResourceChange> normal() {
            checkTargets();
            for (ResourceSpec spec : included().resources()) {
                if (spec.mode() == Mode.DATA) {
                    requireData(spec.address());
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
            changes.addAll(deletes(gone, changes));
            return changes;
        }

        List<ResourceChange> destroy() {
            Set<ResourceAddress> all = new TreeSet<>(stored.keySet());
            input.actual().keySet().stream()
                    .filter(a -> desired.get(a) == null || desired.get(a).mode() == Mode.MANAGED)
                    .forEach(all::add);
            checkTargets();
            if (!input.targets().isEmpty()) {
                all.retainAll(withDependents(input.targets()));
            }
            return deletes(all, List.of());
        }

        void failOnProblems() {
            if (!problems.isEmpty()) {
                String message = problems.size() == 1 ? problems.iterator().next()
                        : problems.size() + " problems: " + String.join("; ", problems);
                throw ScaffoldException.invalidInput(message);
            }
        }

        private ResourceChange diffOne(ResourceSpec spec) {
            ResourceType type = types.get(spec.type());
            ResourceState prior = stored.get(spec.address());
            Observed observed = input.actual().get(spec.address());
            ResourceSpec resolved = resolve(spec);
            Set<ResourceAddress> dependencies = managedDependencies(spec);
            if (observed == null) {
                Standing standing = prior == null ? Standing.NEW : Standing.VANISHED;
                return new ResourceChange(spec.address(), spec.type(), Action.CREATE, resolved, null,
                        creation(resolved, type), Set.of(), dependencies, standing);
            }
            List<AttributeChange> changes = compare(resolved, observed, prior, type);
            Set<String> reasons = new TreeSet<>();
            changes.stream().filter(AttributeChange::forcesReplace).forEach(c -> reasons.add(c.name()));
            if (prior != null && prior.status() == ResourceStatus.TAINTED) {
                reasons.add(TAINTED);
            }
            if (!observed.type().equals(spec.type())) {
                reasons.add(TYPE_CHANGED);
            }
            boolean unfinished = prior != null && prior.status() == ResourceStatus.CREATING;
            ResourceState record = prior != null ? prior : recordOf(observed, dependencies, type);
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

        private boolean nameChanges(String attribute, ResourceSpec resolved, ResourceState record) {
            Object newName = resolved.attributes().get(attribute);
            return newName == null || ValueComparison.containsRef(newName)
                    || !newName.equals(record.attribute(attribute));
        }

        private List<AttributeChange> creation(ResourceSpec spec, ResourceType type) {
            List<AttributeChange> changes = new ArrayList<>();
            spec.attributes().forEach((name, value) ->
                    changes.add(new AttributeChange(name, null, value, false, isSensitive(spec, type, name))));
            new TreeMap<>(spec.tags()).forEach((key, value) ->
                    changes.add(new AttributeChange(AttributeChange.tagName(key), null, value, false, false)));
            return changes;
        }

        private List<AttributeChange> compare(ResourceSpec spec, Observed observed, ResourceState prior,
                                              ResourceType type) {
            List<AttributeChange> changes = new ArrayList<>();
            spec.attributes().forEach((name, after) -> {
                AttributeSchema schema = type.attribute(name);
                if (schema.computed()) {
                    return;
                }
                Object before = schema.writeOnly() ? recorded(prior, name) : observed.attributes().get(name);
                if (ValueComparison.containsRef(after) || !same(schema, before, after)) {
                    boolean forces = schema.forcesReplace(before, after);
                    changes.add(new AttributeChange(name, before, after, forces, isSensitive(spec, type, name)));
                }
            });
            Set<String> tagKeys = new TreeSet<>(spec.tags().keySet());
            observed.tags().keySet().stream().filter(k -> !k.startsWith(AWS_TAG_PREFIX)).forEach(tagKeys::add);
            for (String key : tagKeys) {
                String before = observed.tags().get(key);
                String after = spec.tags().get(key);
                if (!Objects.equals(before, after)) {
                    changes.add(new AttributeChange(AttributeChange.tagName(key), before, after, false, false));
                }
            }
            return changes;
        }

        // A write-only value is compared by digest with what the state recorded, as AWS never returns it.
        private boolean same(AttributeSchema schema, Object before, Object after) {
            if (schema.writeOnly()) {
                return before != null && before.equals(SensitiveValues.digest(after));
            }
            return schema.unordered() ? ValueComparison.sameIgnoringOrder(before, after)
                    : ValueComparison.same(before, after);
        }

        private Object recorded(ResourceState prior, String name) {
            return prior == null ? null : prior.attributes().get(name);
        }

        private boolean isSensitive(ResourceSpec spec, ResourceType type, String name) {
            return type.attribute(name).sensitive() || spec.sensitive().contains(name);
        }

        /**
         * The spec with every ref whose value is already known replaced by that value, and every
         * sensitive attribute named in its {@code sensitive} set: those of the type's schema and those
         * that take a sensitive value of another resource.
         */
        private ResourceSpec resolve(ResourceSpec spec) {
            Map<String, Object> resolved = new LinkedHashMap<>();
            Set<String> sensitive = new TreeSet<>(spec.sensitive());
            ResourceType type = types.get(spec.type());
            spec.attributes().forEach((name, value) -> {
                resolved.put(name, resolveValue(spec.address(), value));
                if (type.attribute(name).sensitive() || takesSensitiveValue(value)) {
                    sensitive.add(name);
                }
            });
            return new ResourceSpec(spec.address(), spec.type(), spec.mode(), resolved, spec.tags(), spec.dependsOn(),
                    sensitive);
        }

        private boolean takesSensitiveValue(Object value) {
            if (value instanceof Ref ref) {
                ResourceSpec target = desired.get(ref.address());
                return target != null && (types.get(target.type()).attribute(ref.attribute()).sensitive()
                        || target.sensitive().contains(ref.attribute()));
            }
            if (value instanceof Map<?, ?> map) {
                return map.values().stream().anyMatch(this::takesSensitiveValue);
            }
            if (value instanceof Collection<?> list) {
                return list.stream().anyMatch(this::takesSensitiveValue);
            }
            return false;
        }

        private Object resolveValue(ResourceAddress from, Object value) {
            if (value instanceof Ref ref) {
                return resolveRef(from, ref);
            } else if (value instanceof Map<?, ?> map) {
                Map<Object, Object> resolved = new LinkedHashMap<>();
                map.forEach((k, v) -> resolved.put(k, resolveValue(from, v)));
                return resolved;
            } else if (value instanceof Collection<?> list) {
                return list.stream().map(v -> resolveValue(from, v)).toList();
            }
            return value;
        }

        private Object resolveRef(ResourceAddress from, Ref ref) {
            ResourceSpec target = desired.get(ref.address());
            if (target.mode() == Mode.DATA) {
                Observed data = requireData(target.address());
                Object value = data == null ? null : data.attribute(ref.attribute());
                if (data != null && value == null) {
                    problems.add(from + " refers to " + ref + ", but the data resource " + ref.address()
                            + " has no attribute '" + ref.attribute() + "'");
                }
                return value == null ? ref : value;
            }
            // The graph puts dependencies first, so the target has been decided.
            ResourceChange change = decided.get(ref.address());
            return switch (change.action()) {
                case CREATE, CREATE_THEN_DELETE, DELETE_THEN_CREATE, DELETE -> ref;
                case UPDATE -> valueAfterUpdate(change, ref);
                case NO_OP -> currentValue(ref);
            };
        }

        /** An in-place update keeps the identity; only what it sets or AWS computes may change. */
        private Object valueAfterUpdate(ResourceChange change, Ref ref) {
            if (types.get(change.type()).attribute(ref.attribute()).computed()) {
                return ref;
            }
            Object desiredValue = change.desired().attributes().get(ref.attribute());
            if (desiredValue != null) {
                return ValueComparison.containsRef(desiredValue) ? ref : desiredValue;
            }
            return currentValue(ref);
        }

        private Object currentValue(Ref ref) {
            Observed observed = input.actual().get(ref.address());
            Object value = observed == null ? null : observed.attribute(ref.attribute());
            ResourceState prior = stored.get(ref.address());
            if (value == null && prior != null) {
                value = prior.attribute(ref.attribute());
            }
            return value == null ? ref : value;
        }

        private Observed requireData(ResourceAddress address) {
            Observed observed = input.actual().get(address);
            if (observed == null) {
                String problem = "the data resource " + address + " (" + desired.get(address).type()
                        + ") was not found in AWS; check that it exists in this account and region";
                problems.add(problem);
            }
            return observed;
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

        private List<ResourceChange> deletes(Set<ResourceAddress> addresses, List<ResourceChange> planned) {
            Set<ResourceAddress> inPlan = new TreeSet<>(addresses);
            planned.forEach(c -> inPlan.add(c.address()));
            Map<ResourceAddress, ResourceState> records = new TreeMap<>();
            for (ResourceAddress address : addresses) {
                ResourceState prior = stored.get(address);
                Observed observed = input.actual().get(address);
                records.put(address, prior != null ? prior
                        : recordOf(observed, Set.of(), types.get(observed.type())));
            }
            Map<ResourceAddress, ResourceChange> deletes = new TreeMap<>();
            for (ResourceAddress address : addresses) {
                ResourceState record = records.get(address);
                Set<ResourceAddress> dependents = dependentsOf(address);
                if (address.isDeposed() && stored.containsKey(address)) {
                    // What used the resource before its replace may still use this old object of it.
                    dependents.addAll(dependentsOf(address.current()));
                }
                dependents.addAll(dependentsByType(record, records));
                dependents.retainAll(inPlan);
                dependents.remove(address);
                deletes.put(address, new ResourceChange(address, record.type(), Action.DELETE, null, record,
                        List.of(), Set.of(), dependents, standingOfDelete(address)));
            }
            return DeleteOrder.dependentsFirst(deletes);
        }

        private Standing standingOfDelete(ResourceAddress address) {
            boolean recorded = stored.containsKey(address);
            boolean exists = input.actual().containsKey(address);
            if (recorded && !exists) {
                return Standing.VANISHED;
            }
            return recorded ? Standing.RECORDED : Standing.ADOPTED;
        }

        /**
         * The deletes a resource must wait for by their types alone: those that recorded no dependencies
         * (orphans, or records of an older scaffold) whose type may refer to this one's.
         */
        private Set<ResourceAddress> dependentsByType(ResourceState record, Map<ResourceAddress, ResourceState> deleted) {
            Set<ResourceAddress> dependents = new TreeSet<>();
            deleted.forEach((address, other) -> {
                if (other.dependencies().isEmpty() && types.contains(other.type())
                        && types.get(other.type()).references().contains(record.type())) {
                    dependents.add(address);
                }
            });
            return dependents;
        }

        private Set<ResourceAddress> dependentsOf(ResourceAddress address) {
            Set<ResourceAddress> dependents = new TreeSet<>();
            stored.values().stream().filter(r -> r.dependencies().contains(address))
                    .forEach(r -> dependents.add(r.address()));
            return dependents;
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

        private Set<ResourceAddress> withDependents(Set<ResourceAddress> targets) {
            Set<ResourceAddress> closure = new TreeSet<>();
            List<ResourceAddress> pending = new ArrayList<>(targets);
            while (!pending.isEmpty()) {
                ResourceAddress next = pending.remove(pending.size() - 1);
                if (closure.add(next)) {
                    pending.addAll(dependentsOf(next));
                }
            }
            return closure;
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

    /** What the state will record for a resource found in AWS that it did not know; sensitive values masked. */
    private static ResourceState recordOf(Observed observed, Set<ResourceAddress> dependencies, ResourceType type) {
        return new ResourceState(observed.address(), observed.type(), observed.physicalId(), observed.arn(),
                SensitiveValues.masked(type, Set.of(), observed.attributes()), dependencies, ResourceStatus.OK);
    }
}
