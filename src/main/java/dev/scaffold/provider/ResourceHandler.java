package dev.scaffold.provider;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Reads, creates, updates and deletes the resources of one AWS type; one implementation per type.
 *
 * <p>Every AWS call a handler makes goes through {@link ApplyContext#call} so that the executor can
 * bound the calls in flight; waits go through {@link ApplyContext#waitUntil} and hold nothing.
 */
public interface ResourceHandler {

    /** The CloudFormation type this handler serves, e.g. {@code AWS::EC2::SecurityGroup}. */
    String type();

    /**
     * Reads what exists: the resources the state knows and any tagged with the stack that it does
     * not (orphans of a crashed run). Batched: one describe/list call per page, never one per
     * resource. Has no side effects. Resources that no longer exist are absent from the result.
     */
    Map<ResourceAddress, Observed> read(Collection<ResourceState> known, ReadContext ctx);

    /** Attributes whose change cannot be made in place and forces a replace. */
    Set<String> replaceOn();

    /** Attributes set by AWS that are not compared with the desired spec (e.g. {@code dnsName}). */
    default Set<String> computed() {
        return Set.of();
    }

    /**
     * Whether a replace creates the new resource before it deletes the old one, rather than after.
     * A type needs this when other resources refer to it and AWS refuses to delete it while they do
     * (a target group a listener forwards to): they move to the new one first. Only a type whose old
     * and new resource can exist side by side may say yes, e.g. because its name carries what forces
     * the replace, so the new name differs from the old.
     */
    default boolean createBeforeDestroy() {
        return false;
    }

    /** Creates the resource from a spec whose refs are all resolved, and waits until it is usable. */
    CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx);

    /** Brings an existing resource in line with the spec, in place. */
    CompletableFuture<Observed> update(ResourceSpec spec, Observed current, ApplyContext ctx);

    /** Deletes the resource and waits until it is gone; a resource already gone is not an error. */
    CompletableFuture<Void> delete(Observed current, ApplyContext ctx);
}
