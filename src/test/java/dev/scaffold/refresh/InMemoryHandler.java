package dev.scaffold.refresh;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.state.ResourceState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A resource type held in memory, whose read is one counted "describe" call, for refresher tests. */
final class InMemoryHandler implements ResourceHandler {

    private final String type;
    private final Map<ResourceAddress, Observed> existing = new TreeMap<>();
    private final List<List<ResourceState>> reads = new CopyOnWriteArrayList<>();
    private Consumer<ReadContext> duringRead = ctx -> { };

    InMemoryHandler(String type) {
        this.type = type;
    }

    /** Puts a resource in the account; its physical id is {@code id-<address>}. */
    Observed exists(ResourceAddress address) {
        Observed observed = new Observed(address, type, "id-" + address, null, Map.of("name", address.name()), Map.of());
        existing.put(address, observed);
        return observed;
    }

    void duringRead(Consumer<ReadContext> action) {
        this.duringRead = action;
    }

    /** What each read was given. */
    List<List<ResourceState>> reads() {
        return reads;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Map<ResourceAddress, Observed> read(Collection<ResourceState> known, ReadContext ctx) {
        reads.add(new ArrayList<>(known));
        ctx.calls().call("Describe" + type, () -> CompletableFuture.completedFuture(null)).join();
        duringRead.accept(ctx);
        Map<ResourceAddress, Observed> found = new TreeMap<>(existing);
        for (ResourceState lookup : known) {
            if (lookup.physicalId() == null && lookup.attributes().get("wanted") != null) {
                found.put(lookup.address(), new Observed(lookup.address(), type, "vpc-1", null,
                        lookup.attributes(), Map.of()));
            }
        }
        return found;
    }

    @Override
    public Set<String> replaceOn() {
        return Set.of();
    }

    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, ApplyContext ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        throw new UnsupportedOperationException();
    }
}
