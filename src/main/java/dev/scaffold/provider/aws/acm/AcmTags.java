package dev.scaffold.provider.aws.acm;

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
import software.amazon.awssdk.services.acm.model.Tag;

/**
 * ACM's tags: set in the request; read with ListTagsForCertificate, one certificate per call (ACM has no batched
 * form); changed with AddTagsToCertificate and RemoveTagsFromCertificate.
 */
final class AcmTags implements ServiceTags {

    static final Set<String> GONE = Set.of("ResourceNotFoundException");

    private final AwsClients aws;

    AcmTags(AwsClients aws) {
        this.aws = aws;
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return SdkTags.toList(tags, (key, value) -> Tag.builder().key(key).value(value).build());
    }

    @Override
    public CompletableFuture<Map<String, Map<String, String>>> read(ApiCalls calls, Collection<String> arns) {
        return ServiceTags.oneByOne(calls, "ListTagsForCertificate", arns, GONE, arn -> AcmClient.of(aws)
                .listTagsForCertificate(r -> r.certificateArn(arn))
                .thenApply(answer -> SdkTags.toMap(answer.tags(), Tag::key, Tag::value)));
    }

    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String arn, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, "AddTagsToCertificate", () -> AcmClient.of(aws)
                        .addTagsToCertificate(r -> r.certificateArn(arn).tags(toSdk(toSet)))),
                toRemove -> ApplyCalls.call(ctx, "RemoveTagsFromCertificate", () -> AcmClient.of(aws)
                        .removeTagsFromCertificate(r -> r.certificateArn(arn)
                                .tags(toRemove.stream().map(key -> Tag.builder().key(key).build()).toList()))));
    }
}
