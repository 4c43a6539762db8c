package dev.scaffold.provider;

import dev.scaffold.graph.ResourceAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The executor's services to a handler while it applies one resource.
 *
 * <p>{@link #call} bounds the AWS calls in flight (the {@code --parallelism} of apply) and
 * {@link #waitUntil} polls through it on a scheduler, so a resource that is being waited for
 * holds neither a slot nor a thread between polls.
 */
public interface ApplyContext {

    /** The resource being applied, for messages and tags. */
    ResourceAddress address();

    /**
     * Runs one AWS call once a slot is free, and frees the slot when the call completes.
     *
     * @param operation the AWS operation, e.g. {@code CreateLoadBalancer}, for errors and progress
     */
    <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call);

    /**
     * Polls with {@code poll} (each poll an {@link #call}) every {@code interval} until {@code done}
     * holds, failing when {@code failed} holds or {@code timeout} passes.
     *
     * @param what what is awaited, for progress lines, e.g. {@code "load balancer active"}
     */
    <T> CompletableFuture<T> waitUntil(String what, Supplier<CompletableFuture<T>> poll,
                                       Predicate<T> done, Predicate<T> failed,
                                       Duration interval, Duration timeout);
}
