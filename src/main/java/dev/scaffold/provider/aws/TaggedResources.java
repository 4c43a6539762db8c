package dev.scaffold.provider.aws;

import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.schema.StackTags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiAsyncClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/**
 * Every resource tagged with the stack and environment, each ARN with all its tags, as the Resource
 * Groups Tagging API finds them across services. One refresh reads it once, page by page, and each
 * handler picks its own type from it: that is how a refresh finds the stack's resources (orphans
 * included) at a cost that grows with the stack, not with the region.
 *
 * <p>It is not the whole truth, so handlers also read the ids the state knows: a resource whose
 * stack tags were removed is not here, and the API is eventually consistent (a resource tagged
 * moments ago may be missing, one deleted moments ago may still be listed).
 *
 * @param tagsByArn the tags of each resource found, by ARN
 */
public record TaggedResources(Map<String, Map<String, String>> tagsByArn) {

    /** The most resources one GetResources page may hold. */
    static final int PAGE_SIZE = 100;

    public static final SharedReads.Key<TaggedResources> KEY = new SharedReads.Key<>("resources tagged with the stack");

    public TaggedResources {
        tagsByArn = Map.copyOf(tagsByArn);
    }

    /**
     * The stack's tagged resources, read by the first handler of the refresh that asks: one
     * GetResources per page of {@value #PAGE_SIZE}, filtered by the stack and environment tags.
     */
    public static TaggedResources read(ResourceGroupsTaggingApiAsyncClient tagging, ReadContext ctx) {
        return ctx.shared().get(KEY, () -> {
            List<TagFilter> filters = List.of(
                    TagFilter.builder().key(StackTags.STACK).values(ctx.stack()).build(),
                    TagFilter.builder().key(StackTags.ENVIRONMENT).values(ctx.environment()).build());
            List<ResourceTagMapping> found = ReadCalls.pages(ctx, "GetResources",
                    token -> tagging.getResources(r -> r.tagFilters(filters).resourcesPerPage(PAGE_SIZE)
                            .paginationToken(token)),
                    GetResourcesResponse::resourceTagMappingList, GetResourcesResponse::paginationToken);
            Map<String, Map<String, String>> tags = new LinkedHashMap<>();
            found.forEach(resource -> tags.put(resource.resourceARN(), toMap(resource.tags())));
            return new TaggedResources(tags);
        });
    }

    /** The tagged resources of one type, each ARN with its tags, sorted by ARN. */
    public Map<String, Map<String, String>> of(ArnType type) {
        Map<String, Map<String, String>> ofType = new TreeMap<>();
        tagsByArn.forEach((arn, tags) -> {
            if (type.names(arn)) {
                ofType.put(arn, tags);
            }
        });
        return ofType;
    }

    private static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> map = new TreeMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }
}
