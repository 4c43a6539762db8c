package dev.scaffold.provider.aws;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.core.async.SdkPublisher;

/** Everything a paged describe answers, on every page its answers name, gathered into one list. */
public final class AnsweredPages {

    private AnsweredPages() {
    }

    /** Every item of every page, in the order answered. */
    public static <T> CompletableFuture<List<T>> all(SdkPublisher<T> items) {
        List<T> answered = new CopyOnWriteArrayList<>();
        return items.subscribe(answered::add).thenApply(done -> List.copyOf(answered));
    }

    /**
     * The items whose id is one of {@code asked}, in the order answered: a describe by name or id may answer more
     * than it was asked (a filter that matches by prefix, an unfiltered describe of every resource).
     */
    public static <T> CompletableFuture<List<T>> only(SdkPublisher<T> items, Function<T, String> idOf,
                                                      Collection<String> asked) {
        Set<String> wanted = Set.copyOf(asked);
        return all(items.filter(item -> wanted.contains(idOf.apply(item))));
    }
}
