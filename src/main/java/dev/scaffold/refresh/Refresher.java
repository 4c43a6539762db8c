package dev.scaffold.refresh;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reads what exists of a stack: calls each resource type's handler once, the types concurrently,
 * with the AWS calls in flight bounded, so the number of calls grows with the types, not the resources.
 *
 * <p>The types read are those of the state, of the desired graph, and of its data lookups; the
 * lookups are handed to their handler as entries carrying the lookup's attributes.
 */
public final class Refresher {

    private static final Logger LOG = LogManager.getLogger(Refresher.class);

    private final HandlerRegistry handlers;
    private final int parallelism;

    /**
     * @param parallelism how many AWS calls may be in flight at once, and at most how many types are read at once
     */
    public Refresher(HandlerRegistry handlers, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.handlers = handlers;
        this.parallelism = parallelism;
    }

    /**
     * Reads the resources of the state and of the desired graph's types, and resolves its data lookups.
     *
     * @param desired the desired graph's specs; only their types and the data lookups matter here
     * @throws ScaffoldException when a data lookup finds nothing, or an AWS read fails
     */
    public Actual refresh(State state, Collection<ResourceSpec> desired) {
        Map<String, List<ResourceState>> byType = new TreeMap<>();
        state.resources().values().forEach(resource ->
                byType.computeIfAbsent(resource.type(), type -> new ArrayList<>()).add(resource));
        List<ResourceSpec> lookups = desired.stream().filter(spec -> spec.mode() == Mode.DATA).toList();
        for (ResourceSpec spec : desired) {
            List<ResourceState> ofType = byType.computeIfAbsent(spec.type(), type -> new ArrayList<>());
            if (spec.mode() == Mode.DATA) {
                ofType.removeIf(known -> known.address().equals(spec.address()));
                ofType.add(lookup(spec));
            }
        }
        String environment = state.environment() == null ? ReadContext.DEFAULT_ENVIRONMENT : state.environment();
        CallGate gate = new CallGate(parallelism);
        ReadContext ctx = new ReadContext(state.stack(), environment, gate, SharedReads.perRefresh());

        Map<ResourceAddress, Observed> found = readAll(byType, ctx);
        checkLookups(lookups, found);
        Set<ResourceAddress> orphans = new TreeSet<>(found.keySet());
        orphans.removeAll(state.resources().keySet());
        lookups.forEach(spec -> orphans.remove(spec.address()));
        LOG.debug("refresh of {} types: {} resources, {} orphans, calls {}",
                byType.size(), found.size(), orphans.size(), gate.counts());
        return new Actual(found, orphans, gate.counts());
    }

    private Map<ResourceAddress, Observed> readAll(Map<String, List<ResourceState>> byType, ReadContext ctx) {
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, byType.size())),
                runnable -> {
                    Thread thread = new Thread(runnable, "scaffold-refresh");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            Map<String, CompletableFuture<Map<ResourceAddress, Observed>>> reads = new TreeMap<>();
            byType.forEach((type, known) -> reads.put(type, CompletableFuture.supplyAsync(
                    () -> handlers.handler(type).read(List.copyOf(known), ctx), readers)));
            Map<ResourceAddress, Observed> found = new HashMap<>();
            for (Map.Entry<String, CompletableFuture<Map<ResourceAddress, Observed>>> read : reads.entrySet()) {
                found.putAll(await(read.getKey(), read.getValue()));
            }
            return found;
        } finally {
            readers.shutdownNow();
        }
    }

    private static Map<ResourceAddress, Observed> await(String type,
                                                        CompletableFuture<Map<ResourceAddress, Observed>> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof HandlerException failure) {
                throw ScaffoldException.failure("reading the " + type + " resources failed: "
                        + failure.operation() + (failure.code() == null ? "" : ": " + failure.code())
                        + ": " + failure.getMessage(), failure);
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** A data lookup as its handler receives it: an entry with no physical id, carrying the lookup's attributes. */
    private static ResourceState lookup(ResourceSpec spec) {
        if (!spec.refs().isEmpty()) {
            throw new IllegalStateException(spec.address() + ": a data lookup cannot depend on other resources");
        }
        return new ResourceState(spec.address(), spec.type(), null, null, spec.attributes(),
                Set.of(), ResourceStatus.OK);
    }

    private static void checkLookups(List<ResourceSpec> lookups, Map<ResourceAddress, Observed> found) {
        List<String> missing = new ArrayList<>();
        for (ResourceSpec spec : lookups) {
            if (!found.containsKey(spec.address())) {
                missing.add(spec.address() + " (" + spec.type() + " " + spec.attributes() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw ScaffoldException.invalidInput("nothing in this region matches " + String.join(", ", missing)
                    + "; check the network section of the blueprint and the region");
        }
    }
}
