package dev.scaffold.testing;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.state.Observed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An {@link ApplyContext} for handler tests: calls run at once and are recorded by operation, and
 * failures are wrapped as the executor wraps them;
 * waits poll at once and then every {@link #POLL} at most, so tests against the emulator are quick.
 */
public final class TestApplyContext implements ApplyContext {

    static final Duration POLL = Duration.ofMillis(100);

    private final ResourceAddress address;
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<Observed> created = new CopyOnWriteArrayList<>();
    private final List<String> told = new CopyOnWriteArrayList<>();

    public TestApplyContext(ResourceAddress address) {
        this.address = address;
    }

    @Override
    public ResourceAddress address() {
        return address;
    }

    /** Remembers what the handler reported created, as the executor records it at once. */
    @Override
    public void created(Observed resource) {
        created.add(resource);
    }

    /** Remembers what the handler told the user. */
    @Override
    public void tell(String message) {
        told.add(message);
    }

    /** What the handler told the user, in order. */
    public List<String> told() {
        return told;
    }

    /** What the handler reported created, in order. */
    public List<Observed> created() {
        return created;
    }

    /** The operations called so far, in order; each poll of a wait counts as one {@code poll:WHAT}. */
    public List<String> operations() {
        return operations;
    }

    /** Like the executor's: a failure that is not already a {@link HandlerException} is wrapped in one without a code. */
    @Override
    public <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call) {
        operations.add(operation);
        return call.get().handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof HandlerException handled) {
                throw handled;
            }
            throw new HandlerException(address, operation, null, String.valueOf(cause.getMessage()), cause);
        });
    }

    @Override
    public <T> CompletableFuture<T> waitUntil(String what, Supplier<CompletableFuture<T>> poll, Predicate<T> done,
                                              Predicate<T> failed, Duration interval, Duration timeout) {
        Duration every = interval.compareTo(POLL) < 0 ? interval : POLL;
        Instant deadline = Instant.now().plus(timeout);
        CompletableFuture<T> result = new CompletableFuture<>();
        pollOnce(what, poll, done, failed, every, deadline, result);
        return result;
    }

    private <T> void pollOnce(String what, Supplier<CompletableFuture<T>> poll, Predicate<T> done,
                              Predicate<T> failed, Duration every, Instant deadline, CompletableFuture<T> result) {
        call("poll:" + what, poll).whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (done.test(value)) {
                result.complete(value);
            } else if (failed.test(value)) {
                result.completeExceptionally(new IllegalStateException(address + ": " + what + " failed: " + value));
            } else if (Instant.now().isAfter(deadline)) {
                result.completeExceptionally(new TimeoutException(address + ": " + what + " timed out"));
            } else {
                Executor later = CompletableFuture.delayedExecutor(every.toMillis(), TimeUnit.MILLISECONDS);
                later.execute(() -> pollOnce(what, poll, done, failed, every, deadline, result));
            }
        });
    }
}
