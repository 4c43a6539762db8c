package dev.scaffold.provider.aws.rds;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Found;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.Tagged;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * How the RDS groups a database uses (subnet groups, parameter groups) are found: by their names, which are their
 * physical ids, one describe per name (RDS describes them by one name, or all of the region); their tags from the
 * tagging read, else one ListTagsForResource each ({@link RdsTags}); those the blueprint names that neither the state
 * nor the tagging read knows, by name as well.
 *
 * @param <T> the SDK's description of the group
 */
final class NamedGroups<T> {

    private final String operation;
    private final Set<String> gone;
    private final Function<String, CompletableFuture<List<T>>> describe;
    private final Function<T, String> nameOf;
    private final RdsTags tags;
    private final TaggedReader<T> reader;

    /**
     * @param arnType the groups' ARNs, e.g. {@code rds} and {@code subgrp:}
     * @param operation the describe, e.g. {@code DescribeDBSubnetGroups}
     * @param gone how it says that the group of the name does not exist
     * @param describe describes the group of one name
     */
    NamedGroups(AwsClients aws, ArnType arnType, String operation, Set<String> gone,
                Function<String, CompletableFuture<List<T>>> describe, Function<T, String> nameOf, Function<T, String> arnOf) {
        this.operation = operation;
        this.gone = Set.copyOf(gone);
        this.nameOf = nameOf;
        this.tags = new RdsTags(aws);
        this.describe = name -> describe.apply(name).thenApply(found -> tags.describedAs(found, nameOf, arnOf));
        this.reader = TaggedReader.of(aws, arnType, nameOf)
                .idFromArn(arn -> arn.substring(arn.lastIndexOf(':') + 1))
                .describedBy(operation, 1, gone, names -> this.describe.apply(names.get(0)))
                .tagsFrom(tags)
                .alsoByName(List.of("name"), named -> named.string("name"), nameOf, this::named)
                .build();
    }

    /** The groups of the stack and of the blueprint, as {@link TaggedReader#read} finds them. */
    List<Found<T>> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return reader.read(known, desired, ctx);
    }

    /** The group of this name with its tags, for a create that AWS answered "already exists"; empty if none. */
    CompletableFuture<Optional<Tagged<T>>> existing(ApplyContext ctx, String name) {
        return named(ApplyCalls.of(ctx), Set.of(name)).thenCompose(found -> tags.first(ctx, found, nameOf));
    }

    RdsTags tags() {
        return tags;
    }

    private CompletableFuture<List<T>> named(ApiCalls calls, Collection<String> names) {
        return IdBatches.describe(calls, operation, names, 1, gone, batch -> describe.apply(batch.get(0)));
    }
}
