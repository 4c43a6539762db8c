package dev.scaffold.provider.aws.wafv2;

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
import software.amazon.awssdk.services.wafv2.model.Tag;

/**
 * WAFv2's tags: set in the create call; read with ListTagsForResource, one resource per call (WAFv2 has no
 * batched form; a resource holds at most 50 tags, one page); changed with TagResource and UntagResource.
 */
final class WafTags implements ServiceTags {

    static final Set<String> GONE = Set.of("WAFNonexistentItemException");

    private final AwsClients aws;

    WafTags(AwsClients aws) {
        this.aws = aws;
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return SdkTags.toList(tags, (key, value) -> Tag.builder().key(key).value(value).build());
    }

    @Override
    public CompletableFuture<Map<String, Map<String, String>>> read(ApiCalls calls, Collection<String> arns) {
        return ServiceTags.oneByOne(calls, "ListTagsForResource", arns, GONE, arn -> WafClient.of(aws)
                .listTagsForResource(r -> r.resourceARN(arn))
                .thenApply(answer -> SdkTags.toMap(answer.tagInfoForResource().tagList(), Tag::key, Tag::value)));
    }

    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String arn, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, "TagResource", () -> WafClient.of(aws).tagResource(r -> r
                        .resourceARN(arn).tags(toSdk(toSet)))),
                toRemove -> ApplyCalls.call(ctx, "UntagResource", () -> WafClient.of(aws).untagResource(r -> r
                        .resourceARN(arn).tagKeys(toRemove))));
    }
}
