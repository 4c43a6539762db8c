package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.plan.SensitiveValues;
import dev.scaffold.plan.Standing;
import dev.scaffold.plan.Step;
import dev.scaffold.plan.StepGraph;
import dev.scaffold.provider.ResourceFailedException;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Carries out one step of an apply through the handler of the type it acts on, and records in the
 * state what it did: a delete removes the record, a create or update writes it, and a create writes
 * it the moment AWS made the resource, before any wait, so that nothing AWS created goes unrecorded.
 */
final class StepRunner {

    private final ExecutionRequest request;
    private final StepGraph steps;
    private final RunRecords records;
    private final RefResolver refs;
    private final SensitiveValues digests;
    private final Map<ResourceAddress, Observed> applied = new ConcurrentHashMap<>();
    private final Map<ResourceAddress, Observed> createdSoFar = new ConcurrentHashMap<>();
    private final Map<ResourceAddress, CompletableFuture<ChangeFailure>> createdWrites = new ConcurrentHashMap<>();

    StepRunner(ExecutionRequest request, StepGraph steps, RunRecords records) {
        this.request = request;
        this.steps = steps;
        this.records = records;
        Map<ResourceAddress, ResourceState> planned = new HashMap<>();
        request.plan().changes().stream().filter(c -> c.prior() != null).forEach(c -> planned.put(c.address(), c.prior()));
        this.refs = new RefResolver(applied::get,
                address -> records.current().resources().getOrDefault(address, planned.get(address)));
        this.digests = SensitiveValues.salted(request.plan().lineage());
    }

    /** Runs a step that holds its call permit; completes with its outcome once its record is written. */
    CompletableFuture<StepOutcome> run(Step step, StepContext ctx, Instant started) {
        ResourceChange change = steps.change(step);
        return step.phase() == Step.Phase.DESTROY
                ? guarded(() -> destroy(step, change, ctx, started))
                : guarded(() -> apply(step, change, ctx, started));
    }

    // Records a resource the moment AWS created it, before any wait; the old one of a create-then-delete
    // replace moves to its deposed address in the same write, so neither is ever lost.
    void recordCreated(ResourceChange change, Observed created) {
        createdSoFar.put(change.address(), created);
        createdWrites.put(change.address(), CompletableFuture.completedFuture(null));
        ResourceState creating = recordOf(change, created, ResourceStatus.CREATING);
        createdWrites.put(change.address(),
                records.record(Step.apply(change.address()), state -> deposingOld(change, state).with(creating)));
    }

    /** What a step does, as a failure names it: {@code delete}, {@code update} or {@code create}. */
    String verb(Step step) {
        return step.phase() == Step.Phase.DESTROY ? "delete"
                : steps.change(step).action() == Action.UPDATE ? "update" : "create";
    }

    private CompletableFuture<StepOutcome> destroy(Step step, ResourceChange change, StepContext ctx, Instant started) {
        // The old resource of a create-then-delete replace was deposed when the new one was recorded.
        ResourceAddress recordedAt = change.action() == Action.CREATE_THEN_DELETE
                ? deposedAddress(change) : step.address();
        // A resource the plan found gone needs no call; only its record goes.
        CompletableFuture<Void> deleting = change.action() == Action.DELETE && change.standing() == Standing.VANISHED
                ? CompletableFuture.completedFuture(null)
                : guarded(() -> handler(step).delete(observedOf(change), ctx));
        return deleting.handle((gone, error) -> error)
                .thenCompose(error -> error == null
                        ? recordThen(step, started, state -> state.without(recordedAt))
                        : CompletableFuture.completedFuture(failedOrInterrupted(step, "delete", error, started)));
    }

    private CompletableFuture<StepOutcome> apply(Step step, ResourceChange change, StepContext ctx, Instant started) {
        CompletableFuture<Observed> applying = guarded(() -> {
            ResourceSpec spec = refs.resolve(change.desired());
            requireClearValues(spec);
            ResourceHandler handler = handler(step);
            return change.action() == Action.UPDATE
                    ? handler.update(spec, observedOf(change), change.changes(), ctx)
                    : handler.create(spec, ctx);
        });
        return applying.handle((observed, error) -> error != null
                        ? failedApply(step, change, error, started)
                        : applied(step, change, observed, started))
                .thenCompose(outcome -> outcome);
    }

    private CompletableFuture<StepOutcome> applied(Step step, ResourceChange change, Observed observed, Instant started) {
        if (observed == null) {
            IllegalStateException bug = new IllegalStateException(
                    "the " + change.type() + " handler returned nothing for " + step.address());
            return CompletableFuture.completedFuture(
                    StepOutcome.failed(step, ChangeFailure.of(step.address(), verb(step), bug), since(started)));
        }
        applied.put(step.address(), observed);
        ResourceState record = recordOf(change, observed, ResourceStatus.OK);
        return recordThen(step, started, state -> deposingOld(change, state).with(record));
    }

    /**
     * A create that failed after AWS created the resource keeps it recorded: tainted when AWS reports
     * the resource failed (only a replace can mend it), else still being created, for the next apply
     * to finish. A create that failed before AWS answered recorded nothing and needs nothing recorded.
     */
    private CompletableFuture<StepOutcome> failedApply(Step step, ResourceChange change, Throwable error, Instant started) {
        StepOutcome failed = failedOrInterrupted(step, verb(step), error, started);
        Observed created = createdSoFar.get(change.address());
        if (created == null || change.action() == Action.UPDATE) {
            return CompletableFuture.completedFuture(failed);
        }
        // The step ends once the record of what AWS created is written, whatever else happens.
        CompletableFuture<ChangeFailure> recorded = createdWrites.get(change.address());
        if (!(ChangeFailure.unwrap(error) instanceof ResourceFailedException)) {
            return recorded.thenApply(writeFailure -> failed);
        }
        ResourceState tainted = recordOf(change, created, ResourceStatus.TAINTED);
        return records.record(step, state -> deposingOld(change, state).with(tainted)).thenApply(writeFailure -> failed);
    }

    private StepOutcome failedOrInterrupted(Step step, String verb, Throwable error, Instant started) {
        if (ChangeFailure.unwrap(error) instanceof StepInterruptedException) {
            return StepOutcome.interrupted(step, since(started));
        }
        return StepOutcome.failed(step, ChangeFailure.of(step.address(), verb, error), since(started));
    }

    private CompletableFuture<StepOutcome> recordThen(Step step, Instant started, UnaryOperator<State> change) {
        return records.record(step, change).thenApply(writeFailure -> writeFailure == null
                ? StepOutcome.done(step, since(started))
                : StepOutcome.failed(step, writeFailure, since(started)));
    }

    /*
     * While a create-then-delete replace has both resources, the state holds both: the new one at
     * the change's address, the old one at its deposed address. Both move in the one write that
     * records the new resource, so no write loses either, and the delete of the old one removes the
     * deposed entry. Should the run stop in between, the next plan finds the old resource by the
     * physical id the state keeps and deletes it like any resource that left the blueprint.
     */
    private static State deposingOld(ResourceChange change, State state) {
        if (change.action() != Action.CREATE_THEN_DELETE) {
            return state;
        }
        ResourceState old = change.prior();
        ResourceAddress deposed = deposedAddress(change);
        if (state.resources().containsKey(deposed)) {
            return state;
        }
        return state.with(new ResourceState(deposed, old.type(), old.physicalId(), old.arn(),
                old.attributes(), old.dependencies(), old.status()));
    }

    private static ResourceAddress deposedAddress(ResourceChange change) {
        return change.address().deposed(change.prior().physicalId());
    }

    // A destroy goes to the old resource's handler: a replace may change the type at an address.
    private ResourceHandler handler(Step step) {
        return request.handlers().handler(steps.type(step));
    }

    /**
     * What the state records of an applied resource: its ids and attributes, sensitive ones only as
     * digests, and every managed resource it depends on, from the plan (not only the refs still
     * unresolved), so that a later delete runs in order.
     */
    private ResourceState recordOf(ResourceChange change, Observed observed, ResourceStatus status) {
        ResourceType type = request.handlers().handler(change.type()).schema();
        return new ResourceState(change.address(), change.type(), observed.physicalId(), observed.arn(),
                digests.masked(type, change.desired().sensitive(), observed.attributes()),
                change.dependencies(), status);
    }

    // A saved plan keeps only digests of sensitive values; they must have been filled in again.
    private static void requireClearValues(ResourceSpec spec) {
        for (String name : spec.sensitive()) {
            if (SensitiveValues.isDigest(spec.attributes().get(name))) {
                throw new IllegalStateException(spec.address() + ": the sensitive attribute '" + name
                        + "' holds only a digest; the plan must be applied with its value");
            }
        }
    }

    // What the handler is given as the current resource when updating or deleting it.
    private static Observed observedOf(ResourceChange change) {
        ResourceState prior = change.prior();
        if (prior == null) {
            throw new IllegalStateException("the plan " + change.action() + "s " + change.address()
                    + " but does not say what exists");
        }
        return Observed.of(prior, Map.of());
    }

    /** Runs {@code work}; a handler (or anything) that throws instead of returning a failed future is treated the same. */
    static <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> work) {
        try {
            CompletableFuture<T> future = work.get();
            return future != null ? future
                    : CompletableFuture.failedFuture(new IllegalStateException("a handler returned no future"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Duration since(Instant start) {
        return Duration.between(start, request.clock().instant());
    }
}
