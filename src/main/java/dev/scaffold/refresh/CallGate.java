package dev.scaffold.refresh;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.CallPermits;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Lets at most {@code limit} AWS calls of a refresh be in flight, queueing the rest without
 * holding a thread, and counts them by operation.
 */
final class CallGate implements ApiCalls {

    private final CallPermits permits;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    CallGate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one call must be allowed in flight, not " + limit);
        }
        this.permits = new CallPermits(limit);
    }

    @Override
    public <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call) {
        counts.computeIfAbsent(operation, key -> new AtomicInteger()).incrementAndGet();
        // Reads are all alike: first come, first served.
        return permits.acquire(0).thenCompose(granted -> start(call).whenComplete((value, failure) -> permits.release()));
    }

    private static <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The calls made so far, by operation. */
    Map<String, Integer> counts() {
        Map<String, Integer> snapshot = new TreeMap<>();
        counts.forEach((operation, count) -> snapshot.put(operation, count.get()));
        return snapshot;
    }
}
