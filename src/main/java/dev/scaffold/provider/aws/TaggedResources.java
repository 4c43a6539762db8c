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
record TaggedResources(Map<String, Map<String, String>> tagsByArn) {

    /** The most resources one GetResources page may hold. */
    static final int PAGE_SIZE = 100;

    static final SharedReads.Key<TaggedResources> KEY = new SharedReads.Key<>("resources tagged with the stack");

    /**
     * A resource type as its ARNs name it, e.g. {@code elasticloadbalancing} and {@code targetgroup/}
     * for {@code arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-web/0123abcd}.
     *
     * @param service the ARN's service part
     * @param resourcePrefix how the ARN's resource part begins
     */
    record ArnType(String service, String resourcePrefix) {

        /** Whether an ARN names a resource of this type. */
        boolean names(String arn) {
            String[] parts = arn.split(":", 6);
            return parts.length == 6 && parts[2].equals(service) && parts[5].startsWith(resourcePrefix);
        }

        /** The id at the end of an ARN of this type, e.g. a security group's {@code sg-…}. */
        String lastPart(String arn) {
            return arn.substring(arn.lastIndexOf('/') + 1);
        }
    }

    TaggedResources {
        tagsByArn = Map.copyOf(tagsByArn);
    }

    /**
     * The stack's tagged resources, read by the first handler of the refresh that asks: one
     * GetResources per page of {@value #PAGE_SIZE}, filtered by the stack and environment tags.
     */
    static TaggedResources read(ResourceGroupsTaggingApiAsyncClient tagging, ReadContext ctx) {
        return ctx.shared().get(KEY, () -> {
            List<TagFilter> filters = List.of(
                    TagFilter.builder().key(StackTags.STACK).values(ctx.stack()).build(),
                    TagFilter.builder().key(StackTags.ENVIRONMENT).values(ctx.environment()).build());
            List<ResourceTagMapping> found = AwsCalls.readPages(ctx, "GetResources",
                    token -> tagging.getResources(r -> r.tagFilters(filters).resourcesPerPage(PAGE_SIZE)
                            .paginationToken(token)),
                    GetResourcesResponse::resourceTagMappingList, TaggedResources::nextPage);
            Map<String, Map<String, String>> tags = new LinkedHashMap<>();
            found.forEach(resource -> tags.put(resource.resourceARN(), toMap(resource.tags())));
            return new TaggedResources(tags);
        });
    }

    /** The tagged resources of one type, each ARN with its tags, sorted by ARN. */
    Map<String, Map<String, String>> of(ArnType type) {
        Map<String, Map<String, String>> ofType = new TreeMap<>();
        tagsByArn.forEach((arn, tags) -> {
            if (type.names(arn)) {
                ofType.put(arn, tags);
            }
        });
        return ofType;
    }

    // The last page answers an empty token, not none.
    private static String nextPage(GetResourcesResponse response) {
        String token = response.paginationToken();
        return token == null || token.isEmpty() ? null : token;
    }

    private static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> map = new TreeMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }
}
