package dev.scaffold.provider.aws.autoscaling;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.ByNameReader;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.Found;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.ReadCalls;
import dev.scaffold.schema.AutoScalingTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.autoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;

/**
 * A target-tracking scaling policy of an Auto Scaling group ({@link AutoScalingTypes#SCALING_POLICY}).
 *
 * <p>Attributes: {@code groupName}, {@code name}, {@code metric} ({@code ASGAverageCPUUtilization} or
 * {@code ALBRequestCountPerTarget}), {@code targetValue}, and for the request metric {@code loadBalancerArn} and
 * {@code targetGroupArn}, from which the metric's resource label ({@code app/LB/ID/targetgroup/TG/ID}) is made.
 * Refs name {@code arn}.
 *
 * <p>PutScalingPolicy creates and updates alike, so it is safe to repeat. A policy cannot carry tags and the tagging
 * read never returns it: it is found through its group, known ones and desired ones alike, one DescribePolicies per
 * group; it is this state's when its group is.
 */
public final class ScalingPolicyHandler implements ResourceHandler {

    private static final String TARGET_TRACKING = "TargetTrackingScaling";
    private static final String PER_TARGET = "ALBRequestCountPerTarget";
    private static final String LOAD_BALANCER = ":loadbalancer/";
    /** How many policies one page of DescribePolicies holds at most. */
    private static final int PAGE = 100;
    private static final List<String> PUT = List.of("metric", "targetValue", "loadBalancerArn", "targetGroupArn");

    /** What names a policy: its group and its own name. */
    private record Named(String group, String name) {
        static Named of(ScalingPolicy policy) {
            return new Named(policy.autoScalingGroupName(), policy.policyName());
        }
    }

    private final AwsClients aws;

    public ScalingPolicyHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceType schema() {
        return AutoScalingTypes.SCALING_POLICY;
    }

    /**
     * Reads the policies of the groups that the state's policies name and that the desired ones' groups (as the
     * group read found them) have: one DescribePolicies per group, in parallel. Known ones are matched by ARN, the
     * desired ones not found so by name; none is looked for without a group to look in.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        GroupPolicies policies = new GroupPolicies(ReadCalls.of(ctx));
        known.forEach(policy -> policies.of((String) policy.attributes().get("groupName")));
        List<Found<ScalingPolicy>> found = new ArrayList<>();
        for (ResourceState policy : known) {
            ReadCalls.join(policies.of((String) policy.attributes().get("groupName"))).stream()
                    .filter(described -> described.policyARN().equals(policy.physicalId())).findFirst()
                    .ifPresent(described -> found.add(new Found<>(policy.address(), described, Map.of())));
        }
        found.addAll(ByNameReader.ownedThrough("groupName", List.of("groupName", "name"),
                named -> new Named(named.string("groupName"), named.string("name")), Named::of,
                (calls, names) -> policies.named(names)).read(desired, found, ctx));
        return found.stream().map(f -> f.observed(schema().name(), f.resource().policyARN(), f.resource().policyARN(),
                attributes(f.resource()))).toList();
    }

    /** Puts the policy; the ARN is AWS's answer, or read back where the answer leaves it out. */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        CompletableFuture<String> made = put(ctx, desired).thenCompose(put -> put.policyARN() != null
                ? CompletableFuture.completedFuture(put.policyARN()) : arnOf(ctx, desired));
        return Creation.of(ctx, spec, "PutScalingPolicy", made)
                .recorded(arn -> written(spec, arn))
                .thenApply(arn -> written(spec, arn));
    }

    /** Puts the policy again when its metric or target changes. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        CompletableFuture<?> put = new Planned(changes).changesAny(PUT) ? put(ctx, Attributes.of(spec)) : ApplyCalls.none();
        return put.thenApply(ignored -> written(spec, current.arn()));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        return ApplyCalls.call(ctx, "DeletePolicy", () -> AutoScalingClient.of(aws).deletePolicy(r -> r
                        .autoScalingGroupName((String) current.attributes().get("groupName"))
                        .policyName((String) current.attributes().get("name"))))
                .handle((deleted, failure) -> failure == null || AutoScalingClient.notFound(failure) ? ApplyCalls.<Void>none()
                        : CompletableFuture.<Void>failedFuture(failure))
                .thenCompose(outcome -> outcome);
    }

    private CompletableFuture<PutScalingPolicyResponse> put(ApplyContext ctx, Attributes desired) {
        String metric = desired.string("metric");
        String label = PER_TARGET.equals(metric)
                ? resourceLabel(desired.string("loadBalancerArn"), desired.string("targetGroupArn")) : null;
        return ApplyCalls.call(ctx, "PutScalingPolicy", () -> AutoScalingClient.of(aws).putScalingPolicy(r -> r
                .autoScalingGroupName(desired.string("groupName")).policyName(desired.string("name"))
                .policyType(TARGET_TRACKING)
                .targetTrackingConfiguration(c -> c.targetValue(((Number) desired.values().get("targetValue"))
                        .doubleValue()).predefinedMetricSpecification(m -> m.predefinedMetricType(metric)
                        .resourceLabel(label)))));
    }

    /** The ARN of a policy just put, read back: for an answer that leaves it out. */
    private CompletableFuture<String> arnOf(ApplyContext ctx, Attributes desired) {
        String group = desired.string("groupName");
        String name = desired.string("name");
        return ApplyCalls.call(ctx, "DescribePolicies", () -> AutoScalingClient.of(aws).describePolicies(r -> r
                        .autoScalingGroupName(group).policyNames(name)))
                .thenApply(read -> read.scalingPolicies().stream().findFirst().map(ScalingPolicy::policyARN)
                        .orElseThrow(() -> new HandlerException(ctx.address(), "DescribePolicies", null, "the scaling"
                                + " policy " + name + " of " + group + " was put, but describing it found none; run again",
                                null)));
    }

    /** The policies of the groups one read asks about: each group described once, page by page. */
    private final class GroupPolicies {

        private final ApiCalls calls;
        private final Map<String, CompletableFuture<List<ScalingPolicy>>> byGroup = new ConcurrentHashMap<>();

        GroupPolicies(ApiCalls calls) {
            this.calls = calls;
        }

        /** Every policy of the group; none of a group that does not exist (or is not named). */
        CompletableFuture<List<ScalingPolicy>> of(String group) {
            return group == null ? CompletableFuture.completedFuture(List.of())
                    : byGroup.computeIfAbsent(group, first -> page(group, null));
        }

        /** The policies of these names in their groups. */
        CompletableFuture<List<ScalingPolicy>> named(Set<Named> names) {
            List<CompletableFuture<List<ScalingPolicy>>> groups = names.stream().map(named -> of(named.group()))
                    .distinct().toList();
            return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).thenApply(done -> groups.stream()
                    .flatMap(group -> group.join().stream()).filter(policy -> names.contains(Named.of(policy))).toList());
        }

        private CompletableFuture<List<ScalingPolicy>> page(String group, String token) {
            return calls.call("DescribePolicies", () -> AutoScalingClient.of(aws).describePolicies(r -> r
                            .autoScalingGroupName(group).maxRecords(PAGE).nextToken(token)))
                    .thenCompose(answer -> answer.nextToken() == null
                            ? CompletableFuture.completedFuture(answer.scalingPolicies())
                            : page(group, answer.nextToken()).thenApply(rest -> {
                                List<ScalingPolicy> all = new ArrayList<>(answer.scalingPolicies());
                                all.addAll(rest);
                                return all;
                            }))
                    .exceptionallyCompose(failure -> AutoScalingClient.notFound(failure)
                            ? CompletableFuture.completedFuture(List.of()) : CompletableFuture.failedFuture(failure));
        }
    }

    private static Map<String, Object> attributes(ScalingPolicy policy) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("groupName", policy.autoScalingGroupName());
        attributes.put("name", policy.policyName());
        PredefinedMetricSpecification metric = policy.targetTrackingConfiguration() == null ? null
                : policy.targetTrackingConfiguration().predefinedMetricSpecification();
        attributes.put("metric", metric == null ? null : metric.predefinedMetricTypeAsString());
        String label = metric == null ? null : metric.resourceLabel();
        if (label != null && label.contains("/targetgroup/")) {
            // The label names both by their ARNs' last parts; the ARNs' beginnings are the policy's own.
            String[] arn = policy.policyARN().split(":", 6);
            String prefix = arn[0] + ":" + arn[1] + ":elasticloadbalancing:" + arn[3] + ":" + arn[4];
            int split = label.indexOf("/targetgroup/");
            attributes.put("loadBalancerArn", prefix + LOAD_BALANCER + label.substring(0, split));
            attributes.put("targetGroupArn", prefix + ":" + label.substring(split + 1));
        }
        attributes.put("targetValue", policy.targetTrackingConfiguration() == null ? null
                : policy.targetTrackingConfiguration().targetValue());
        return attributes;
    }

    /** The request metric's name for a target group behind its load balancer: {@code app/LB/ID/targetgroup/TG/ID}. */
    private static String resourceLabel(String loadBalancerArn, String targetGroupArn) {
        return loadBalancerArn.substring(loadBalancerArn.indexOf(LOAD_BALANCER) + LOAD_BALANCER.length()) + "/"
                + targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1);
    }

    private static Observed written(ResourceSpec spec, String arn) {
        return new Observed(spec.address(), AutoScalingTypes.SCALING_POLICY.name(), arn, arn, spec.attributes(), Map.of());
    }
}
