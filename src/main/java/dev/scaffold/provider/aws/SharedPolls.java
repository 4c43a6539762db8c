package dev.scaffold.provider.aws;

import dev.scaffold.provider.ApplyContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The polls of every resource of one type that an apply is waiting for, shared: one describe, batched by
 * id, answers for all of them, and each answer serves every poll made within {@code freshFor} of it. A
 * hundred load balancers that become active together cost AWS one DescribeLoadBalancers per twenty of
 * them every interval, not one each; databases and distributions, waited on for many minutes, likewise.
 *
 * <p>A resource is waited on from its first poll (or {@link #expect}, as soon as its create answers) until
 * {@link #done}. A poll that finds no fresh answer describes, in one round, every waited-on resource
 * whose answer is older than half of {@code freshFor}, so that waits that began apart soon poll together.
 * A round's calls go through the executor's slots of the poll that started it.
 *
 * @param <T> the SDK's description of the resource
 */
public final class SharedPolls<T> {

    private record Answer<T>(Optional<T> resource, long at) {
    }

    private final String operation;
    private final int batchSize;
    private final Set<String> gone;
    private final Duration freshFor;
    private final Function<List<String>, CompletableFuture<List<T>>> describe;
    private final Function<T, String> idOf;
    private final LongSupplier clock;
    private final Set<String> waiting = new LinkedHashSet<>();
    private final Map<String, Answer<T>> answers = new HashMap<>();
    private final Map<String, CompletableFuture<Optional<T>>> inFlight = new HashMap<>();

    /**
     * @param batchSize the most ids one describe takes
     * @param gone the error codes with which the describe says that one of its ids no longer exists
     * @param freshFor how long an answer serves; the waits' poll interval
     */
    public SharedPolls(String operation, int batchSize, Set<String> gone, Duration freshFor,
                       Function<List<String>, CompletableFuture<List<T>>> describe, Function<T, String> idOf) {
        this(operation, batchSize, gone, freshFor, describe, idOf, System::nanoTime);
    }

    SharedPolls(String operation, int batchSize, Set<String> gone, Duration freshFor,
                Function<List<String>, CompletableFuture<List<T>>> describe, Function<T, String> idOf,
                LongSupplier clock) {
        this.operation = operation;
        this.batchSize = batchSize;
        this.gone = Set.copyOf(gone);
        this.freshFor = freshFor;
        this.describe = describe;
        this.idOf = idOf;
        this.clock = clock;
    }

    /** Starts waiting on a resource before its first poll, so that the polls of others describe it too. */
    public synchronized void expect(String id) {
        waiting.add(id);
    }

    /**
     * Stops waiting on a resource: its wait is over, however it ended. A later wait on it (after the next change of
     * the resource) takes no answer of a describe begun before, not even one still in flight.
     */
    public synchronized void done(String id) {
        waiting.remove(id);
        answers.remove(id);
        inFlight.remove(id);
    }

    /** The resource as a describe no older than {@code freshFor} found it; empty once it is gone. */
    public CompletableFuture<Optional<T>> poll(ApplyContext ctx, String id) {
        CompletableFuture<Optional<T>> round;
        synchronized (this) {
            waiting.add(id);
            Answer<T> answer = answers.get(id);
            long now = clock.getAsLong();
            if (answer != null && now - answer.at() < freshFor.toNanos()) {
                return CompletableFuture.completedFuture(answer.resource());
            }
            round = inFlight.get(id);
            if (round == null) {
                round = startRound(ctx, now).get(id);
            }
        }
        return round;
    }

    /** Describes every waited-on resource without an answer that is fresh for at least another half interval. */
    private Map<String, CompletableFuture<Optional<T>>> startRound(ApplyContext ctx, long now) {
        List<String> ids = waiting.stream().filter(id -> !inFlight.containsKey(id)).filter(id -> {
            Answer<T> answer = answers.get(id);
            return answer == null || now - answer.at() >= freshFor.toNanos() / 2;
        }).toList();
        CompletableFuture<List<T>> described = IdBatches.describe(
                ApplyCalls.polling(ctx), operation, ids, batchSize, gone, describe);
        Map<String, CompletableFuture<Optional<T>>> round = new HashMap<>();
        for (String id : ids) {
            CompletableFuture<Optional<T>> one = described.thenApply(found -> found.stream()
                    .filter(resource -> id.equals(idOf.apply(resource))).findFirst());
            round.put(id, one);
            inFlight.put(id, one);
        }
        described.whenComplete((found, failure) -> settle(round, found, now));
        return round;
    }

    /** Keeps a round's answers for the resources still waited on since it began; a wait done meanwhile takes none. */
    private synchronized void settle(Map<String, CompletableFuture<Optional<T>>> round, List<T> found, long describedAt) {
        Map<String, T> byId = new HashMap<>();
        if (found != null) {
            found.forEach(resource -> byId.put(idOf.apply(resource), resource));
        }
        round.forEach((id, asked) -> {
            if (inFlight.get(id) != asked) {
                return;
            }
            inFlight.remove(id);
            if (found != null && waiting.contains(id)) {
                answers.put(id, new Answer<>(Optional.ofNullable(byId.get(id)), describedAt));
            }
        });
    }
}
