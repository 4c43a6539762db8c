package dev.scaffold.provider.aws.rds;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * RDS's tags: set in the create call; read apart from subnet and parameter groups (whose descriptions lack
 * them) with ListTagsForResource, one call per resource (RDS has no batched form), the calls in parallel;
 * changed with AddTagsToResource and RemoveTagsFromResource. These calls take the resource's ARN, where
 * the state knows a group by its name: the handler's describes tell the ARN of each name ({@link #describedAs}),
 * and tags are only ever read for resources just described.
 */
final class RdsTags implements ServiceTags {

    /** How ListTagsForResource says that the resource is gone. */
    private static final Set<String> GONE = Set.of("DBSubnetGroupNotFoundFault", "DBParameterGroupNotFound",
            "DBInstanceNotFound");

    private final AwsClients aws;
    private final Map<String, String> arnsByName = new ConcurrentHashMap<>();

    RdsTags(AwsClients aws) {
        this.aws = aws;
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return SdkTags.toList(tags, (key, value) -> Tag.builder().key(key).value(value).build());
    }

    static Map<String, String> toMap(List<Tag> tags) {
        return SdkTags.toMap(tags, Tag::key, Tag::value);
    }

    /** Notes the ARN of a resource a describe found under its name, for the tag reads that follow. */
    <T> List<T> describedAs(List<T> found, Function<T, String> nameOf,
                            Function<T, String> arnOf) {
        found.forEach(resource -> arnsByName.put(nameOf.apply(resource), arnOf.apply(resource)));
        return found;
    }

    /** The tags of the named resources, described just before: one ListTagsForResource each. */
    @Override
    public CompletableFuture<Map<String, Map<String, String>>> read(ApiCalls calls, Collection<String> names) {
        return ServiceTags.eachAlone(calls, "ListTagsForResource", names, GONE, name -> RdsClient.of(aws)
                .listTagsForResource(r -> r.resourceName(arnsByName.getOrDefault(name, name)))
                .thenApply(answer -> toMap(answer.tagList())));
    }

    /** Changes the tags of the resource of this ARN. */
    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String arn, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, "AddTagsToResource", () -> RdsClient.of(aws).addTagsToResource(r -> r
                        .resourceName(arn).tags(toSdk(toSet)))),
                toRemove -> ApplyCalls.call(ctx, "RemoveTagsFromResource", () -> RdsClient.of(aws)
                        .removeTagsFromResource(r -> r.resourceName(arn).tagKeys(toRemove))));
    }
}
