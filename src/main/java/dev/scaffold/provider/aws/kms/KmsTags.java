package dev.scaffold.provider.aws.kms;

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
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * KMS's tags: set in CreateKey; read apart from the key, one ListResourceTags per key (KMS has no batched
 * form), the calls in parallel; changed with TagResource and UntagResource.
 */
final class KmsTags implements ServiceTags {

    /** How KMS says that a key is gone. */
    static final Set<String> GONE = Set.of("NotFoundException");
    /** The most tags a key can carry, and the most one page holds: one page holds them all. */
    private static final int ALL_TAGS = 50;

    private final AwsClients aws;

    KmsTags(AwsClients aws) {
        this.aws = aws;
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return SdkTags.toList(tags, (key, value) -> Tag.builder().tagKey(key).tagValue(value).build());
    }

    @Override
    public CompletableFuture<Map<String, Map<String, String>>> read(ApiCalls calls, Collection<String> keyIds) {
        return ServiceTags.eachAlone(calls, "ListResourceTags", keyIds, GONE, keyId -> KmsClient.of(aws)
                .listResourceTags(r -> r.keyId(keyId).limit(ALL_TAGS))
                .thenApply(answer -> SdkTags.toMap(answer.tags(), Tag::tagKey, Tag::tagValue)));
    }

    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String keyId, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, "TagResource", () -> KmsClient.of(aws).tagResource(r -> r
                        .keyId(keyId).tags(toSdk(toSet)))),
                toRemove -> ApplyCalls.call(ctx, "UntagResource", () -> KmsClient.of(aws).untagResource(r -> r
                        .keyId(keyId).tagKeys(toRemove))));
    }
}
