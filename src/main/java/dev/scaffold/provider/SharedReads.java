package dev.scaffold.provider;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Reads that several handlers of one refresh need alike (the stack's tagged resources, from which
 * every handler picks its own type), made once per refresh: the first handler to ask makes the
 * read, any other that asks meanwhile or later waits for that same read.
 */
public final class SharedReads {

    /** Names one shared read and the type of what it yields. */
    public record Key<T>(String name) {
    }

    private final ConcurrentMap<Key<?>, CompletableFuture<Object>> reads;

    private SharedReads(ConcurrentMap<Key<?>, CompletableFuture<Object>> reads) {
        this.reads = reads;
    }

    /** Reads shared for the life of this object, which should be one refresh's. */
    public static SharedReads perRefresh() {
        return new SharedReads(new ConcurrentHashMap<>());
    }

    /** Shares nothing: every {@link #get} reads anew, so each read sees AWS as it is then. */
    public static SharedReads none() {
        return new SharedReads(null);
    }

    /**
     * What {@code read} yields for {@code key}, read by the first caller; a failure of that read
     * is every caller's, thrown as it was thrown.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key, Supplier<T> read) {
        if (reads == null) {
            return read.get();
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> shared = reads.putIfAbsent(key, mine);
        if (shared == null) {
            try {
                T value = read.get();
                mine.complete(value);
                return value;
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return (T) shared.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
