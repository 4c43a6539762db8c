package dev.scaffold.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * An immutable directed acyclic graph of comparable nodes, each pointing at the nodes it depends on.
 *
 * <p>Used for desired resources and for the steps of an apply alike. Every order it returns is
 * deterministic: ties are broken by the nodes' natural order.
 *
 * @param <K> the node type
 */
public final class Dag<K extends Comparable<? super K>> {

    private final Map<K, SortedSet<K>> dependencies;
    private final Map<K, SortedSet<K>> dependents;
    private final List<K> order;

    private Dag(Map<K, SortedSet<K>> dependencies, Map<K, SortedSet<K>> dependents) {
        this.dependencies = dependencies;
        this.dependents = dependents;
        this.order = List.copyOf(orderOf(dependencies, dependents, (a, b) -> 0));
    }

    /**
     * Builds a graph from each node's dependencies.
     *
     * @throws IllegalArgumentException when a dependency is not a node, or the graph has a cycle
     */
    public static <K extends Comparable<? super K>> Dag<K> of(Map<K, ? extends Collection<K>> edges) {
        Map<K, SortedSet<K>> dependencies = new TreeMap<>();
        Map<K, SortedSet<K>> dependents = new TreeMap<>();
        edges.keySet().forEach(node -> {
            dependencies.put(node, new TreeSet<>());
            dependents.put(node, new TreeSet<>());
        });
        edges.forEach((node, needs) -> {
            for (K need : needs) {
                if (!dependencies.containsKey(need)) {
                    throw new IllegalArgumentException(node + " depends on " + need + ", which is not in the graph");
                }
                dependencies.get(node).add(need);
                dependents.get(need).add(node);
            }
        });
        Optional<List<K>> cycle = findCycle(edges);
        if (cycle.isPresent()) {
            throw new IllegalArgumentException("dependency cycle: " + describeCycle(cycle.get()));
        }
        dependencies.replaceAll((node, set) -> Collections.unmodifiableSortedSet(set));
        dependents.replaceAll((node, set) -> Collections.unmodifiableSortedSet(set));
        return new Dag<>(Collections.unmodifiableMap(dependencies), Collections.unmodifiableMap(dependents));
    }

    /**
     * Finds one cycle, if there is any, as the nodes in dependency order starting from the smallest
     * one on it: {@code [a, b, c]} means a depends on b, b on c and c on a. Dependencies that are not
     * nodes are ignored.
     */
    public static <K extends Comparable<? super K>> Optional<List<K>> findCycle(Map<K, ? extends Collection<K>> edges) {
        Map<K, Integer> colour = new HashMap<>(); // absent: unseen, 1: on the current path, 2: done
        for (K start : new TreeSet<>(edges.keySet())) {
            if (colour.containsKey(start)) {
                continue;
            }
            Optional<List<K>> cycle = cycleFrom(start, edges, colour);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    /** Renders a cycle from {@link #findCycle} as {@code a → b → c → a}. */
    public static String describeCycle(List<?> cycle) {
        StringBuilder text = new StringBuilder();
        for (Object node : cycle) {
            text.append(node).append(" → ");
        }
        return text.append(cycle.get(0)).toString();
    }

    // Iterative depth-first search, so a long chain cannot overflow the stack.
    private static <K extends Comparable<? super K>> Optional<List<K>> cycleFrom(
            K start, Map<K, ? extends Collection<K>> edges, Map<K, Integer> colour) {
        Deque<K> path = new ArrayDeque<>();
        Deque<Iterator<K>> pending = new ArrayDeque<>();
        colour.put(start, 1);
        path.addLast(start);
        pending.addLast(sortedNeeds(start, edges).iterator());
        while (!pending.isEmpty()) {
            Iterator<K> next = pending.peekLast();
            if (!next.hasNext()) {
                colour.put(path.removeLast(), 2);
                pending.removeLast();
                continue;
            }
            K need = next.next();
            Integer seen = colour.get(need);
            if (seen == null) {
                colour.put(need, 1);
                path.addLast(need);
                pending.addLast(sortedNeeds(need, edges).iterator());
            } else if (seen == 1) {
                return Optional.of(rotateToSmallest(cycleEndingAt(path, need)));
            }
        }
        return Optional.empty();
    }

    private static <K extends Comparable<? super K>> SortedSet<K> sortedNeeds(K node, Map<K, ? extends Collection<K>> edges) {
        SortedSet<K> needs = new TreeSet<>();
        for (K need : edges.get(node)) {
            if (edges.containsKey(need)) {
                needs.add(need);
            }
        }
        return needs;
    }

    private static <K> List<K> cycleEndingAt(Deque<K> path, K repeated) {
        List<K> cycle = new ArrayList<>();
        boolean inCycle = false;
        for (K node : path) {
            inCycle |= node.equals(repeated);
            if (inCycle) {
                cycle.add(node);
            }
        }
        return cycle;
    }

    private static <K extends Comparable<? super K>> List<K> rotateToSmallest(List<K> cycle) {
        int smallest = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (cycle.get(i).compareTo(cycle.get(smallest)) < 0) {
                smallest = i;
            }
        }
        List<K> rotated = new ArrayList<>(cycle.subList(smallest, cycle.size()));
        rotated.addAll(cycle.subList(0, smallest));
        return List.copyOf(rotated);
    }

    /** The nodes, each after everything it depends on; ties in their natural order. */
    public List<K> topologicalOrder() {
        return order;
    }

    /**
     * The nodes, each after everything it depends on, choosing among the ready nodes by
     * {@code first} (and then by their natural order).
     */
    public List<K> topologicalOrder(Comparator<? super K> first) {
        return orderOf(dependencies, dependents, first);
    }

    // Kahn's algorithm, taking the ready nodes in the given order.
    private static <K extends Comparable<? super K>> List<K> orderOf(
            Map<K, SortedSet<K>> dependencies, Map<K, SortedSet<K>> dependents, Comparator<? super K> first) {
        Map<K, Integer> unmet = new HashMap<>();
        Comparator<K> rank = (a, b) -> {
            int byFirst = first.compare(a, b);
            return byFirst != 0 ? byFirst : a.compareTo(b);
        };
        PriorityQueue<K> ready = new PriorityQueue<>(rank);
        dependencies.forEach((node, needs) -> {
            unmet.put(node, needs.size());
            if (needs.isEmpty()) {
                ready.add(node);
            }
        });
        List<K> ordered = new ArrayList<>(dependencies.size());
        while (!ready.isEmpty()) {
            K node = ready.poll();
            ordered.add(node);
            for (K dependent : dependents.get(node)) {
                if (unmet.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        return ordered;
    }

    /** The nodes {@code node} depends on directly. */
    public SortedSet<K> dependenciesOf(K node) {
        return existing(dependencies, node);
    }

    /** The nodes that depend on {@code node} directly. */
    public SortedSet<K> dependentsOf(K node) {
        return existing(dependents, node);
    }

    /** The given nodes and everything they depend on, directly or not. */
    public Set<K> withDependencies(Collection<K> nodes) {
        Set<K> closure = new LinkedHashSet<>();
        Deque<K> todo = new ArrayDeque<>(nodes);
        while (!todo.isEmpty()) {
            K node = todo.pop();
            if (closure.add(node)) {
                todo.addAll(dependenciesOf(node));
            }
        }
        return closure;
    }

    /** The subgraph induced by some nodes; edges to nodes outside it are dropped. */
    public Dag<K> subgraph(Set<K> nodes) {
        Map<K, List<K>> edges = new TreeMap<>();
        for (K node : nodes) {
            List<K> kept = new ArrayList<>();
            for (K need : dependenciesOf(node)) {
                if (nodes.contains(need)) {
                    kept.add(need);
                }
            }
            edges.put(node, kept);
        }
        return of(edges);
    }

    /**
     * For each node, the heaviest sum of weights along a path from it (itself included) through
     * the nodes that depend on it, to the end of the graph: how long the work it holds up takes.
     */
    public Map<K, Long> remainingWeights(ToLongFunction<K> weight) {
        Map<K, Long> remaining = new HashMap<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            K node = order.get(i);
            long after = 0;
            for (K dependent : dependents.get(node)) {
                after = Math.max(after, remaining.get(dependent));
            }
            remaining.put(node, weight.applyAsLong(node) + after);
        }
        return remaining;
    }

    /** The heaviest path through the graph, from a node with no dependencies to one with no dependents. */
    public CriticalPath<K> criticalPath(ToLongFunction<K> weight) {
        if (order.isEmpty()) {
            return new CriticalPath<>(List.of(), 0);
        }
        Map<K, Long> remaining = remainingWeights(weight);
        K current = heaviest(order.stream().filter(n -> dependencies.get(n).isEmpty()).toList(), remaining);
        List<K> path = new ArrayList<>();
        while (current != null) {
            path.add(current);
            SortedSet<K> next = dependents.get(current);
            current = next.isEmpty() ? null : heaviest(next, remaining);
        }
        return new CriticalPath<>(path, remaining.get(path.get(0)));
    }

    // The first node (in the given order) with the largest remaining weight.
    private static <K> K heaviest(Collection<K> nodes, Map<K, Long> remaining) {
        K best = null;
        for (K node : nodes) {
            if (best == null || remaining.get(node) > remaining.get(best)) {
                best = node;
            }
        }
        return best;
    }

    private SortedSet<K> existing(Map<K, SortedSet<K>> edges, K node) {
        SortedSet<K> found = edges.get(node);
        if (found == null) {
            throw new IllegalArgumentException(node + " is not in the graph");
        }
        return found;
    }

    /** A set view of the nodes in their natural order. */
    public Set<K> nodes() {
        return dependencies.keySet();
    }

    @Override
    public String toString() {
        return "Dag" + dependencies;
    }
}
