package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.plan.SensitiveValues;
import dev.scaffold.plan.Standing;
import dev.scaffold.plan.Step;
import dev.scaffold.plan.StepGraph;
import dev.scaffold.provider.CallPermits;
import dev.scaffold.provider.ResourceFailedException;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One apply in progress: every step is a future that waits for the steps it depends on, asks for a
 * call permit ranked by its remaining path, runs its handler, and writes the state.
 *
 * <p>Every step's future completes normally, with its outcome: a handler, a listener or a callback
 * that throws fails that one step, never the run, so every other result is kept and recorded.
 */
final class ApplyRun {

    private static final Logger LOG = LogManager.getLogger(ApplyRun.class);

    private final ExecutionRequest request;
    private final StepGraph steps;
    private final Map<Step, Long> priorities;
    private final CallPermits permits;
    private final StateRecorder recorder;
    private final RefResolver refs;
    private final SensitiveValues digests;
    private final Map<ResourceAddress, Observed> applied = new ConcurrentHashMap<>();
    private final Map<ResourceAddress, Observed> createdSoFar = new ConcurrentHashMap<>();
    private final Map<ResourceAddress, CompletableFuture<ChangeFailure>> createdWrites = new ConcurrentHashMap<>();
    private final Map<Step, CompletableFuture<StepOutcome>> outcomes = new ConcurrentHashMap<>();
    private final Instant began;
    private volatile boolean stateUnwritable;

    ApplyRun(ExecutionRequest request) {
        if (!request.priorState().lineage().equals(request.plan().lineage())) {
            // The resources the plan creates carry the plan's lineage; a state of another would disown them.
            throw new IllegalStateException("the plan was made for state lineage " + request.plan().lineage()
                    + " but apply was given a state of lineage " + request.priorState().lineage());
        }
        this.request = request;
        this.steps = StepGraph.of(request.plan());
        // A type without a handler is a bug in the component that made it; fail before changing anything.
        steps.dag().nodes().forEach(step -> request.handlers().handler(steps.change(step).type()));
        this.priorities = steps.dag().remainingWeights(step -> request.estimate().stepMillis(step, steps.change(step)));
        this.permits = new CallPermits(request.parallelism());
        this.recorder = new StateRecorder(request.stateStore(), request.priorState(), request.scheduler());
        Map<ResourceAddress, ResourceState> planned = new HashMap<>();
        request.plan().changes().stream().filter(c -> c.prior() != null).forEach(c -> planned.put(c.address(), c.prior()));
        this.refs = new RefResolver(applied::get,
                address -> recorder.current().resources().getOrDefault(address, planned.get(address)));
        this.began = request.clock().instant();
        this.digests = SensitiveValues.salted(request.plan().lineage());
    }

    CompletableFuture<ExecutionResult> start() {
        CompletableFuture<ChangeFailure> recordedFirst = recordFirst();
        // Steps with nothing to wait for ask for permits at once, longest remaining path first.
        Comparator<Step> longestFirst = Comparator.comparing(priorities::get, Comparator.reverseOrder());
        for (Step step : steps.dag().topologicalOrder(longestFirst)) {
            List<Step> needs = List.copyOf(steps.dag().dependenciesOf(step));
            CompletableFuture<StepOutcome> outcome;
            if (needs.isEmpty()) {
                outcome = recordedFirst.thenComposeAsync(ready -> guarded(() -> runAfter(step, needs)),
                        request.scheduler());
            } else {
                CompletableFuture<?>[] before = needs.stream().map(outcomes::get).toArray(CompletableFuture[]::new);
                outcome = CompletableFuture.allOf(before)
                        .thenComposeAsync(ready -> guarded(() -> runAfter(step, needs)), request.scheduler());
            }
            outcomes.put(step, outcome.handle((done, error) -> error == null ? done
                    : StepOutcome.failed(step, ChangeFailure.of(step.address(), "apply", error), Duration.ZERO)));
        }
        return CompletableFuture.allOf(outcomes.values().toArray(CompletableFuture[]::new))
                .handle((all, error) -> null)
                // A first write that failed started nothing; it is the run's state failure.
                .thenCompose(done -> recordedFirst.thenCompose(first -> first != null
                        ? CompletableFuture.completedFuture(first) : recordLast()))
                .handle((lastWrite, error) -> result(lastWrite))
                .whenComplete((result, error) -> recorder.close());
    }

    /**
     * Records, before any change, what the plan only records: the state itself when the stack has
     * none (with the plan's lineage, region and account), and resources it adopts or whose
     * dependencies it completes. A failure here stops the run before it changes anything.
     */
    private CompletableFuture<ChangeFailure> recordFirst() {
        Plan plan = request.plan();
        List<ResourceChange> records = plan.changes().stream().filter(ResourceChange::recordsOnly).toList();
        State prior = request.priorState();
        boolean locationUnknown = prior.region() == null || prior.accountId() == null;
        if (!plan.newState() && records.isEmpty() && !locationUnknown) {
            return CompletableFuture.completedFuture(null);
        }
        return record(null, state -> {
            State next = state.region() == null || state.accountId() == null
                    ? state.withLocation(plan.region(), plan.accountId()) : state;
            for (ResourceChange change : records) {
                ResourceState known = change.prior();
                next = next.with(new ResourceState(known.address(), known.type(), known.physicalId(), known.arn(),
                        known.attributes(), change.dependencies(), known.status()));
            }
            return next;
        });
    }

    /** Records the stack's outputs, resolved from the state after the last change, when they changed. */
    private CompletableFuture<ChangeFailure> recordLast() {
        boolean destroy = request.plan().mode() == PlanMode.DESTROY;
        State now = recorder.current();
        Map<String, Object> outputs = destroy ? Map.of() : Outputs.resolve(request.outputs(), now);
        if (stateUnwritable || outputs.equals(now.outputs())) {
            return CompletableFuture.completedFuture(null);
        }
        return record(null, state -> state.withOutputs(
                destroy ? Map.of() : Outputs.resolve(request.outputs(), state)));
    }

    private CompletableFuture<StepOutcome> runAfter(Step step, List<Step> needs) {
        StepOutcome blocking = firstBlocking(needs);
        if (blocking != null && (blocking.status() == ResourceOutcome.Status.NOT_STARTED
                || blocking.status() == ResourceOutcome.Status.INTERRUPTED)) {
            return CompletableFuture.completedFuture(StepOutcome.notStarted(step));
        }
        if (blocking != null) {
            ResourceAddress failed = blocking.failedDependency() != null
                    ? blocking.failedDependency() : blocking.step().address();
            if (!failed.equals(step.address())) {
                notify(() -> request.progress().skipped(step.address(), steps.action(step), failed));
            }
            return CompletableFuture.completedFuture(StepOutcome.skipped(step, failed));
        }
        if (stopped()) {
            return CompletableFuture.completedFuture(StepOutcome.notStarted(step));
        }
        return permits.acquire(priorities.get(step)).thenComposeAsync(granted -> {
            if (stopped()) {
                permits.release();
                return CompletableFuture.completedFuture(StepOutcome.notStarted(step));
            }
            return guarded(() -> begin(step));
        }, request.scheduler());
    }

    // A failure or a skip blocks a step for good; an interruption only when nothing failed.
    private StepOutcome firstBlocking(List<Step> needs) {
        StepOutcome notStarted = null;
        for (Step need : needs) {
            StepOutcome outcome = outcomes.get(need).join();
            switch (outcome.status()) {
                case FAILED, SKIPPED -> {
                    return outcome;
                }
                case NOT_STARTED, INTERRUPTED -> notStarted = outcome;
                case DONE -> { }
            }
        }
        return notStarted;
    }

    private boolean stopped() {
        return request.cancellation().isCancelled() || stateUnwritable;
    }

    private CompletableFuture<StepOutcome> begin(Step step) {
        Action action = steps.action(step);
        ResourceChange change = steps.change(step);
        long typical = request.estimate().stepMillis(step, change);
        StepContext ctx = new StepContext(step.address(), typical, priorities.get(step) - typical, permits,
                request.scheduler(), request.clock(), request.cancellation(), created -> recordCreated(change, created));
        Instant started = request.clock().instant();
        LOG.debug("{} {} started", action, step.address());
        notify(() -> request.progress().started(step.address(), action));
        long tick = request.progressInterval().toNanos();
        ScheduledFuture<?> ticker = request.scheduler().scheduleAtFixedRate(
                () -> notify(() -> request.progress().stillRunning(step.address(), action, since(started))),
                tick, tick, TimeUnit.NANOSECONDS);
        CompletableFuture<StepOutcome> work = step.phase() == Step.Phase.DESTROY
                ? guarded(() -> destroy(step, change, ctx, started))
                : guarded(() -> apply(step, change, ctx, started));
        return work.handle((outcome, error) -> {
            ticker.cancel(false);
            ctx.releaseUnusedPermit();
            StepOutcome result = error == null ? outcome
                    : StepOutcome.failed(step, ChangeFailure.of(step.address(), verb(step), error), since(started));
            return reported(result, action);
        });
    }

    private CompletableFuture<StepOutcome> destroy(Step step, ResourceChange change, StepContext ctx, Instant started) {
        // The old resource of a create-then-delete replace was deposed when the new one was recorded.
        ResourceAddress recordedAt = change.action() == Action.CREATE_THEN_DELETE
                ? deposedAddress(change) : step.address();
        // A resource the plan found gone needs no call; only its record goes.
        CompletableFuture<Void> deleting = change.action() == Action.DELETE && change.standing() == Standing.VANISHED
                ? CompletableFuture.completedFuture(null)
                : guarded(() -> handler(change).delete(observedOf(change), ctx));
        return deleting.handle((gone, error) -> error)
                .thenCompose(error -> error == null
                        ? recordThen(step, started, state -> state.without(recordedAt))
                        : CompletableFuture.completedFuture(failedOrInterrupted(step, "delete", error, started)));
    }

    private CompletableFuture<StepOutcome> apply(Step step, ResourceChange change, StepContext ctx, Instant started) {
        CompletableFuture<Observed> applying = guarded(() -> {
            ResourceSpec spec = refs.resolve(change.desired());
            requireClearValues(spec);
            ResourceHandler handler = handler(change);
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
        return record(step, state -> deposingOld(change, state).with(tainted)).thenApply(writeFailure -> failed);
    }

    // Records a resource the moment AWS created it, before any wait; the old one of a create-then-delete
    // replace moves to its deposed address in the same write, so neither is ever lost.
    private void recordCreated(ResourceChange change, Observed created) {
        createdSoFar.put(change.address(), created);
        createdWrites.put(change.address(), CompletableFuture.completedFuture(null));
        ResourceState creating = recordOf(change, created, ResourceStatus.CREATING);
        createdWrites.put(change.address(),
                record(Step.apply(change.address()), state -> deposingOld(change, state).with(creating)));
    }

    private StepOutcome failedOrInterrupted(Step step, String verb, Throwable error, Instant started) {
        if (ChangeFailure.unwrap(error) instanceof StepInterruptedException) {
            return StepOutcome.interrupted(step, since(started));
        }
        return StepOutcome.failed(step, ChangeFailure.of(step.address(), verb, error), since(started));
    }

    private CompletableFuture<StepOutcome> recordThen(Step step, Instant started, UnaryOperator<State> change) {
        return record(step, change).thenApply(writeFailure -> writeFailure == null
                ? StepOutcome.done(step, since(started))
                : StepOutcome.failed(step, writeFailure, since(started)));
    }

    // Writes the state; completes with null, or with why the write failed. A store that cannot be
    // written to stops the run: going on would make changes nobody records.
    // The step is null for the records before the first change and after the last.
    private CompletableFuture<ChangeFailure> record(Step step, UnaryOperator<State> change) {
        return recorder.record(change).handle((written, error) -> {
            if (error == null) {
                return null;
            }
            stateUnwritable = true;
            Throwable cause = ChangeFailure.unwrap(error);
            LOG.debug("writing the state after {} failed", step == null ? "the run" : step, cause);
            return new ChangeFailure(step == null ? null : step.address(), "write state", null,
                    "could not record the change in " + request.stateStore().location() + ": " + cause.getMessage(), cause);
        });
    }

    private StepOutcome reported(StepOutcome outcome, Action action) {
        ResourceAddress address = outcome.step().address();
        LOG.debug("{} {} {} after {}", action, address, outcome.status(), outcome.elapsed());
        switch (outcome.status()) {
            case DONE -> notify(() -> request.progress().finished(address, action, outcome.elapsed()));
            case FAILED -> notify(() -> request.progress().failed(address, action, outcome.elapsed(), outcome.failure()));
            case INTERRUPTED -> notify(() -> request.progress().interrupted(address, action, outcome.elapsed()));
            case SKIPPED, NOT_STARTED -> { }
        }
        return outcome;
    }

    private ExecutionResult result(ChangeFailure lastWrite) {
        List<ResourceOutcome> results = new ArrayList<>();
        for (ResourceChange change : request.plan().changes()) {
            if (change.action().isChange()) {
                results.add(outcomeOf(change));
            }
        }
        return new ExecutionResult(results, recorder.current(), request.cancellation().isCancelled(), since(began),
                lastWrite);
    }

    // The first step that did not finish speaks for the change; a replace that did both is done.
    private ResourceOutcome outcomeOf(ResourceChange change) {
        List<StepOutcome> parts = new ArrayList<>();
        List<Step> inOrder = change.action() == Action.CREATE_THEN_DELETE
                ? List.of(Step.apply(change.address()), Step.destroy(change.address()))
                : List.of(Step.destroy(change.address()), Step.apply(change.address()));
        for (Step step : inOrder) {
            CompletableFuture<StepOutcome> outcome = outcomes.get(step);
            if (outcome != null) {
                parts.add(outcome.join());
            }
        }
        Duration elapsed = parts.stream().map(StepOutcome::elapsed).reduce(Duration.ZERO, Duration::plus);
        for (StepOutcome part : parts) {
            if (!part.isDone()) {
                return new ResourceOutcome(change.address(), change.action(), part.status(), part.failure(),
                        part.failedDependency(), elapsed);
            }
        }
        return new ResourceOutcome(change.address(), change.action(), ResourceOutcome.Status.DONE, null, null, elapsed);
    }

    /*
     * While a create-then-delete replace has both resources, the state holds both: the new one at
     * the change's address, the old one at its deposed address. Both move in the one write that
     * records the new resource, so no write loses either, and the delete of the old one removes the
     * deposed entry. Should the run stop in between, the next plan finds the old resource by the
     * physical id the state keeps and deletes it like any resource that left the blueprint.
     */
    private State deposingOld(ResourceChange change, State state) {
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

    private ResourceHandler handler(ResourceChange change) {
        return request.handlers().handler(change.type());
    }

    /**
     * What the state records of an applied resource: its ids and attributes, sensitive ones only as
     * digests, and every managed resource it depends on, from the plan (not only the refs still
     * unresolved), so that a later delete runs in order.
     */
    private ResourceState recordOf(ResourceChange change, Observed observed, ResourceStatus status) {
        ResourceType type = handler(change).schema();
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

    private String verb(Step step) {
        return step.phase() == Step.Phase.DESTROY ? "delete"
                : steps.change(step).action() == Action.UPDATE ? "update" : "create";
    }

    // A handler that throws instead of returning a failed future is treated the same.
    private static <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> work) {
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

    // A listener that throws must not stop the run; it is a bug in the listener, logged.
    private static void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("a progress listener failed", e);
        }
    }
}
