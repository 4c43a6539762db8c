package dev.scaffold.provider.aws;

import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/**
 * ELBv2's form of tags. A read takes them from the stack's tagging read ({@link TaggedResources});
 * for resources that read did not return (a known resource whose stack tags were removed, a type the
 * tagging API does not return), it asks DescribeTags, 20 ARNs per call (the API's limit), the calls
 * in parallel.
 */
final class ElbTags {

    /** The most ARNs one DescribeTags call accepts. */
    static final int BATCH = 20;
    /** How DescribeTags says that one of its ARNs is gone. */
    private static final Set<String> GONE = Set.of("LoadBalancerNotFound", "TargetGroupNotFound", "ListenerNotFound");

    private ElbTags() {
    }

    /**
     * The tags of each of {@code arns}, by ARN: those {@code tagged} holds as it holds them, the others
     * described. An ARN gone meanwhile is left out.
     *
     * @param tagged tags already read, by ARN: the tagging read's
     */
    static Map<String, Map<String, String>> of(ElasticLoadBalancingV2AsyncClient elb, ReadContext ctx,
                                               Collection<String> arns, Map<String, Map<String, String>> tagged) {
        Map<String, Map<String, String>> tagsByArn = new HashMap<>();
        List<String> untagged = new ArrayList<>();
        for (String arn : arns) {
            if (tagged.containsKey(arn)) {
                tagsByArn.put(arn, tagged.get(arn));
            } else {
                untagged.add(arn);
            }
        }
        List<TagDescription> described = IdBatches.describe(ctx, "DescribeTags", untagged, BATCH, GONE,
                batch -> elb.describeTags(r -> r.resourceArns(batch)), DescribeTagsResponse::tagDescriptions);
        described.forEach(description -> tagsByArn.put(description.resourceArn(), toMap(description.tags())));
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

    /**
     * What a create that met "already exists" may go on with: {@code found} (the resource a describe
     * by name or port found), with its tags read, or empty when the describe found none.
     */
    static <T> CompletableFuture<Optional<AlreadyExists.Found<T>>> withTags(
            ElasticLoadBalancingV2AsyncClient elb, ApplyContext ctx, Optional<T> found, Function<T, String> arnOf) {
        return found
                .map(resource -> describeOne(elb, ctx, arnOf.apply(resource))
                        .thenApply(tags -> Optional.of(new AlreadyExists.Found<>(resource, tags))))
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
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
