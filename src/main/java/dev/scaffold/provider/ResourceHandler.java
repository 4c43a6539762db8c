package dev.scaffold.provider;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads, creates, updates and deletes the resources of one AWS type; one implementation per type.
 * What the engine decides about the type (replaces, comparisons, order) lives in its {@link #schema()},
 * not here: a handler carries out the plan's decisions.
 *
 * <p>Every AWS call a handler makes goes through {@link ApplyContext#call} so that the executor can
 * bound the calls in flight; waits go through {@link ApplyContext#waitUntil} and hold nothing.
 */
public interface ResourceHandler {

    /** The type this handler serves, with everything the engine decides about it. */
    ResourceType schema();

    /** The CloudFormation type this handler serves, e.g. {@code AWS::EC2::SecurityGroup}. */
    default String type() {
        return schema().name();
    }

    /**
     * Reads what exists: the resources the state knows (by their recorded ids), each at the state's
     * address, and every resource of the type tagged with the stack and environment, at the address
     * its {@code scaffold:address} tag names, whatever its lineage (the refresh decides what is this
     * state's). Children that cannot carry tags are found from the {@code desired} specs by their
     * deterministic names. Batched: one describe/list call per page or batch of ids, never one per
     * resource where AWS offers a batch. Has no side effects. Resources that no longer exist are absent.
     *
     * @param known the state's records of this type
     * @param desired the blueprint's specs of this type (for a lookup type: the lookups)
     */
    List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx);

    /**
     * Creates the resource from a spec whose refs are all resolved, and waits until it is usable. As
     * soon as AWS returns the resource's id, the handler passes it to {@link ApplyContext#created} so
     * that a failure or an interruption after that point keeps the record.
     */
    CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx);

    /**
     * Makes the planned attribute changes to an existing resource, in place, and waits until it is
     * usable: no re-read and no diff of its own. {@code planned} may be empty when a create that did
     * not finish is completed.
     *
     * @param current the resource as the plan recorded it: its ids and last known attributes
     * @param planned the attribute changes of the plan, tags as {@code tags.KEY}
     */
    CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> planned,
                                       ApplyContext ctx);

    /** Deletes the resource and waits until it is gone; a resource already gone is not an error. */
    CompletableFuture<Void> delete(Observed current, ApplyContext ctx);

    /**
     * What AWS waits on the user for before the resource, as last read, is usable, as an instruction (a DNS record
     * to create so that ACM issues a certificate, say); empty when it waits on nothing. The plan prints it.
     */
    default Optional<String> awaitingYou(Observed current) {
        return Optional.empty();
    }
}
