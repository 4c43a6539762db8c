package dev.scaffold.provider.aws;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The tags of a service that reads them one resource per call (ACM, WAFv2: neither has a batched form), the calls
 * of a read in parallel, and sets and removes them with a call each: declared by those three calls.
 */
public final class TagsOneByOne implements ServiceTags {

    private final String readOperation;
    private final Set<String> gone;
    private final Function<String, CompletableFuture<Map<String, String>>> read;
    private String setOperation;
    private BiFunction<String, Map<String, String>, CompletableFuture<?>> set;
    private String removeOperation;
    private BiFunction<String, Set<String>, CompletableFuture<?>> remove;

    private TagsOneByOne(String readOperation, Set<String> gone,
                         Function<String, CompletableFuture<Map<String, String>>> read) {
        this.readOperation = readOperation;
        this.gone = Set.copyOf(gone);
        this.read = read;
    }

    /**
     * Tags read with {@code read}, by id.
     *
     * @param gone the error codes with which the read says the resource is gone
     */
    public static TagsOneByOne readBy(String operation, Set<String> gone,
                                      Function<String, CompletableFuture<Map<String, String>>> read) {
        return new TagsOneByOne(operation, gone, read);
    }

    /** Tags set with {@code set}, given the id and the tags to set. */
    public TagsOneByOne setBy(String operation, BiFunction<String, Map<String, String>, CompletableFuture<?>> set) {
        this.setOperation = operation;
        this.set = set;
        return this;
    }

    /** Tags removed with {@code remove}, given the id and the keys to remove. */
    public TagsOneByOne removedBy(String operation, BiFunction<String, Set<String>, CompletableFuture<?>> remove) {
        this.removeOperation = operation;
        this.remove = remove;
        return this;
    }

    @Override
    public CompletableFuture<Map<String, Map<String, String>>> read(ApiCalls calls, Collection<String> ids) {
        return ServiceTags.eachAlone(calls, readOperation, ids, gone, read);
    }

    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String id, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, setOperation, () -> set.apply(id, toSet)),
                toRemove -> ApplyCalls.call(ctx, removeOperation, () -> remove.apply(id, toRemove)));
    }
}
