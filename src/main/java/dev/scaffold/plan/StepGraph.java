package dev.scaffold.plan;

import dev.scaffold.graph.Dag;
import dev.scaffold.graph.ResourceAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The steps of a plan and the order they must run in: what apply walks and what the estimate
 * measures, built from the plan's changes alone.
 *
 * <ul>
 *   <li>Applying a resource (create, update, the create half of a replace) waits for the apply
 *       steps of the resources it depends on, and for its own destroy step when it is replaced
 *       delete-then-create.</li>
 *   <li>Destroying a resource (delete, the delete half of a replace) waits for the destroy steps
 *       of the resources that depended on it, and for the updates of resources that stop using it.</li>
 *   <li>A create-then-delete replace turns its two steps round: the old resource is destroyed
 *       after the new one is applied and after the creates and updates that use the new one, so
 *       nothing refers to the old one any more when it goes.</li>
 *   <li>Creating a resource waits, where that closes no cycle, for the deletes of its deposed old
 *       objects, whose names the new one may take.</li>
 * </ul>
 */
public final class StepGraph {

    private static final Logger LOG = LogManager.getLogger(StepGraph.class);

    private final Map<Step, ResourceChange> changes;
    private final Dag<Step> dag;

    private StepGraph(Map<Step, ResourceChange> changes, Dag<Step> dag) {
        this.changes = changes;
        this.dag = dag;
    }

    /** The steps of a plan's changes, each replace in the order the plan gives. */
    public static StepGraph of(Plan plan) {
        return of(plan.changes());
    }

    /**
     * The changes as the plan keeps them: when create-then-delete replaces cannot be ordered (a
     * dependency replaced delete-then-create must lose its dependents before it goes, which a
     * dependent that creates its new self first cannot do), those replaces delete first instead.
     */
    static List<ResourceChange> orderable(List<ResourceChange> changes) {
        try {
            of(changes);
            return changes;
        } catch (IllegalStateException cycle) {
            if (changes.stream().noneMatch(c -> c.action() == Action.CREATE_THEN_DELETE)) {
                throw cycle;
            }
            LOG.debug("creating before deleting cannot be ordered ({}); those replaces delete first", cycle.getMessage());
            return changes.stream().map(c -> c.action() == Action.CREATE_THEN_DELETE
                    ? c.withAction(Action.DELETE_THEN_CREATE) : c).toList();
        }
    }

    /**
     * The steps of some changes.
     *
     * @throws IllegalStateException when the changes' dependencies form a cycle, a bug in the plan
     */
    static StepGraph of(List<ResourceChange> plan) {
        Map<ResourceAddress, ResourceChange> byAddress = new LinkedHashMap<>();
        Map<Step, ResourceChange> changes = new TreeMap<>();
        Set<ResourceAddress> createdFirst = new TreeSet<>();
        for (ResourceChange change : plan) {
            if (!change.action().isChange()) {
                continue;
            }
            byAddress.put(change.address(), change);
            if (change.action() == Action.CREATE_THEN_DELETE) {
                createdFirst.add(change.address());
            }
            if (change.action().deletes()) {
                changes.put(Step.destroy(change.address()), change);
            }
            if (change.action().applies()) {
                changes.put(Step.apply(change.address()), change);
            }
        }
        Map<Step, Set<Step>> edges = new TreeMap<>();
        changes.keySet().forEach(step -> edges.put(step, new TreeSet<>()));
        Map<ResourceAddress, Set<ResourceAddress>> priorDependents = priorDependents(byAddress);
        for (ResourceChange change : byAddress.values()) {
            addApplyEdges(change, createdFirst, edges);
            addDestroyEdges(change, priorDependents, edges);
        }
        for (ResourceChange change : byAddress.values()) {
            addUpdateBeforeDeleteEdges(change, priorDependents, byAddress, edges);
            addMovedBeforeDeleteEdges(change, createdFirst, byAddress, edges);
        }
        for (ResourceChange change : byAddress.values()) {
            addDeposedBeforeCreateEdges(change, byAddress, edges);
        }
        try {
            return new StepGraph(changes, Dag.of(edges));
        } catch (IllegalArgumentException cycle) {
            throw new IllegalStateException("the plan's changes cannot be ordered: " + cycle.getMessage(), cycle);
        }
    }

    // Which resources depended on each one when they were last applied.
    private static Map<ResourceAddress, Set<ResourceAddress>> priorDependents(Map<ResourceAddress, ResourceChange> changes) {
        Map<ResourceAddress, Set<ResourceAddress>> dependents = new TreeMap<>();
        for (ResourceChange change : changes.values()) {
            if (change.prior() != null) {
                for (ResourceAddress dependency : change.prior().dependencies()) {
                    dependents.computeIfAbsent(dependency, a -> new TreeSet<>()).add(change.address());
                }
            }
            if (change.action() == Action.DELETE) {
                dependents.computeIfAbsent(change.address(), a -> new TreeSet<>()).addAll(change.dependencies());
            }
        }
        return dependents;
    }

    private static void addApplyEdges(ResourceChange change, Set<ResourceAddress> createdFirst,
                                      Map<Step, Set<Step>> edges) {
        if (!change.action().applies()) {
            return;
        }
        Step apply = Step.apply(change.address());
        Set<ResourceAddress> needs = new TreeSet<>(change.dependencies());
        if (change.desired() != null) {
            needs.addAll(change.desired().dependencies());
        }
        for (ResourceAddress need : needs) {
            addIfPresent(edges, apply, Step.apply(need));
        }
        if (createdFirst.contains(change.address())) {
            edges.get(Step.destroy(change.address())).add(apply);
        } else if (change.action() == Action.DELETE_THEN_CREATE) {
            edges.get(apply).add(Step.destroy(change.address()));
        }
    }

    private static void addDestroyEdges(ResourceChange change, Map<ResourceAddress, Set<ResourceAddress>> priorDependents,
                                        Map<Step, Set<Step>> edges) {
        if (!change.action().deletes()) {
            return;
        }
        Step destroy = Step.destroy(change.address());
        for (ResourceAddress dependent : priorDependents.getOrDefault(change.address(), Set.of())) {
            addIfPresent(edges, destroy, Step.destroy(dependent));
        }
    }

    // A listener moved from an old target group to a new one must be updated before the old one
    // can go. Added only where it cannot close a cycle (the dependent's update waiting on this very
    // delete through a replace), since then no order satisfies both.
    private static void addUpdateBeforeDeleteEdges(ResourceChange change,
                                                   Map<ResourceAddress, Set<ResourceAddress>> priorDependents,
                                                   Map<ResourceAddress, ResourceChange> byAddress,
                                                   Map<Step, Set<Step>> edges) {
        if (change.action() != Action.DELETE) {
            return;
        }
        Step destroy = Step.destroy(change.address());
        for (ResourceAddress dependent : priorDependents.getOrDefault(change.address(), Set.of())) {
            ResourceChange other = byAddress.get(dependent);
            Step update = Step.apply(dependent);
            if (other != null && other.action() == Action.UPDATE && !reaches(edges, update, destroy)) {
                edges.get(destroy).add(update);
            }
        }
    }

    // The old resource of a create-before-destroy replace goes only once the creates and updates that
    // use the new one, and the updates of those that used the old one, are done.
    private static void addMovedBeforeDeleteEdges(ResourceChange change, Set<ResourceAddress> createdFirst,
                                                  Map<ResourceAddress, ResourceChange> byAddress,
                                                  Map<Step, Set<Step>> edges) {
        if (!createdFirst.contains(change.address())) {
            return;
        }
        Step destroy = Step.destroy(change.address());
        for (ResourceChange other : byAddress.values()) {
            Step apply = Step.apply(other.address());
            boolean uses = other.desired() != null && other.desired().dependencies().contains(change.address())
                    || other.prior() != null && other.prior().dependencies().contains(change.address());
            if (uses && (other.action() == Action.CREATE || other.action() == Action.UPDATE)
                    && !reaches(edges, apply, destroy)) {
                edges.get(destroy).add(apply);
            }
        }
    }

    // A new resource may take the name of a deposed old object of the same address (a replace
    // repeated after a crash), so it waits for that delete when the delete does not wait for it.
    private static void addDeposedBeforeCreateEdges(ResourceChange change, Map<ResourceAddress, ResourceChange> byAddress,
                                                    Map<Step, Set<Step>> edges) {
        if (change.action() != Action.DELETE || !change.address().isDeposed()) {
            return;
        }
        ResourceChange current = byAddress.get(change.address().current());
        if (current == null || current.action() != Action.CREATE && !current.action().isReplace()) {
            return;
        }
        Step apply = Step.apply(current.address());
        Step destroy = Step.destroy(change.address());
        if (!reaches(edges, destroy, apply)) {
            edges.get(apply).add(destroy);
        }
    }

    private static boolean reaches(Map<Step, Set<Step>> edges, Step from, Step to) {
        Set<Step> seen = new HashSet<>();
        Deque<Step> todo = new ArrayDeque<>();
        todo.push(from);
        while (!todo.isEmpty()) {
            Step step = todo.pop();
            if (step.equals(to)) {
                return true;
            }
            if (seen.add(step)) {
                todo.addAll(edges.getOrDefault(step, Set.of()));
            }
        }
        return false;
    }

    private static void addIfPresent(Map<Step, Set<Step>> edges, Step from, Step to) {
        if (edges.containsKey(to) && !from.equals(to)) {
            edges.get(from).add(to);
        }
    }

    /** The steps, each with the steps it must wait for. */
    public Dag<Step> dag() {
        return dag;
    }

    /** The change a step belongs to. */
    public ResourceChange change(Step step) {
        return changes.get(step);
    }

    /**
     * The resource type a step acts on: a destroy acts on the old resource, whose type a replace may
     * change, so its handler and its latency are the old type's; an apply acts on the new one.
     */
    public String type(Step step) {
        ResourceChange change = change(step);
        return step.phase() == Step.Phase.DESTROY && change.prior() != null ? change.prior().type() : change.type();
    }

    /** The action a step performs, as progress events report it. */
    public Action action(Step step) {
        if (step.phase() == Step.Phase.DESTROY) {
            return Action.DELETE;
        }
        return change(step).action() == Action.UPDATE ? Action.UPDATE : Action.CREATE;
    }
}
