package dev.scaffold.refresh;

import dev.scaffold.provider.ApiCalls;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
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

    private final int limit;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private int inFlight;

    CallGate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one call must be allowed in flight, not " + limit);
        }
        this.limit = limit;
    }

    @Override
    public <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call) {
        counts.computeIfAbsent(operation, key -> new AtomicInteger()).incrementAndGet();
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> started;
            try {
                started = call.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, failure) -> {
                release();
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = inFlight < limit;
            if (now) {
                inFlight++;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    /** The calls made so far, by operation. */
    Map<String, Integer> counts() {
        Map<String, Integer> snapshot = new TreeMap<>();
        counts.forEach((operation, count) -> snapshot.put(operation, count.get()));
        return snapshot;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
