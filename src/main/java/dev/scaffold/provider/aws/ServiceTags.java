package dev.scaffold.provider.aws;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One AWS service's tag calls, behind one interface: a small adapter per service (ELBv2's
 * DescribeTags and AddTags, EC2's CreateTags, …). Tags set when a resource is created go into its
 * create request, which differs for every type, so they are not here.
 */
public interface ServiceTags {

    /** Makes one resource's tag changes: sets those to set, then removes those to remove. */
    CompletableFuture<Void> update(ApplyContext ctx, String id, TagChanges changes);

    /**
     * The tags of each of {@code ids}, by id, in as few calls as the service allows; an id gone
     * meanwhile is left out. Only services whose describes answer without the tags need it.
     *
     * @param calls runs each call: a refresh's gate, or an apply's
     */
    default CompletableFuture<Map<String, Map<String, String>>> read(ApiCalls calls, Collection<String> ids) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + ": this service's describes answer with the tags");
    }

    /**
     * The tags of each of {@code ids} for a service that reads one resource's tags per call (KMS, CloudWatch
     * Logs): one {@code operation} per id, in parallel; an id whose call answers one of the {@code gone} codes
     * is left out.
     */
    static CompletableFuture<Map<String, Map<String, String>>> eachAlone(
            ApiCalls calls, String operation, Collection<String> ids, Set<String> gone,
            Function<String, CompletableFuture<Map<String, String>>> read) {
        return IdBatches.describe(calls, operation, ids, 1, gone, one -> read.apply(one.get(0))
                        .thenApply(tags -> List.of(Map.entry(one.get(0), tags))))
                .thenApply(each -> each.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** The tags of one resource, as an apply reads them; none when it is gone. */
    default CompletableFuture<Map<String, String>> readOne(ApplyContext ctx, String id) {
        return read(ApplyCalls.of(ctx), List.of(id))
                .thenApply(tags -> tags.getOrDefault(id, Map.of()));
    }

    /**
     * What a create that met "already exists" may go on with: the first of {@code found} (what a describe
     * by name found), with its tags read, or empty when the describe found none.
     */
    default <T> CompletableFuture<Optional<Tagged<T>>> first(ApplyContext ctx, List<T> found, Function<T, String> idOf) {
        return found.stream().findFirst()
                .map(resource -> readOne(ctx, idOf.apply(resource))
                        .thenApply(tags -> Optional.of(new Tagged<>(resource, tags))))
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    }
}
