package dev.scaffold.plan;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ResourceHandler;
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
 * attribute by attribute, and decides for each resource whether to create, update, replace, delete
 * or leave it. Pure: it reads no AWS and writes nothing.
 */
public final class Differ {

    /** The replace reason of a resource whose last create failed part way. */
    public static final String TAINTED = "tainted";
    /** The replace reason of a resource whose CloudFormation type changed. */
    public static final String TYPE_CHANGED = "type";
    /** Tags whose keys AWS reserves; scaffold can neither set nor remove them. */
    private static final String AWS_TAG_PREFIX = "aws:";

    private final HandlerRegistry handlers;

    public Differ(HandlerRegistry handlers) {
        this.handlers = handlers;
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
        return new Plan(Plan.FORMAT_VERSION, input.mode(), input.stack(), input.environment(),
                prior == null ? null : prior.lineage(), prior == null ? 0 : prior.serial(),
                input.blueprintDigest(), changes);
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
            this.stored = input.prior() == null ? Map.of() : input.prior().resources();
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
            ResourceState prior = stored.get(spec.address());
            Observed observed = input.actual().get(spec.address());
            ResourceSpec resolved = spec.withAttributes(resolve(spec));
            Set<ResourceAddress> dependencies = managedDependencies(spec);
            if (observed == null) {
                return new ResourceChange(spec.address(), spec.type(), Action.CREATE, resolved, null,
                        creation(resolved), Set.of(), dependencies, false);
            }
            ResourceHandler handler = handlers.handler(spec.type());
            List<AttributeChange> changes = compare(resolved, observed, handler);
            Set<String> reasons = new TreeSet<>();
            changes.stream().filter(AttributeChange::forcesReplace).forEach(c -> reasons.add(c.name()));
            if (prior != null && prior.status() == ResourceStatus.TAINTED) {
                reasons.add(TAINTED);
            }
            if (!observed.type().equals(spec.type())) {
                reasons.add(TYPE_CHANGED);
            }
            Action action = !reasons.isEmpty() ? Action.REPLACE : changes.isEmpty() ? Action.NO_OP : Action.UPDATE;
            boolean adopted = prior == null;
            ResourceState record = adopted ? recordOf(observed, dependencies) : prior;
            return new ResourceChange(spec.address(), spec.type(), action, resolved, record, changes, reasons,
                    dependencies, adopted);
        }

        private List<AttributeChange> creation(ResourceSpec spec) {
            List<AttributeChange> changes = new ArrayList<>();
            spec.attributes().forEach((name, value) ->
                    changes.add(new AttributeChange(name, null, value, false, spec.sensitive().contains(name))));
            new TreeMap<>(spec.tags()).forEach((key, value) ->
                    changes.add(new AttributeChange(tagName(key), null, value, false, false)));
            return changes;
        }

        private List<AttributeChange> compare(ResourceSpec spec, Observed observed, ResourceHandler handler) {
            List<AttributeChange> changes = new ArrayList<>();
            Set<String> computed = handler.computed();
            Set<String> replaceOn = handler.replaceOn();
            spec.attributes().forEach((name, after) -> {
                Object before = observed.attributes().get(name);
                if (!computed.contains(name)
                        && (ValueComparison.containsRef(after) || !ValueComparison.same(before, after))) {
                    changes.add(new AttributeChange(name, before, after, replaceOn.contains(name),
                            spec.sensitive().contains(name)));
                }
            });
            Set<String> tagKeys = new TreeSet<>(spec.tags().keySet());
            observed.tags().keySet().stream().filter(k -> !k.startsWith(AWS_TAG_PREFIX)).forEach(tagKeys::add);
            for (String key : tagKeys) {
                String before = observed.tags().get(key);
                String after = spec.tags().get(key);
                if (!Objects.equals(before, after)) {
                    changes.add(new AttributeChange(tagName(key), before, after, false, false));
                }
            }
            return changes;
        }

        /** The spec's attributes with every ref whose value is already known replaced by that value. */
        private Map<String, Object> resolve(ResourceSpec spec) {
            Map<String, Object> resolved = new LinkedHashMap<>();
            spec.attributes().forEach((name, value) -> resolved.put(name, resolveValue(spec.address(), value)));
            return resolved;
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
                case CREATE, REPLACE, DELETE -> ref;
                case UPDATE -> valueAfterUpdate(change, ref);
                case NO_OP -> currentValue(ref);
            };
        }

        /** An in-place update keeps the identity; only what it sets or AWS computes may change. */
        private Object valueAfterUpdate(ResourceChange change, Ref ref) {
            Object desiredValue = change.desired().attributes().get(ref.attribute());
            if (desiredValue != null) {
                return ValueComparison.containsRef(desiredValue) ? ref : desiredValue;
            }
            if (handlers.handler(change.type()).computed().contains(ref.attribute())) {
                return ref;
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
            Map<ResourceAddress, ResourceChange> deletes = new TreeMap<>();
            for (ResourceAddress address : addresses) {
                ResourceState prior = stored.get(address);
                Observed observed = input.actual().get(address);
                ResourceState record = prior != null ? prior : recordOf(observed, Set.of());
                Set<ResourceAddress> dependents = dependentsOf(address);
                if (address.isDeposed() && prior != null) {
                    // What used the resource before its replace may still use this old object of it.
                    dependents.addAll(dependentsOf(address.current()));
                }
                dependents.retainAll(inPlan);
                deletes.put(address, new ResourceChange(address, record.type(), Action.DELETE, null, record,
                        List.of(), Set.of(), dependents, prior == null));
            }
            return DeleteOrder.dependentsFirst(deletes);
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

    private static String tagName(String key) {
        return "tags." + key;
    }

    /** What the state will record for a resource found in AWS that it did not know. */
    private static ResourceState recordOf(Observed observed, Set<ResourceAddress> dependencies) {
        return new ResourceState(observed.address(), observed.type(), observed.physicalId(), observed.arn(),
                observed.attributes(), dependencies, ResourceStatus.OK);
    }
}
