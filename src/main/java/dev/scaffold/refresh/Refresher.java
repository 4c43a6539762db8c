package dev.scaffold.refresh;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 * with the AWS calls in flight bounded, so the number of calls grows with the types, not the
 * resources; then decides which of the resources found are this state's ({@link Ownership}).
 *
 * <p>Every managed type is read, not only those of the state and the blueprint, so that orphans of
 * a type the blueprint no longer has are found too; a type with nothing to read costs its handler
 * no call. Lookup types are read for the blueprint's lookups only.
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
     * Reads the state's resources, the stack's tagged ones, and the desired graph's lookups.
     *
     * @param desired the desired specs: their types, the lookups to resolve, and the deterministic
     *     names of children that cannot carry tags
     * @throws ScaffoldException when a data lookup finds nothing, or an AWS read fails
     */
    public Actual refresh(State state, Collection<ResourceSpec> desired) {
        return read(state, desired, true);
    }

    /**
     * Resolves only the data lookups among {@code desired}, reading no managed resource: what a plan
     * that trusts the state ({@code --refresh=false}) still needs.
     */
    public Actual lookUp(State state, Collection<ResourceSpec> desired) {
        return read(state, desired.stream().filter(spec -> spec.mode() == Mode.DATA).toList(), false);
    }

    private Actual read(State state, Collection<ResourceSpec> desired, boolean managed) {
        Map<String, List<ResourceState>> known = new TreeMap<>();
        state.resources().values().forEach(resource ->
                known.computeIfAbsent(resource.type(), type -> new ArrayList<>()).add(resource));
        Map<String, List<ResourceSpec>> wanted = new TreeMap<>();
        desired.forEach(spec -> wanted.computeIfAbsent(spec.type(), type -> new ArrayList<>()).add(spec));
        List<String> types = new ArrayList<>();
        for (ResourceHandler handler : handlers.all()) {
            if (handler.schema().lookup() ? wanted.containsKey(handler.type()) : managed) {
                types.add(handler.type());
            }
        }
        if (managed) {
            // A type the state holds that no handler serves is a bug; handler() says so.
            known.keySet().stream().filter(type -> !types.contains(type))
                    .forEach(type -> types.add(handlers.handler(type).type()));
        } else {
            known.clear();
        }

        CallGate gate = new CallGate(parallelism);
        ReadSoFar soFar = new ReadSoFar(state);
        ReadContext ctx = new ReadContext(state.stack(), StackTags.environment(state.environment()), gate,
                SharedReads.perRefresh(), soFar);
        Map<String, List<Observed>> read = readAll(types, known, wanted, ctx, soFar);

        Ownership ownership = new Ownership(state);
        Map<ResourceAddress, Observed> lookups = new TreeMap<>();
        read.forEach((type, found) -> {
            if (handlers.handler(type).schema().lookup()) {
                found.forEach(observed -> lookups.put(observed.address(), observed));
            } else {
                found.forEach(ownership::add);
            }
        });
        checkLookups(desired, lookups);
        Map<ResourceAddress, Observed> owned = ownership.owned();
        Set<ResourceAddress> orphans = new TreeSet<>(owned.keySet());
        orphans.removeAll(state.resources().keySet());
        Map<ResourceAddress, Observed> resources = new TreeMap<>(owned);
        resources.putAll(lookups);
        LOG.debug("refresh of {} types: {} resources, {} orphans, {} of another state, calls {}",
                types.size(), resources.size(), orphans.size(), ownership.foreign().size(), gate.counts());
        return new Actual(resources, orphans, ownership.foreign(), gate.counts());
    }

    /**
     * Reads every type, each in a thread of its own, a type that {@linkplain ResourceType#readsAfter() reads
     * after} others once their reads are done (waiting for them holds no thread), adding what each found
     * to {@code soFar} for the reads after it.
     */
    private Map<String, List<Observed>> readAll(List<String> types, Map<String, List<ResourceState>> known,
                                                Map<String, List<ResourceSpec>> wanted, ReadContext ctx,
                                                ReadSoFar soFar) {
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, types.size())),
                runnable -> {
                    Thread thread = new Thread(runnable, "scaffold-refresh");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            // In read order, so that a failed read is reported before the reads that came after it.
            Map<String, CompletableFuture<List<Observed>>> reads = new LinkedHashMap<>();
            for (String type : inReadOrder(types)) {
                ResourceHandler handler = handlers.handler(type);
                List<ResourceState> knownOfType = List.copyOf(known.getOrDefault(type, List.of()));
                List<ResourceSpec> wantedOfType = List.copyOf(wanted.getOrDefault(type, List.of()));
                CompletableFuture<?>[] before = handler.schema().readsAfter().stream()
                        .filter(reads::containsKey).map(reads::get).toArray(CompletableFuture[]::new);
                reads.put(type, CompletableFuture.allOf(before).thenApplyAsync(ready -> {
                    List<Observed> found = handler.read(knownOfType, wantedOfType, ctx);
                    if (handler.schema().lookup()) {
                        soFar.addLookups(found);
                    } else {
                        soFar.addManaged(found);
                    }
                    return found;
                }, readers));
            }
            Map<String, List<Observed>> found = new TreeMap<>();
            reads.forEach((type, pending) -> found.put(type, await(type, pending)));
            return found;
        } finally {
            readers.shutdownNow();
        }
    }

    /** The types in an order in which every type comes after those it reads after. */
    private List<String> inReadOrder(List<String> types) {
        List<String> ordered = new ArrayList<>();
        Set<String> visiting = new TreeSet<>();
        for (String type : types) {
            visit(type, types, visiting, ordered);
        }
        return ordered;
    }

    private void visit(String type, List<String> types, Set<String> visiting, List<String> ordered) {
        if (ordered.contains(type) || !visiting.add(type)) {
            return;
        }
        for (String first : handlers.handler(type).schema().readsAfter()) {
            if (types.contains(first)) {
                visit(first, types, visiting, ordered);
            }
        }
        ordered.add(type);
    }

    private static List<Observed> await(String type, CompletableFuture<List<Observed>> read) {
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

    private static void checkLookups(Collection<ResourceSpec> desired, Map<ResourceAddress, Observed> found) {
        List<String> missing = new ArrayList<>();
        for (ResourceSpec spec : desired) {
            if (spec.mode() == Mode.DATA && !found.containsKey(spec.address())) {
                missing.add(spec.address() + " (" + spec.type() + " " + spec.attributes() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw ScaffoldException.invalidInput("nothing in this region matches " + String.join(", ", missing)
                    + "; check the network section of the blueprint and the region");
        }
    }
}
