package dev.scaffold.provider.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The tags to set and to remove to turn a resource's tags into the desired ones; tags AWS owns
 * ({@code aws:*}) are never removed.
 *
 * @param toSet tags that are missing or have another value
 * @param toRemove keys to remove
 */
public record TagChanges(Map<String, String> toSet, Set<String> toRemove) {

    public static TagChanges between(Map<String, String> current, Map<String, String> desired) {
        Map<String, String> toSet = new LinkedHashMap<>();
        desired.forEach((key, value) -> {
            if (!value.equals(current.get(key))) {
                toSet.put(key, value);
            }
        });
        Set<String> toRemove = new TreeSet<>();
        for (String key : current.keySet()) {
            if (!desired.containsKey(key) && !key.startsWith("aws:")) {
                toRemove.add(key);
            }
        }
        return new TagChanges(toSet, toRemove);
    }

    public boolean isEmpty() {
        return toSet.isEmpty() && toRemove.isEmpty();
    }

    /**
     * Makes the changes with a service's own tag calls: {@code set} with the tags to set, then
     * {@code remove} with the keys to remove, each only when it has something to do.
     */
    public CompletableFuture<Void> apply(Function<Map<String, String>, CompletableFuture<?>> set,
                                  Function<Set<String>, CompletableFuture<?>> remove) {
        CompletableFuture<?> setting = toSet.isEmpty() ? CompletableFuture.completedFuture(null) : set.apply(toSet);
        return setting.thenCompose(ignored -> toRemove.isEmpty()
                        ? CompletableFuture.completedFuture(null)
                        : remove.apply(toRemove))
                .thenApply(ignored -> null);
    }
}
