package dev.scaffold.provider.aws.iam;

import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.SdkTags;
import dev.scaffold.provider.aws.ServiceTags;
import dev.scaffold.provider.aws.TagChanges;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * IAM's tags: they come with GetRole and GetInstanceProfile, are set in the create call, and change with
 * each kind's own calls (TagRole and UntagRole, TagInstanceProfile and UntagInstanceProfile), by name.
 */
final class IamTags implements ServiceTags {

    private final String tagOperation;
    private final BiFunction<String, List<Tag>, CompletableFuture<?>> tag;
    private final String untagOperation;
    private final BiFunction<String, Collection<String>, CompletableFuture<?>> untag;

    private IamTags(String tagOperation, BiFunction<String, List<Tag>, CompletableFuture<?>> tag,
                    String untagOperation, BiFunction<String, Collection<String>, CompletableFuture<?>> untag) {
        this.tagOperation = tagOperation;
        this.tag = tag;
        this.untagOperation = untagOperation;
        this.untag = untag;
    }

    static IamTags ofRoles(AwsClients aws) {
        return new IamTags("TagRole", (name, tags) -> IamClient.of(aws).tagRole(r -> r.roleName(name).tags(tags)),
                "UntagRole", (name, keys) -> IamClient.of(aws).untagRole(r -> r.roleName(name).tagKeys(keys)));
    }

    static IamTags ofInstanceProfiles(AwsClients aws) {
        return new IamTags("TagInstanceProfile", (name, tags) -> IamClient.of(aws)
                .tagInstanceProfile(r -> r.instanceProfileName(name).tags(tags)),
                "UntagInstanceProfile", (name, keys) -> IamClient.of(aws)
                        .untagInstanceProfile(r -> r.instanceProfileName(name).tagKeys(keys)));
    }

    static Map<String, String> toMap(List<Tag> tags) {
        return SdkTags.toMap(tags, Tag::key, Tag::value);
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return SdkTags.toList(tags, (key, value) -> Tag.builder().key(key).value(value).build());
    }

    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String name, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, tagOperation, () -> tag.apply(name, toSdk(toSet))),
                toRemove -> ApplyCalls.call(ctx, untagOperation, () -> untag.apply(name, toRemove)));
    }
}
