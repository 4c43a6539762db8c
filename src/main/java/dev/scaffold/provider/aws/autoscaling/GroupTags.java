package dev.scaffold.provider.aws.autoscaling;

import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.SdkTags;
import dev.scaffold.provider.aws.ServiceTags;
import dev.scaffold.provider.aws.TagChanges;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

/**
 * An Auto Scaling group's tags: they come with DescribeAutoScalingGroups, are set in the create call, and change
 * with CreateOrUpdateTags and DeleteTags. The group puts them on the instances it launches too, except scaffold's
 * own: an instance is not a resource of the stack, and the stack's tagging read would have to page through them all.
 */
final class GroupTags implements ServiceTags {

    private static final String GROUP = "auto-scaling-group";
    private static final String SCAFFOLDS = "scaffold:";

    private final AwsClients aws;

    GroupTags(AwsClients aws) {
        this.aws = aws;
    }

    static Map<String, String> toMap(List<TagDescription> tags) {
        return SdkTags.toMap(tags, TagDescription::key, TagDescription::value);
    }

    /** The group's tags as a create or CreateOrUpdateTags takes them. */
    static List<Tag> toSdk(String group, Map<String, String> tags) {
        return SdkTags.toList(tags, (key, value) -> Tag.builder().resourceId(group).resourceType(GROUP)
                .key(key).value(value).propagateAtLaunch(!key.startsWith(SCAFFOLDS)).build());
    }

    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String group, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, "CreateOrUpdateTags", () -> AutoScalingClient.of(aws)
                        .createOrUpdateTags(r -> r.tags(toSdk(group, toSet)))),
                toRemove -> ApplyCalls.call(ctx, "DeleteTags", () -> AutoScalingClient.of(aws).deleteTags(r -> r
                        .tags(toRemove.stream().map(key -> Tag.builder().resourceId(group).resourceType(GROUP)
                                .key(key).build()).toList()))));
    }
}
