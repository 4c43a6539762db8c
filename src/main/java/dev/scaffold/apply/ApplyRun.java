package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.provider.CallPermits;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.PartialCreateException;
import dev.scaffold.provider.ResourceHandler;
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
import java.util.concurrent.CompletionException;
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
 */
final class ApplyRun {

    private static final Logger LOG = LogManager.getLogger(ApplyRun.class);

    private final ExecutionRequest request;
    private final StepGraph steps;
    private final Map<Step, Long> priorities;
    private final CallPermits permits;
    private final StateRecorder recorder;
    private final RefResolver refs;
    private final Map<ResourceAddress, Observed> applied = new ConcurrentHashMap<>();
    private final Map<Step, CompletableFuture<StepOutcome>> outcomes = new ConcurrentHashMap<>();
    private final Instant began;
    private volatile boolean stateUnwritable;

    ApplyRun(ExecutionRequest request) {
        this.request = request;
        this.steps = StepGraph.of(request.plan(), request.handlers());
        // A type without a handler is a bug in the component that made it; fail before changing anything.
        steps.dag().nodes().forEach(step -> request.handlers().handler(steps.change(step).type()));
        this.priorities = steps.dag().remainingWeights(step -> request.estimate().stepMillis(steps.change(step)));
        this.permits = new CallPermits(request.parallelism());
        this.recorder = new StateRecorder(request.stateStore(), request.priorState(), request.scheduler());
        Map<ResourceAddress, ResourceState> planned = new HashMap<>();
        request.plan().changes().stream().filter(c -> c.prior() != null).forEach(c -> planned.put(c.address(), c.prior()));
        this.refs = new RefResolver(applied::get,
                address -> recorder.current().resources().getOrDefault(address, planned.get(address)));
        this.began = request.clock().instant();
    }

    CompletableFuture<ExecutionResult> start() {
        // Steps with nothing to wait for ask for permits at once, longest remaining path first.
        Comparator<Step> longestFirst = Comparator.comparing(priorities::get, Comparator.reverseOrder());
        for (Step step : steps.dag().topologicalOrder(longestFirst)) {
            List<Step> needs = List.copyOf(steps.dag().dependenciesOf(step));
            if (needs.isEmpty()) {
                outcomes.put(step, runAfter(step, needs));
                continue;
            }
            CompletableFuture<?>[] before = needs.stream().map(outcomes::get).toArray(CompletableFuture[]::new);
            outcomes.put(step, CompletableFuture.allOf(before)
                    .thenComposeAsync(ready -> runAfter(step, needs), request.scheduler()));
        }
        return CompletableFuture.allOf(outcomes.values().toArray(CompletableFuture[]::new))
                .handle((all, error) -> {
                    recorder.close();
                    if (error != null) {
                        throw new CompletionException(error);
                    }
                    return result();
                });
    }

    private CompletableFuture<StepOutcome> runAfter(Step step, List<Step> needs) {
        StepOutcome blocking = firstBlocking(needs);
        if (blocking != null && blocking.status() == ResourceOutcome.Status.NOT_STARTED) {
            return CompletableFuture.completedFuture(StepOutcome.notStarted(step));
        }
        if (blocking != null) {
            ResourceAddress failed = blocking.status() == ResourceOutcome.Status.FAILED
                    ? blocking.step().address() : blocking.failedDependency();
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
            return begin(step);
        }, request.scheduler());
    }

    // A failure or skip blocks a step for good; an interruption only when nothing failed.
    private StepOutcome firstBlocking(List<Step> needs) {
        StepOutcome notStarted = null;
        for (Step need : needs) {
            StepOutcome outcome = outcomes.get(need).join();
            if (outcome.status() == ResourceOutcome.Status.FAILED || outcome.status() == ResourceOutcome.Status.SKIPPED) {
                return outcome;
            }
            if (outcome.status() == ResourceOutcome.Status.NOT_STARTED) {
                notStarted = outcome;
            }
        }
        return notStarted;
    }

    private boolean stopped() {
        return request.cancellation().isCancelled() || stateUnwritable;
    }

    private CompletableFuture<StepOutcome> begin(Step step) {
        Action action = steps.action(step);
        long typical = request.estimate().stepMillis(steps.change(step));
        StepContext ctx = new StepContext(step.address(), typical, priorities.get(step) - typical, permits,
                request.scheduler(), request.clock());
        Instant started = request.clock().instant();
        LOG.debug("{} {} started", action, step.address());
        notify(() -> request.progress().started(step.address(), action));
        long tick = request.progressInterval().toNanos();
        ScheduledFuture<?> ticker = request.scheduler().scheduleAtFixedRate(
                () -> notify(() -> request.progress().stillRunning(step.address(), action, since(started))),
                tick, tick, TimeUnit.NANOSECONDS);
        CompletableFuture<StepOutcome> work = step.phase() == Step.Phase.DESTROY
                ? destroy(step, ctx, started)
                : apply(step, ctx, started);
        return work.whenComplete((outcome, error) -> ticker.cancel(false))
                .thenApply(outcome -> reported(outcome, action));
    }

    private CompletableFuture<StepOutcome> destroy(Step step, StepContext ctx, Instant started) {
        ResourceChange change = steps.change(step);
        // The old resource of a create-before-destroy replace was deposed when the new one was recorded.
        ResourceAddress recordedAt = steps.createsFirst(change) ? deposedAddress(change) : step.address();
        CompletableFuture<Void> deleting = guarded(() -> handler(change).delete(observedOf(change), ctx));
        return deleting.handle((gone, error) -> {
            ctx.releaseUnusedPermit();
            return error;
        }).thenCompose(error -> error == null
                ? recordThen(step, started, state -> state.without(recordedAt))
                : CompletableFuture.completedFuture(
                        StepOutcome.failed(step, ChangeFailure.of(step.address(), "delete", error), since(started))));
    }

    private CompletableFuture<StepOutcome> apply(Step step, StepContext ctx, Instant started) {
        ResourceChange change = steps.change(step);
        CompletableFuture<Observed> applying = guarded(() -> {
            ResourceSpec spec = refs.resolve(change.desired());
            ResourceHandler handler = handler(change);
            return change.action() == Action.UPDATE
                    ? handler.update(spec, observedOf(change), ctx)
                    : handler.create(spec, ctx);
        });
        return applying.handle((observed, error) -> {
            ctx.releaseUnusedPermit();
            return error != null ? failedApply(step, change, error, started) : applied(step, change, observed, started);
        }).thenCompose(outcome -> outcome);
    }

    private CompletableFuture<StepOutcome> applied(Step step, ResourceChange change, Observed observed, Instant started) {
        if (observed == null) {
            IllegalStateException bug = new IllegalStateException(
                    "the " + change.type() + " handler returned nothing for " + step.address());
            return CompletableFuture.completedFuture(
                    StepOutcome.failed(step, ChangeFailure.of(step.address(), verb(change), bug), since(started)));
        }
        applied.put(step.address(), observed);
        ResourceState record = recordOf(change, observed, ResourceStatus.OK);
        return recordThen(step, started, state -> deposingOld(change, state).with(record));
    }

    private CompletableFuture<StepOutcome> failedApply(Step step, ResourceChange change, Throwable error, Instant started) {
        StepOutcome failed = StepOutcome.failed(step, ChangeFailure.of(step.address(), verb(change), error), since(started));
        PartialCreateException partial = partialCreate(error);
        if (partial == null || change.action() == Action.UPDATE) {
            return CompletableFuture.completedFuture(failed);
        }
        ResourceState tainted = recordOf(change, partial.created(), ResourceStatus.TAINTED);
        return record(step, state -> deposingOld(change, state).with(tainted)).thenApply(writeFailure -> failed);
    }

    private CompletableFuture<StepOutcome> recordThen(Step step, Instant started, UnaryOperator<State> change) {
        return record(step, change).thenApply(writeFailure -> writeFailure == null
                ? StepOutcome.done(step, since(started))
                : StepOutcome.failed(step, writeFailure, since(started)));
    }

    // Writes the state; completes with null, or with why the write failed. A store that cannot be
    // written to stops the run: going on would make changes nobody records.
    private CompletableFuture<ChangeFailure> record(Step step, UnaryOperator<State> change) {
        return recorder.record(change).handle((written, error) -> {
            if (error == null) {
                return null;
            }
            stateUnwritable = true;
            Throwable cause = ChangeFailure.unwrap(error);
            LOG.debug("writing the state after {} failed", step, cause);
            return new ChangeFailure(step.address(), "write state", null,
                    "could not record the change in " + request.stateStore().location() + ": " + cause.getMessage(), cause);
        });
    }

    private StepOutcome reported(StepOutcome outcome, Action action) {
        ResourceAddress address = outcome.step().address();
        LOG.debug("{} {} {} after {}", action, address, outcome.status(), outcome.elapsed());
        if (outcome.isDone()) {
            notify(() -> request.progress().finished(address, action, outcome.elapsed()));
        } else {
            notify(() -> request.progress().failed(address, action, outcome.elapsed(), outcome.failure()));
        }
        return outcome;
    }

    private ExecutionResult result() {
        List<ResourceOutcome> results = new ArrayList<>();
        for (ResourceChange change : request.plan().changes()) {
            if (change.action().isChange()) {
                results.add(outcomeOf(change));
            }
        }
        return new ExecutionResult(results, recorder.current(), request.cancellation().isCancelled(), since(began));
    }

    // The first step that did not finish speaks for the change; a replace that did both is done.
    private ResourceOutcome outcomeOf(ResourceChange change) {
        List<StepOutcome> parts = new ArrayList<>();
        List<Step> inOrder = steps.createsFirst(change)
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
     * While a create-before-destroy replace has both resources, the state holds both: the new one at
     * the change's address, the old one at its deposed address. Both move in the one write that
     * records the new resource, so no write loses either, and the delete of the old one removes the
     * deposed entry. Should the run stop in between, the next plan finds the old resource by the
     * physical id the state keeps and deletes it like any resource that left the blueprint.
     */
    private State deposingOld(ResourceChange change, State state) {
        if (!steps.createsFirst(change)) {
            return state;
        }
        ResourceState old = change.prior();
        return state.with(new ResourceState(deposedAddress(change), old.type(), old.physicalId(), old.arn(),
                old.attributes(), old.dependencies(), old.status()));
    }

    private static ResourceAddress deposedAddress(ResourceChange change) {
        return change.address().deposed(change.prior().physicalId());
    }

    private ResourceHandler handler(ResourceChange change) {
        return request.handlers().handler(change.type());
    }

    private static ResourceState recordOf(ResourceChange change, Observed observed, ResourceStatus status) {
        return new ResourceState(change.address(), change.type(), observed.physicalId(), observed.arn(),
                observed.attributes(), change.desired().dependencies(), status);
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

    private static String verb(ResourceChange change) {
        return change.action() == Action.UPDATE ? "update" : "create";
    }

    private static PartialCreateException partialCreate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PartialCreateException partial) {
                return partial;
            }
        }
        return null;
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
