package dev.scaffold.provider.aws.ec2;

import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.SdkTags;
import dev.scaffold.provider.aws.ServiceTags;
import dev.scaffold.provider.aws.TagChanges;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** EC2's tags: they come with every describe, are set in the create call, and change with CreateTags and DeleteTags. */
final class Ec2Tags implements ServiceTags {

    private final AwsClients aws;

    Ec2Tags(AwsClients aws) {
        this.aws = aws;
    }

    static Map<String, String> toMap(List<Tag> tags) {
        return SdkTags.toMap(tags, Tag::key, Tag::value);
    }

    /** Tags a resource in the call that creates it, so a crash right after leaves a findable orphan. */
    static TagSpecification onCreate(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type)
                .tags(SdkTags.toList(tags, (key, value) -> Tag.builder().key(key).value(value).build())).build();
    }

    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String id, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, "CreateTags", () -> Ec2Client.of(aws).createTags(r -> r
                        .resources(id).tags(SdkTags.toList(toSet, (key, value) -> Tag.builder().key(key).value(value).build())))),
                toRemove -> ApplyCalls.call(ctx, "DeleteTags", () -> Ec2Client.of(aws).deleteTags(r -> r
                        .resources(id).tags(toRemove.stream().map(key -> Tag.builder().key(key).build()).toList()))));
    }
}
