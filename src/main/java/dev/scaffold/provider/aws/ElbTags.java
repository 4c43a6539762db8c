package dev.scaffold.provider.aws;

import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/**
 * ELBv2's form of tags. ELBv2 describe calls cannot filter by tag, so a read fetches the tags of
 * all candidates with DescribeTags, 20 ARNs per call (the API's limit), the calls in parallel.
 */
final class ElbTags {

    /** The most ARNs one DescribeTags call accepts. */
    static final int BATCH = 20;

    private ElbTags() {
    }

    /** The tags of each ARN, by ARN. */
    static Map<String, Map<String, String>> describe(ElasticLoadBalancingV2AsyncClient elb, ReadContext ctx,
                                                     List<String> arns) {
        List<CompletableFuture<DescribeTagsResponse>> batches = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += BATCH) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + BATCH));
            batches.add(AwsCalls.readAsync(ctx, "DescribeTags", () -> elb.describeTags(r -> r.resourceArns(batch))));
        }
        Map<String, Map<String, String>> tagsByArn = new HashMap<>();
        for (CompletableFuture<DescribeTagsResponse> batch : batches) {
            for (TagDescription description : AwsCalls.join(batch).tagDescriptions()) {
                tagsByArn.put(description.resourceArn(), toMap(description.tags()));
            }
        }
        return tagsByArn;
    }

    /** The tags of one resource, as an apply reads them before changing it. */
    static CompletableFuture<Map<String, String>> describeOne(ElasticLoadBalancingV2AsyncClient elb, ApplyContext ctx,
                                                              String arn) {
        return AwsCalls.apply(ctx, "DescribeTags", () -> elb.describeTags(r -> r.resourceArns(arn)))
                .thenApply(response -> response.tagDescriptions().stream()
                        .filter(description -> arn.equals(description.resourceArn()))
                        .findFirst()
                        .map(description -> toMap(description.tags()))
                        .orElse(Map.of()));
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

    /** Makes one resource's tag changes. */
    static CompletableFuture<Void> update(ElasticLoadBalancingV2AsyncClient elb, ApplyContext ctx, String arn,
                                          TagChanges changes) {
        return changes.apply(
                toSet -> AwsCalls.apply(ctx, "AddTags", () -> elb.addTags(r -> r
                        .resourceArns(arn).tags(toSdk(toSet)))),
                toRemove -> AwsCalls.apply(ctx, "RemoveTags", () -> elb.removeTags(r -> r
                        .resourceArns(arn).tagKeys(toRemove))));
    }
}
