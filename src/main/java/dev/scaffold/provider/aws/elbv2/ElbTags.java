package dev.scaffold.provider.aws.elbv2;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.SdkTags;
import dev.scaffold.provider.aws.ServiceTags;
import dev.scaffold.provider.aws.TagChanges;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * ELBv2's tags: set in the create call; read apart from the resources with DescribeTags, 20 ARNs per
 * call (the API's limit), the calls in parallel; changed with AddTags and RemoveTags.
 */
final class ElbTags implements ServiceTags {

    /** The most ARNs one DescribeTags call accepts. */
    private static final int BATCH = 20;
    /** How DescribeTags says that one of its ARNs is gone. */
    private static final Set<String> GONE = Set.of("LoadBalancerNotFound", "TargetGroupNotFound", "ListenerNotFound");

    private final AwsClients aws;

    ElbTags(AwsClients aws) {
        this.aws = aws;
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return SdkTags.toList(tags, (key, value) -> Tag.builder().key(key).value(value).build());
    }

    @Override
    public CompletableFuture<Map<String, Map<String, String>>> read(ApiCalls calls, Collection<String> arns) {
        return IdBatches.describe(calls, "DescribeTags", arns, BATCH, GONE, batch -> ElbClient.of(aws)
                        .describeTags(r -> r.resourceArns(batch)).thenApply(response -> response.tagDescriptions()))
                .thenApply(described -> {
                    Map<String, Map<String, String>> tags = new HashMap<>();
                    described.forEach(d -> tags.put(d.resourceArn(), SdkTags.toMap(d.tags(), Tag::key, Tag::value)));
                    return tags;
                });
    }

    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String arn, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, "AddTags", () -> ElbClient.of(aws).addTags(r -> r
                        .resourceArns(arn).tags(toSdk(toSet)))),
                toRemove -> ApplyCalls.call(ctx, "RemoveTags", () -> ElbClient.of(aws).removeTags(r -> r
                        .resourceArns(arn).tagKeys(toRemove))));
    }
}
