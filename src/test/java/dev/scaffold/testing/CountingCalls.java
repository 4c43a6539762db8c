package dev.scaffold.testing;

import dev.scaffold.provider.ApiCalls;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Makes each call it is given and counts them by operation, so a test can say what a read cost. */
public final class CountingCalls implements ApiCalls {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call) {
        counts.computeIfAbsent(operation, key -> new AtomicInteger()).incrementAndGet();
        return call.get();
    }

    /** The calls made so far, by operation, in the operations' order. */
    public Map<String, Integer> counts() {
        Map<String, Integer> snapshot = new TreeMap<>();
        counts.forEach((operation, count) -> snapshot.put(operation, count.get()));
        return snapshot;
    }
}
