package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.CallPermits;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The executor's {@link ApplyContext} for one step: calls take a permit ranked by the step's
 * remaining path, and waits poll on the scheduler holding nothing in between.
 *
 * <p>The rank is the time still expected until the end of the graph through this step: what is
 * left of the step's typical latency after the time it has run, plus the longest path after it.
 * So the polls of a resource nearly ready do not outrank work that holds up a long chain.
 *
 * <p>A step is started with a permit already in hand (so that admission, too, is by rank); its
 * first call uses that permit rather than asking for another.
 */
final class StepContext implements ApplyContext {

    private final ResourceAddress address;
    private final long typicalMillis;
    private final long tailMillis;
    private final Instant began;
    private final CallPermits permits;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final AtomicBoolean admissionPermit = new AtomicBoolean(true);

    /**
     * @param typicalMillis how long the step typically takes
     * @param tailMillis the longest remaining path after the step, in typical milliseconds
     */
    StepContext(ResourceAddress address, long typicalMillis, long tailMillis, CallPermits permits,
                ScheduledExecutorService scheduler, Clock clock) {
        this.address = address;
        this.typicalMillis = typicalMillis;
        this.tailMillis = tailMillis;
        this.began = clock.instant();
        this.permits = permits;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public ResourceAddress address() {
        return address;
    }

    @Override
    public <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<Void> permit = admissionPermit.getAndSet(false)
                ? CompletableFuture.completedFuture(null)
                : permits.acquire(remainingMillis());
        if (permit.isDone()) {
            return invoke(operation, call);
        }
        // Async, so a permit handed over inside release() does not run the call on that stack.
        return permit.thenComposeAsync(granted -> invoke(operation, call), scheduler);
    }

    private long remainingMillis() {
        long ran = Duration.between(began, clock.instant()).toMillis();
        return Math.max(0, typicalMillis - ran) + tailMillis;
    }

    private <T> CompletableFuture<T> invoke(String operation, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> running;
        try {
            running = call.get();
            if (running == null) {
                running = CompletableFuture.failedFuture(new NullPointerException(operation + " returned no future"));
            }
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        return running.handle((value, error) -> {
            permits.release();
            if (error != null) {
                throw asHandlerException(operation, error);
            }
            return value;
        });
    }

    private HandlerException asHandlerException(String operation, Throwable error) {
        Throwable cause = ChangeFailure.unwrap(error);
        if (cause instanceof HandlerException handler) {
            return handler;
        }
        return new HandlerException(address, operation, null, ChangeFailure.messageOf(cause), cause);
    }

    @Override
    public <T> CompletableFuture<T> waitUntil(String what, Supplier<CompletableFuture<T>> poll, Predicate<T> done,
                                              Predicate<T> failed, Duration interval, Duration timeout) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pollUntil(what, poll, done, failed, interval, clock.instant().plus(timeout), timeout, result);
        return result;
    }

    // Polls start every interval, not an interval after the previous poll ended, so a slow describe
    // call or a queue for permits does not stretch the time until readiness is noticed.
    private <T> void pollUntil(String what, Supplier<CompletableFuture<T>> poll, Predicate<T> done, Predicate<T> failed,
                               Duration interval, Instant deadline, Duration timeout, CompletableFuture<T> result) {
        long nextPollNanos = System.nanoTime() + interval.toNanos();
        call(what, poll).whenComplete((value, error) -> {
            try {
                if (error != null) {
                    result.completeExceptionally(ChangeFailure.unwrap(error));
                } else if (done.test(value)) {
                    result.complete(value);
                } else if (failed.test(value)) {
                    result.completeExceptionally(new HandlerException(address, what, null,
                            "gave up waiting for " + what + ": it reached " + value, null));
                } else if (clock.instant().plus(interval).isAfter(deadline)) {
                    result.completeExceptionally(new HandlerException(address, what, null,
                            "timed out after " + timeout + " waiting for " + what, null));
                } else {
                    scheduler.schedule(() -> pollUntil(what, poll, done, failed, interval, deadline, timeout, result),
                            Math.max(0, nextPollNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    /** Gives back the permit the step started with if no call has used it. */
    void releaseUnusedPermit() {
        if (admissionPermit.getAndSet(false)) {
            permits.release();
        }
    }
}
