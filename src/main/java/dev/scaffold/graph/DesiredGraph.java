package dev.scaffold.graph;

import dev.scaffold.ScaffoldException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * The AWS resources a blueprint asks for and the order they must be applied in: an immutable DAG
 * of {@link ResourceSpec}s whose edges are their explicit dependencies and their refs.
 */
public final class DesiredGraph {

    private final Map<ResourceAddress, ResourceSpec> specs;
    private final Dag<ResourceAddress> dag;
    private final List<ResourceSpec> ordered;

    private DesiredGraph(Map<ResourceAddress, ResourceSpec> specs, Dag<ResourceAddress> dag) {
        this.specs = specs;
        this.dag = dag;
        this.ordered = dag.topologicalOrder().stream().map(specs::get).toList();
    }

    /**
     * Builds the graph of some specs.
     *
     * @throws ScaffoldException of kind {@code INVALID_INPUT} for duplicate addresses, dependencies on
     *     resources that are not among the specs, or a dependency cycle
     */
    public static DesiredGraph of(Collection<ResourceSpec> resources) {
        Map<ResourceAddress, ResourceSpec> specs = byAddress(resources);
        Map<ResourceAddress, Set<ResourceAddress>> edges = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        specs.forEach((address, spec) -> {
            Set<ResourceAddress> needs = spec.dependencies();
            edges.put(address, needs);
            for (ResourceAddress need : needs) {
                if (!specs.containsKey(need)) {
                    missing.add(address + " depends on " + need + ", which the blueprint does not define"
                            + suggestion(need, specs.keySet()));
                }
            }
        });
        if (!missing.isEmpty()) {
            throw ScaffoldException.invalidInput(String.join("; ", missing));
        }
        Optional<List<ResourceAddress>> cycle = Dag.findCycle(edges);
        if (cycle.isPresent()) {
            throw ScaffoldException.invalidInput("dependency cycle: " + Dag.describeCycle(cycle.get())
                    + "; each resource needs the next one first, so none can be created."
                    + " Remove one of these references.");
        }
        return new DesiredGraph(Collections.unmodifiableMap(specs), Dag.of(edges));
    }

    private static Map<ResourceAddress, ResourceSpec> byAddress(Collection<ResourceSpec> resources) {
        Map<ResourceAddress, ResourceSpec> specs = new TreeMap<>();
        Set<String> duplicates = new TreeSet<>();
        for (ResourceSpec spec : resources) {
            ResourceSpec earlier = specs.putIfAbsent(spec.address(), spec);
            if (earlier != null) {
                duplicates.add(spec.address() + " (" + earlier.type() + " and " + spec.type() + ")");
            }
        }
        if (!duplicates.isEmpty()) {
            throw ScaffoldException.invalidInput("more than one resource has the address "
                    + String.join(", ", duplicates) + "; give the blueprint items distinct names");
        }
        return specs;
    }

    private static String suggestion(ResourceAddress wanted, Set<ResourceAddress> known) {
        List<String> near = CloseMatches.among(wanted.toString(), known.stream().map(ResourceAddress::toString).toList());
        return near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)";
    }

    public int size() {
        return specs.size();
    }

    public boolean contains(ResourceAddress address) {
        return specs.containsKey(address);
    }

    public Optional<ResourceSpec> get(ResourceAddress address) {
        return Optional.ofNullable(specs.get(address));
    }

    /** Every resource, each after the resources it depends on; ties in address order. */
    public List<ResourceSpec> resources() {
        return ordered;
    }

    /** The resources {@code address} depends on directly. */
    public SortedSet<ResourceAddress> dependenciesOf(ResourceAddress address) {
        return dag.dependenciesOf(address);
    }

    /** The resources that depend on {@code address} directly. */
    public SortedSet<ResourceAddress> dependentsOf(ResourceAddress address) {
        return dag.dependentsOf(address);
    }

    /**
     * The part of the graph that {@code --target} selects: the targets and everything they depend
     * on, directly or not.
     *
     * @throws ScaffoldException of kind {@code INVALID_INPUT} naming a target that is not in the
     *     graph, with the addresses it may have meant
     */
    public DesiredGraph withDependencies(Set<ResourceAddress> targets) {
        List<String> unknown = new ArrayList<>();
        for (ResourceAddress target : new TreeSet<>(targets)) {
            if (!specs.containsKey(target)) {
                unknown.add(target + suggestion(target, specs.keySet()));
            }
        }
        if (!unknown.isEmpty()) {
            throw ScaffoldException.invalidInput("no resource " + String.join(", no resource ", unknown)
                    + " in the blueprint; `scaffold graph` lists the addresses");
        }
        Set<ResourceAddress> kept = dag.withDependencies(targets);
        Map<ResourceAddress, ResourceSpec> subset = new LinkedHashMap<>();
        for (ResourceAddress address : dag.topologicalOrder()) {
            if (kept.contains(address)) {
                subset.put(address, specs.get(address));
            }
        }
        return new DesiredGraph(Collections.unmodifiableMap(subset), dag.subgraph(kept));
    }

    /** The heaviest chain of dependencies, weighing each resource with {@code weight}. */
    public CriticalPath<ResourceAddress> criticalPath(ToLongFunction<ResourceSpec> weight) {
        return dag.criticalPath(address -> weight.applyAsLong(specs.get(address)));
    }
}
