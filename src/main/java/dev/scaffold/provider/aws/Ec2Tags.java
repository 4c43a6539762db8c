package dev.scaffold.provider.aws;

import dev.scaffold.provider.ApplyContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** EC2's form of tags: conversions, tags set on create, and in-place tag updates. */
final class Ec2Tags {

    private Ec2Tags() {
    }

    static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> map = new TreeMap<>();
        for (Tag tag : tags) {
            map.put(tag.key(), tag.value());
        }
        return map;
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        List<Tag> sdk = new ArrayList<>();
        tags.forEach((key, value) -> sdk.add(Tag.builder().key(key).value(value).build()));
        return sdk;
    }

    /** Tags a resource in the call that creates it, so a crash right after leaves a findable orphan. */
    static TagSpecification onCreate(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type).tags(toSdk(tags)).build();
    }

    /** Makes one resource's tag changes. */
    static CompletableFuture<Void> update(Ec2AsyncClient ec2, ApplyContext ctx, String resourceId, TagChanges changes) {
        return changes.apply(
                toSet -> AwsCalls.apply(ctx, "CreateTags", () -> ec2.createTags(r -> r
                        .resources(resourceId).tags(toSdk(toSet)))),
                toRemove -> AwsCalls.apply(ctx, "DeleteTags", () -> ec2.deleteTags(r -> r
                        .resources(resourceId)
                        .tags(toRemove.stream().map(key -> Tag.builder().key(key).build()).toList()))));
    }
}
