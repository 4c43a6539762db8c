package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ResourceHandler;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A handler of a type scaffold only looks up ({@code Mode.DATA}). Its {@code read} receives one
 * entry per lookup, whose attributes are the lookup's spec attributes; the executor never applies
 * such a type, so create, update and delete are bugs.
 */
interface DataSource extends ResourceHandler {

    @Override
    default Set<String> replaceOn() {
        return Set.of();
    }

    @Override
    default CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        throw new IllegalStateException(type() + " is looked up, never created: " + spec.address());
    }

    @Override
    default CompletableFuture<Observed> update(ResourceSpec spec, Observed current, ApplyContext ctx) {
        throw new IllegalStateException(type() + " is looked up, never updated: " + spec.address());
    }

    @Override
    default CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        throw new IllegalStateException(type() + " is looked up, never deleted: " + current.address());
    }
}
