package dev.scaffold.refresh;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A resource type held in memory, whose read is one counted "describe" call that answers every
 * resource it holds (as a handler answers everything tagged with the stack), for refresher tests.
 */
final class InMemoryHandler implements ResourceHandler {

    private final ResourceType schema;
    private final List<Observed> existing = new CopyOnWriteArrayList<>();
    private final List<List<ResourceState>> reads = new CopyOnWriteArrayList<>();
    private final List<List<ResourceSpec>> desiredSeen = new CopyOnWriteArrayList<>();
    private Consumer<ReadContext> duringRead = ctx -> { };

    InMemoryHandler(String type) {
        this(ResourceType.managed(type).build());
    }

    InMemoryHandler(ResourceType schema) {
        this.schema = schema;
    }

    /** Puts a resource in the account with these tags; its physical id is {@code id-<address>}. */
    Observed exists(ResourceAddress address, Map<String, String> tags) {
        return exists(address, "id-" + address, tags);
    }

    /** Puts a resource with this physical id in the account. */
    Observed exists(ResourceAddress address, String physicalId, Map<String, String> tags) {
        Observed observed = new Observed(address, type(), physicalId, null, Map.of("name", address.name()), tags);
        existing.add(observed);
        return observed;
    }

    void duringRead(Consumer<ReadContext> action) {
        this.duringRead = action;
    }

    /** What each read was given of the state. */
    List<List<ResourceState>> reads() {
        return reads;
    }

    /** What each read was given of the blueprint. */
    List<List<ResourceSpec>> desiredSeen() {
        return desiredSeen;
    }

    @Override
    public ResourceType schema() {
        return schema;
    }

    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        reads.add(new ArrayList<>(known));
        desiredSeen.add(new ArrayList<>(desired));
        ctx.calls().call("Describe" + type(), () -> CompletableFuture.completedFuture(null)).join();
        duringRead.accept(ctx);
        List<Observed> found = new ArrayList<>(existing);
        for (ResourceSpec lookup : desired) {
            if (lookup.mode() == Mode.DATA && lookup.attributes().get("wanted") != null) {
                found.add(new Observed(lookup.address(), type(), "vpc-1", null, lookup.attributes(), Map.of()));
            }
        }
        return found;
    }

    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> planned,
                                              ApplyContext ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        throw new UnsupportedOperationException();
    }
}
