package dev.scaffold.provider;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous semaphore that bounds the AWS calls in flight. Waiting for a permit holds no
 * thread: a request is a future, completed when a permit passes to it. When permits are scarce,
 * the request with the highest priority gets the next one; equal priorities go first come, first served.
 */
public final class CallPermits {

    private record Request(long priority, long sequence, CompletableFuture<Void> granted) { }

    private static final Comparator<Request> FIRST =
            Comparator.comparingLong(Request::priority).reversed().thenComparingLong(Request::sequence);

    private final int limit;
    private final PriorityQueue<Request> waiting = new PriorityQueue<>(FIRST);
    private int inUse;
    private int mostInUse;
    private long sequence;

    public CallPermits(int limit) {
        this.limit = limit;
    }

    /** A future completed once the caller holds a permit; it must {@link #release} it exactly once. */
    public CompletableFuture<Void> acquire(long priority) {
        synchronized (this) {
            if (inUse < limit) {
                inUse++;
                mostInUse = Math.max(mostInUse, inUse);
                return CompletableFuture.completedFuture(null);
            }
            Request request = new Request(priority, sequence++, new CompletableFuture<>());
            waiting.add(request);
            return request.granted();
        }
    }

    /** Gives a permit back, handing it straight to the first request waiting, if any. */
    public void release() {
        Request next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                if (inUse == 0) {
                    throw new IllegalStateException("a call permit was released more often than acquired");
                }
                inUse--;
                return;
            }
        }
        next.granted().complete(null); // outside the lock: completing runs the next caller's code
    }

    /** The most permits held at once so far. */
    public synchronized int mostInUse() {
        return mostInUse;
    }
}
