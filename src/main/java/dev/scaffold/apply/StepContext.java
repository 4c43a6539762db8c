package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.CallPermits;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ResourceFailedException;
import dev.scaffold.state.Observed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The executor's {@link ApplyContext} for one step: calls take a permit ranked by the step's
 * remaining path, and waits poll on the scheduler holding nothing in between.
 *
 * <p>A wait survives faults: a poll that fails (after the SDK's own retries) is tried again at the
 * next interval, until the wait's timeout or {@link #FAILED_POLLS_IN_A_ROW} failures in a row, which
 * no transient fault lasts. An interrupt stops a wait at its next poll; the resource stays recorded.
 *
 * <p>The rank is the time still expected until the end of the graph through this step: what is
 * left of the step's typical latency after the time it has run, plus the longest path after it.
 * So the polls of a resource nearly ready do not outrank work that holds up a long chain.
 *
 * <p>A step is started with a permit already in hand (so that admission, too, is by rank); its
 * first call uses that permit rather than asking for another.
 */
final class StepContext implements ApplyContext {

    /** How many polls of one wait may fail in a row before the wait gives up. */
    static final int FAILED_POLLS_IN_A_ROW = 10;

    private static final Logger LOG = LogManager.getLogger(StepContext.class);

    private final ResourceAddress address;
    private final long typicalMillis;
    private final long tailMillis;
    private final Instant began;
    private final CallPermits permits;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final CancellationToken cancellation;
    private final Consumer<Observed> onCreated;
    private final Consumer<String> onTold;
    private final AtomicBoolean admissionPermit = new AtomicBoolean(true);

    /**
     * @param typicalMillis how long the step typically takes
     * @param tailMillis the longest remaining path after the step, in typical milliseconds
     * @param cancellation set when the run is interrupted; waits stop at their next poll
     * @param onCreated records a resource the moment AWS created it
     * @param onTold passes on what the handler tells the user
     */
    StepContext(ResourceAddress address, long typicalMillis, long tailMillis, CallPermits permits,
                ScheduledExecutorService scheduler, Clock clock, CancellationToken cancellation,
                Consumer<Observed> onCreated, Consumer<String> onTold) {
        this.address = address;
        this.typicalMillis = typicalMillis;
        this.tailMillis = tailMillis;
        this.began = clock.instant();
        this.permits = permits;
        this.scheduler = scheduler;
        this.clock = clock;
        this.cancellation = cancellation;
        this.onCreated = onCreated;
        this.onTold = onTold;
    }

    @Override
    public void created(Observed created) {
        onCreated.accept(created);
    }

    @Override
    public void tell(String message) {
        onTold.accept(message);
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
        Wait<T> wait = new Wait<>(what, poll, done, failed, interval, clock.instant().plus(timeout), timeout, result);
        pollUntil(wait, 0);
        return result;
    }

    /** One wait: what is polled, when it ends, and where its result goes. */
    private record Wait<T>(String what, Supplier<CompletableFuture<T>> poll, Predicate<T> done, Predicate<T> failed,
                           Duration interval, Instant deadline, Duration timeout, CompletableFuture<T> result) {
    }

    // Polls start every interval, not an interval after the previous poll ended, so a slow describe
    // call or a queue for permits does not stretch the time until readiness is noticed.
    private <T> void pollUntil(Wait<T> wait, int failedInARow) {
        if (cancellation.isCancelled()) {
            wait.result().completeExceptionally(new StepInterruptedException(address, wait.what()));
            return;
        }
        long nextPollNanos = System.nanoTime() + wait.interval().toNanos();
        call(wait.what(), wait.poll()).whenComplete((value, error) -> {
            try {
                int failures = 0;
                if (error != null) {
                    failures = failedInARow + 1;
                    if (failures >= FAILED_POLLS_IN_A_ROW) {
                        wait.result().completeExceptionally(ChangeFailure.unwrap(error));
                        return;
                    }
                    LOG.debug("{}: a poll for {} failed ({} in a row), polling again", address, wait.what(), failures,
                            error);
                } else if (wait.done().test(value)) {
                    wait.result().complete(value);
                    return;
                } else if (wait.failed().test(value)) {
                    wait.result().completeExceptionally(new ResourceFailedException(address, wait.what(), value));
                    return;
                }
                if (clock.instant().plus(wait.interval()).isAfter(wait.deadline())) {
                    wait.result().completeExceptionally(new HandlerException(address, wait.what(), null,
                            "timed out after " + wait.timeout() + " waiting for " + wait.what()
                                    + (error == null ? "" : "; the last poll failed: " + ChangeFailure.messageOf(
                                    ChangeFailure.unwrap(error))), error == null ? null : ChangeFailure.unwrap(error)));
                    return;
                }
                int failuresSoFar = failures;
                scheduler.schedule(() -> pollUntil(wait, failuresSoFar),
                        Math.max(0, nextPollNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                wait.result().completeExceptionally(e);
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
