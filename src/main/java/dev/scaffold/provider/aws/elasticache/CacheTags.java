package dev.scaffold.provider.aws.elasticache;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.SdkTags;
import dev.scaffold.provider.aws.ServiceTags;
import dev.scaffold.provider.aws.TagChanges;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticache.model.Tag;

/**
 * ElastiCache's tags: set in the create call; read apart from the resources, one ListTagsForResource per resource
 * (ElastiCache has no batched form), the calls in parallel; changed with AddTagsToResource and
 * RemoveTagsFromResource. Those calls take ARNs, where scaffold knows a subnet or replication group by its name.
 */
final class CacheTags implements ServiceTags {

    private final AwsClients aws;
    private final Set<String> gone;
    private final Function<String, String> arnOfName;

    /**
     * @param gone how ListTagsForResource says the resource is gone
     * @param arnOfName the ARN of a resource the handler has described, by its name
     */
    CacheTags(AwsClients aws, Set<String> gone, Function<String, String> arnOfName) {
        this.aws = aws;
        this.gone = Set.copyOf(gone);
        this.arnOfName = arnOfName;
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return SdkTags.toList(tags, (key, value) -> Tag.builder().key(key).value(value).build());
    }

    @Override
    public CompletableFuture<Map<String, Map<String, String>>> read(ApiCalls calls, Collection<String> names) {
        return ServiceTags.eachAlone(calls, "ListTagsForResource", names, gone, name -> CacheClient.of(aws)
                .listTagsForResource(r -> r.resourceName(arnOfName.apply(name)))
                .thenApply(answer -> SdkTags.toMap(answer.tagList(), Tag::key, Tag::value)));
    }

    /** Changes the tags of the resource of this ARN. */
    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String arn, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, "AddTagsToResource", () -> CacheClient.of(aws).addTagsToResource(r -> r
                        .resourceName(arn).tags(toSdk(toSet)))),
                toRemove -> ApplyCalls.call(ctx, "RemoveTagsFromResource", () -> CacheClient.of(aws)
                        .removeTagsFromResource(r -> r.resourceName(arn).tagKeys(toRemove))));
    }
}
