package dev.scaffold.provider.aws;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ReadContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Describes resources by id, as many ids per call as the API takes, the calls in parallel; a
 * resource that is gone is simply absent.
 *
 * <p>Some describes by id (ELBv2's by ARN) fail the whole call when any one id is gone (deleted since
 * the state or the tagging read named it). Such a batch is split in two halves and each is asked
 * again, down to single ids, whose "gone" answer means that one is absent. One gone resource in a
 * batch of 20 costs about 2·log2(20) ≈ 9 calls more, usually far fewer than asking each of the 20
 * alone; going back to the paged list of every resource of the region would make the cost grow with
 * the region again, which is what reading by id avoids.
 */
public final class IdBatches {

    private IdBatches() {
    }

    /**
     * What the calls of a read answered for {@code ids}, in batches of at most {@code batchSize}, awaited.
     *
     * @param describe asks AWS about one batch of ids
     * @param gone the error codes with which the call says that (one of) its ids no longer exist
     */
    public static <T> List<T> describe(ReadContext ctx, String operation, Collection<String> ids, int batchSize,
                                       Set<String> gone, Function<List<String>, CompletableFuture<List<T>>> describe) {
        return ReadCalls.join(describe(ReadCalls.of(ctx), operation, ids, batchSize, gone,
                describe));
    }

    /** {@link #describe(ReadContext, String, Collection, int, Set, Function)}, each call made by {@code calls}, not awaited. */
    public static <T> CompletableFuture<List<T>> describe(ApiCalls calls, String operation, Collection<String> ids,
                                                          int batchSize, Set<String> gone,
                                                          Function<List<String>, CompletableFuture<List<T>>> describe) {
        List<String> all = List.copyOf(ids);
        List<CompletableFuture<List<T>>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += batchSize) {
            batches.add(batch(calls, operation, all.subList(from, Math.min(all.size(), from + batchSize)), gone,
                    describe));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<T> found = new ArrayList<>();
            batches.forEach(batch -> found.addAll(batch.join()));
            return found;
        });
    }

    private static <T> CompletableFuture<List<T>> batch(ApiCalls calls, String operation, List<String> ids,
                                                        Set<String> gone,
                                                        Function<List<String>, CompletableFuture<List<T>>> describe) {
        return calls.call(operation, () -> describe.apply(ids)).handle((answer, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(answer);
            }
            if (!AwsErrors.hasCode(failure, gone)) {
                return CompletableFuture.<List<T>>failedFuture(AwsErrors.unwrap(failure));
            }
            if (ids.size() == 1) {
                return CompletableFuture.completedFuture(List.<T>of());
            }
            int middle = ids.size() / 2;
            return batch(calls, operation, ids.subList(0, middle), gone, describe)
                    .thenCombine(batch(calls, operation, ids.subList(middle, ids.size()), gone, describe),
                            IdBatches::both);
        }).thenCompose(next -> next);
    }

    private static <T> List<T> both(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
