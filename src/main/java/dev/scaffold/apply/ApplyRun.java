package dev.scaffold.apply;

import static dev.scaffold.apply.StepRunner.guarded;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.plan.Step;
import dev.scaffold.plan.StepGraph;
import dev.scaffold.provider.CallPermits;
import dev.scaffold.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One apply in progress: every step is a future that waits for the steps it depends on, asks for a
 * call permit ranked by its remaining path, and is then carried out and recorded by a
 * {@link StepRunner}; {@link RunRecords} writes the state before the first change and after the last.
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
    private final RunRecords records;
    private final StepRunner runner;
    private final Map<Step, CompletableFuture<StepOutcome>> outcomes = new ConcurrentHashMap<>();
    private final Instant began;

    ApplyRun(ExecutionRequest request) {
        if (!request.priorState().lineage().equals(request.plan().lineage())) {
            // The resources the plan creates carry the plan's lineage; a state of another would disown them.
            throw new IllegalStateException("the plan was made for state lineage " + request.plan().lineage()
                    + " but apply was given a state of lineage " + request.priorState().lineage());
        }
        // A state no write can follow would be found out only after the first change.
        StateStore.requireSerialCanGrow(request.priorState(), request.stateStore().location());
        this.request = request;
        this.steps = StepGraph.of(request.plan());
        // A type without a handler is a bug in the component that made it; fail before changing anything.
        steps.dag().nodes().forEach(step -> request.handlers().handler(steps.type(step)));
        this.priorities = steps.dag().remainingWeights(step -> request.estimate().stepMillis(step, steps));
        this.permits = new CallPermits(request.parallelism());
        this.records = new RunRecords(request);
        this.runner = new StepRunner(request, steps, records);
        this.began = request.clock().instant();
    }

    CompletableFuture<ExecutionResult> start() {
        CompletableFuture<ChangeFailure> recordedFirst = records.first();
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
                        ? CompletableFuture.completedFuture(first) : records.last()))
                .handle((lastWrite, error) -> result(lastWrite))
                .whenComplete((result, error) -> records.close());
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
        return request.cancellation().isCancelled() || records.unwritable();
    }

    private CompletableFuture<StepOutcome> begin(Step step) {
        Action action = steps.action(step);
        ResourceChange change = steps.change(step);
        long typical = request.estimate().stepMillis(step, steps);
        StepContext ctx = new StepContext(step.address(), typical, priorities.get(step) - typical, permits,
                request.scheduler(), request.clock(), request.cancellation(),
                created -> runner.recordCreated(change, created),
                message -> notify(() -> request.progress().told(step.address(), message)));
        Instant started = request.clock().instant();
        LOG.debug("{} {} started", action, step.address());
        notify(() -> request.progress().started(step.address(), action));
        long tick = request.progressInterval().toNanos();
        ScheduledFuture<?> ticker = request.scheduler().scheduleAtFixedRate(
                () -> notify(() -> request.progress().stillRunning(step.address(), action, since(started))),
                tick, tick, TimeUnit.NANOSECONDS);
        return runner.run(step, ctx, started).handle((outcome, error) -> {
            ticker.cancel(false);
            ctx.releaseUnusedPermit();
            StepOutcome result = error == null ? outcome
                    : StepOutcome.failed(step, ChangeFailure.of(step.address(), runner.verb(step), error), since(started));
            return reported(result, action);
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
        return new ExecutionResult(results, records.current(), request.cancellation().isCancelled(), since(began),
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
