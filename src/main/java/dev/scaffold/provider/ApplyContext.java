package dev.scaffold.provider;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.state.Observed;
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
     * Tells the executor that AWS has just created the resource: it records it in the state at once
     * (as still being created), so that if a later call or wait of the create fails, or the run is
     * interrupted, the next apply finishes this resource instead of creating another.
     *
     * @param created the resource as far as it is known, at least its physical id
     */
    void created(Observed created);

    /**
     * Tells the user something they must act on while the change goes on, e.g. the DNS record that
     * validates a certificate; shown with the resource's progress, on the terminal and in CI logs alike.
     */
    void tell(String message);

    /**
     * Runs one AWS call once a slot is free, and frees the slot when the call completes.
     *
     * @param operation the AWS operation, e.g. {@code CreateLoadBalancer}, for errors and progress
     */
    <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call);

    /**
     * Polls with {@code poll} (each poll an {@link #call}) every {@code interval} until {@code done}
     * holds. A poll that fails is retried at the next interval (a transient error never ends the
     * wait); the wait fails when {@code timeout} passes, when the run is interrupted, or with a
     * {@link ResourceFailedException} when {@code failed} holds: AWS reports the resource failed.
     *
     * @param what what is awaited, for progress lines, e.g. {@code "load balancer active"}
     */
    <T> CompletableFuture<T> waitUntil(String what, Supplier<CompletableFuture<T>> poll,
                                       Predicate<T> done, Predicate<T> failed,
                                       Duration interval, Duration timeout);
}
