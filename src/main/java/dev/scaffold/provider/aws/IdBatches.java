package dev.scaffold.provider.aws;

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
 * <p>ELBv2's describes by ARN fail the whole call when any one ARN is gone (deleted since the state
 * or the tagging read named it). Such a batch is split in two halves and each is asked again, down
 * to single ids, whose "gone" answer means that one is absent. One gone resource in a batch of 20
 * costs about 2·log2(20) ≈ 9 calls more, usually far fewer than asking each of the 20 alone; going
 * back to the paged list of every resource of the region would make the cost grow with the region
 * again, which is what reading by id avoids.
 */
final class IdBatches {

    private IdBatches() {
    }

    /**
     * What the calls answered for {@code ids}, in batches of at most {@code batchSize}.
     *
     * @param call asks AWS about one batch of ids
     * @param items takes the resources out of an answer
     * @param gone the error codes with which the call says that (one of) its ids no longer exist
     */
    static <R, T> List<T> describe(ReadContext ctx, String operation, Collection<String> ids, int batchSize,
                                   Set<String> gone, Function<List<String>, CompletableFuture<R>> call,
                                   Function<R, List<T>> items) {
        List<String> all = List.copyOf(ids);
        List<CompletableFuture<List<T>>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += batchSize) {
            batches.add(batch(ctx, operation, all.subList(from, Math.min(all.size(), from + batchSize)),
                    gone, call, items));
        }
        List<T> found = new ArrayList<>();
        batches.forEach(batch -> found.addAll(AwsCalls.join(batch)));
        return found;
    }

    private static <R, T> CompletableFuture<List<T>> batch(ReadContext ctx, String operation, List<String> ids,
                                                         Set<String> gone,
                                                         Function<List<String>, CompletableFuture<R>> call,
                                                         Function<R, List<T>> items) {
        return AwsCalls.readAsync(ctx, operation, () -> call.apply(ids)).handle((answer, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(items.apply(answer));
            }
            if (!AwsCalls.hasErrorCode(failure, gone)) {
                return CompletableFuture.<List<T>>failedFuture(AwsCalls.unwrap(failure));
            }
            if (ids.size() == 1) {
                return CompletableFuture.completedFuture(List.<T>of());
            }
            int middle = ids.size() / 2;
            return batch(ctx, operation, ids.subList(0, middle), gone, call, items)
                    .thenCombine(batch(ctx, operation, ids.subList(middle, ids.size()), gone, call, items),
                            IdBatches::both);
        }).thenCompose(next -> next);
    }

    private static <T> List<T> both(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
