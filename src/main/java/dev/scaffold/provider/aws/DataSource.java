package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.state.Observed;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A handler of a type scaffold only looks up ({@code Mode.DATA}). Its {@code read} receives the
 * lookups as the desired specs and answers one resource per lookup it finds, at the lookup's
 * address; the executor never applies such a type, so create, update and delete are bugs.
 */
public interface DataSource extends ResourceHandler {

    @Override
    default CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        throw new IllegalStateException(type() + " is looked up, never created: " + spec.address());
    }

    @Override
    default CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> planned,
                                               ApplyContext ctx) {
        throw new IllegalStateException(type() + " is looked up, never updated: " + spec.address());
    }

    @Override
    default CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        throw new IllegalStateException(type() + " is looked up, never deleted: " + current.address());
    }
}
