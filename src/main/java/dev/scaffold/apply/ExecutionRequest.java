package dev.scaffold.apply;

import dev.scaffold.plan.Plan;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.state.State;
import dev.scaffold.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything one apply needs: the plan, the handlers, the state it starts from and where to write
 * it, and how to run.
 *
 * @param plan the plan to carry out; its no-ops are skipped
 * @param handlers the handlers of every type the plan changes
 * @param priorState the state the plan was made against ({@code State.empty} for a first apply)
 * @param stateStore where to write the state after every change; the caller holds its lock
 * @param parallelism how many AWS calls may be in flight at once ({@code --parallelism})
 * @param scheduler runs polls, progress ticks and the executor's own steps; never blocked by it
 * @param progress hears started, finished, failed, skipped and still-running events
 * @param cancellation set by Ctrl-C to stop starting new changes
 * @param clock for elapsed times and wait timeouts
 * @param progressInterval how often a change in progress is reported as still running
 * @param estimate the typical latencies that rank ready work (longest remaining path first)
 * @param outputs the values the stack declares ({@code scaffold output}), each a ref to a resource's
 *     attribute or a list of such refs, resolved and recorded in the state after the last change
 */
public record ExecutionRequest(
        Plan plan,
        HandlerRegistry handlers,
        State priorState,
        StateStore stateStore,
        int parallelism,
        ScheduledExecutorService scheduler,
        ProgressListener progress,
        CancellationToken cancellation,
        Clock clock,
        Duration progressInterval,
        DurationEstimate estimate,
        Map<String, Object> outputs) {

    public static final int DEFAULT_PARALLELISM = 10;
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(30);

    public ExecutionRequest {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(handlers, "handlers");
        Objects.requireNonNull(priorState, "priorState");
        Objects.requireNonNull(stateStore, "stateStore");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(estimate, "estimate");
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("progress interval must be positive, not " + progressInterval);
        }
    }

    /** A request with the defaults: parallelism 10, no listener, a fresh token, the system clock, 30 s ticks, a uniform estimate. */
    public static ExecutionRequest of(Plan plan, HandlerRegistry handlers, State priorState, StateStore stateStore,
                                      ScheduledExecutorService scheduler) {
        return new ExecutionRequest(plan, handlers, priorState, stateStore, DEFAULT_PARALLELISM, scheduler,
                ProgressListener.NONE, new CancellationToken(), Clock.systemUTC(), DEFAULT_PROGRESS_INTERVAL,
                DurationEstimate.uniform(), Map.of());
    }

    public ExecutionRequest withPriorState(State newPriorState) {
        return new ExecutionRequest(plan, handlers, newPriorState, stateStore, parallelism, scheduler, progress,
                cancellation, clock, progressInterval, estimate, outputs);
    }

    public ExecutionRequest withParallelism(int newParallelism) {
        return new ExecutionRequest(plan, handlers, priorState, stateStore, newParallelism, scheduler, progress,
                cancellation, clock, progressInterval, estimate, outputs);
    }

    public ExecutionRequest withProgress(ProgressListener newProgress) {
        return new ExecutionRequest(plan, handlers, priorState, stateStore, parallelism, scheduler, newProgress,
                cancellation, clock, progressInterval, estimate, outputs);
    }

    public ExecutionRequest withCancellation(CancellationToken newCancellation) {
        return new ExecutionRequest(plan, handlers, priorState, stateStore, parallelism, scheduler, progress,
                newCancellation, clock, progressInterval, estimate, outputs);
    }

    public ExecutionRequest withProgressInterval(Duration newProgressInterval) {
        return new ExecutionRequest(plan, handlers, priorState, stateStore, parallelism, scheduler, progress,
                cancellation, clock, newProgressInterval, estimate, outputs);
    }

    public ExecutionRequest withEstimate(DurationEstimate newEstimate) {
        return new ExecutionRequest(plan, handlers, priorState, stateStore, parallelism, scheduler, progress,
                cancellation, clock, progressInterval, newEstimate, outputs);
    }

    public ExecutionRequest withOutputs(Map<String, Object> newOutputs) {
        return new ExecutionRequest(plan, handlers, priorState, stateStore, parallelism, scheduler, progress,
                cancellation, clock, progressInterval, estimate, newOutputs);
    }
}
