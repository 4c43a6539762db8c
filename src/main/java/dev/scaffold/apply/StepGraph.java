package dev.scaffold.apply;

import dev.scaffold.graph.Dag;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.Differ;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.provider.HandlerRegistry;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The steps of a plan and the order they must run in.
 *
 * <ul>
 *   <li>Applying a resource (create, update, the create half of a replace) waits for the apply
 *       steps of the resources it depends on, and for its own destroy step when it is replaced.</li>
 *   <li>Destroying a resource (delete, the delete half of a replace) waits for the destroy steps
 *       of the resources that depended on it, and for the updates of resources that stop using it.</li>
 *   <li>A create-before-destroy replace turns its two steps round: the old resource is destroyed
 *       after the new one is applied and after the creates and updates that use the new one, so
 *       nothing refers to the old one any more when it goes.</li>
 *   <li>Creating a resource waits, where that closes no cycle, for the deletes of its deposed old
 *       objects, whose names the new one may take.</li>
 * </ul>
 */
final class StepGraph {

    private static final Logger LOG = LogManager.getLogger(StepGraph.class);

    private final Map<Step, ResourceChange> changes;
    private final Dag<Step> dag;
    private final Set<ResourceAddress> createdFirst;

    private StepGraph(Map<Step, ResourceChange> changes, Dag<Step> dag, Set<ResourceAddress> createdFirst) {
        this.changes = changes;
        this.dag = dag;
        this.createdFirst = createdFirst;
    }

    /** Builds the steps of a plan's changes, every replace deleting before it creates. */
    static StepGraph of(Plan plan) {
        return of(plan, change -> false);
    }

    /** Builds the steps of a plan's changes, each replace in the order its handler needs. */
    static StepGraph of(Plan plan, HandlerRegistry handlers) {
        return of(plan, change -> createsFirst(change, handlers));
    }

    /**
     * Whether a replace creates the new resource first: its handler asks for it, an attribute forced
     * the replace, and the new resource's name differs from the old one's. A replace only because the
     * last create failed, or one that keeps the name (a target group moving to another VPC), would
     * collide with the old resource, which must go first to make room.
     */
    private static boolean createsFirst(ResourceChange change, HandlerRegistry handlers) {
        return handlers.handler(change.type()).createBeforeDestroy()
                && change.replaceReasons().stream().anyMatch(reason -> !reason.equals(Differ.TAINTED))
                && newNameDiffers(change);
    }

    private static boolean newNameDiffers(ResourceChange change) {
        Object newName = change.desired().attributes().get("name");
        return newName == null || change.prior() == null || !newName.equals(change.prior().attribute("name"));
    }

    /**
     * Builds the steps of a plan's changes.
     *
     * @param createsFirst which replaces create the new resource before deleting the old one
     * @throws IllegalStateException when the changes' dependencies form a cycle, a bug in the plan
     */
    static StepGraph of(Plan plan, Predicate<ResourceChange> createsFirst) {
        Map<ResourceAddress, ResourceChange> byAddress = new LinkedHashMap<>();
        Map<Step, ResourceChange> changes = new TreeMap<>();
        Set<ResourceAddress> createdFirst = new TreeSet<>();
        for (ResourceChange change : plan.changes()) {
            if (!change.action().isChange()) {
                continue;
            }
            byAddress.put(change.address(), change);
            if (change.action() == Action.REPLACE && createsFirst.test(change)) {
                createdFirst.add(change.address());
            }
            if (destroys(change.action())) {
                changes.put(Step.destroy(change.address()), change);
            }
            if (applies(change.action())) {
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
            return new StepGraph(changes, Dag.of(edges), Collections.unmodifiableSet(createdFirst));
        } catch (IllegalArgumentException cycle) {
            if (!createdFirst.isEmpty()) {
                // A dependency replaced delete-first must lose its dependents before it goes, which a
                // dependent that creates its new self first cannot do; those replaces then delete first.
                LOG.debug("creating before destroying {} cannot be ordered ({}); deleting first",
                        createdFirst, cycle.getMessage());
                return of(plan, change -> false);
            }
            throw new IllegalStateException("the plan's changes cannot be ordered: " + cycle.getMessage(), cycle);
        }
    }

    static boolean destroys(Action action) {
        return action == Action.DELETE || action == Action.REPLACE;
    }

    static boolean applies(Action action) {
        return action == Action.CREATE || action == Action.UPDATE || action == Action.REPLACE;
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
        if (!applies(change.action())) {
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
        } else if (change.action() == Action.REPLACE) {
            edges.get(apply).add(Step.destroy(change.address()));
        }
    }

    private static void addDestroyEdges(ResourceChange change, Map<ResourceAddress, Set<ResourceAddress>> priorDependents,
                                        Map<Step, Set<Step>> edges) {
        if (!destroys(change.action())) {
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
        if (current == null || current.action() != Action.CREATE && current.action() != Action.REPLACE) {
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

    Dag<Step> dag() {
        return dag;
    }

    ResourceChange change(Step step) {
        return changes.get(step);
    }

    /** Whether a change is a replace that creates the new resource before deleting the old one. */
    boolean createsFirst(ResourceChange change) {
        return createdFirst.contains(change.address());
    }

    /** The action a step performs, as progress events report it. */
    Action action(Step step) {
        if (step.phase() == Step.Phase.DESTROY) {
            return Action.DELETE;
        }
        return change(step).action() == Action.UPDATE ? Action.UPDATE : Action.CREATE;
    }
}
