package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.state.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiAsyncClient;

/**
 * A target group of an application load balancer ({@link Elbv2Types#TARGET_GROUP}).
 *
 * <p>Attributes: {@code name}, {@code protocol}, {@code port}, {@code vpcId}, {@code targetType},
 * {@code healthCheckPath}, {@code healthCheckIntervalSeconds}, {@code healthCheckTimeoutSeconds},
 * {@code healthyThresholdCount}, {@code unhealthyThresholdCount}, {@code healthCheckMatcher},
 * {@code loadBalancingAlgorithm} ({@code round_robin} | {@code least_outstanding_requests}),
 * {@code stickinessEnabled}, {@code stickinessType}. Refs name {@code arn}.
 */
public final class TargetGroupHandler implements ResourceHandler {

    private static final ElbAttributes ATTRIBUTES = ElbAttributes.of(
            new ElbAttributes.Attribute("loadBalancingAlgorithm", "load_balancing.algorithm.type", "round_robin"),
            new ElbAttributes.Attribute("stickinessEnabled", "stickiness.enabled", false),
            new ElbAttributes.Attribute("stickinessType", "stickiness.type", "lb_cookie"));
    private static final List<String> HEALTH_CHECK = List.of("healthCheckPath", "healthCheckIntervalSeconds",
            "healthCheckTimeoutSeconds", "healthyThresholdCount", "unhealthyThresholdCount", "healthCheckMatcher");
    /** Target groups as their ARNs name them. */
    static final TaggedResources.ArnType ARN_TYPE = new TaggedResources.ArnType("elasticloadbalancing", "targetgroup/");
    /** The most ARNs one DescribeTargetGroups call accepts. */
    private static final int BATCH = 20;
    private static final Set<String> GONE = Set.of("TargetGroupNotFound");
    private static final String DUPLICATE = "DuplicateTargetGroupName";

    private final ElasticLoadBalancingV2AsyncClient elb;
    private final ResourceGroupsTaggingApiAsyncClient tagging;

    public TargetGroupHandler(ElasticLoadBalancingV2AsyncClient elb, ResourceGroupsTaggingApiAsyncClient tagging) {
        this.elb = elb;
        this.tagging = tagging;
    }

    @Override
    public ResourceType schema() {
        return Elbv2Types.TARGET_GROUP;
    }

    /**
     * Reads the stack's target groups by ARN: those the Resource Groups Tagging API returns tagged with
     * the stack ({@link TaggedResources}, one paged GetResources per refresh, shared by every handler)
     * and those the state knows. One DescribeTargetGroups per 20 ARNs; DescribeTags (per 20) only for
     * known groups the tagging read did not return (their stack tags were removed); then, as ELBv2 has
     * no batched form of it, one DescribeTargetGroupAttributes per target group found, in parallel.
     * With nothing known and nothing tagged it makes no call of its own.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        StackResources stack = new StackResources(known, ctx);
        Map<String, Map<String, String>> tagged = TaggedResources.read(tagging, ctx).of(ARN_TYPE);
        List<TargetGroup> found = IdBatches.describe(ctx, "DescribeTargetGroups", stack.toDescribe(tagged.keySet()),
                BATCH, GONE, batch -> elb.describeTargetGroups(r -> r.targetGroupArns(batch)),
                DescribeTargetGroupsResponse::targetGroups);
        Map<String, Map<String, String>> tags =
                ElbTags.of(elb, ctx, found.stream().map(TargetGroup::targetGroupArn).toList(), tagged);
        Map<TargetGroup, CompletableFuture<DescribeTargetGroupAttributesResponse>> attributes = new LinkedHashMap<>();
        for (TargetGroup group : found) {
            String arn = group.targetGroupArn();
            if (tags.containsKey(arn) && stack.belongs(arn, tags.get(arn))) {
                attributes.put(group, AwsCalls.readAsync(ctx, "DescribeTargetGroupAttributes",
                        () -> elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn))));
            }
        }
        attributes.forEach((group, pending) -> {
            Map<String, String> groupTags = tags.get(group.targetGroupArn());
            AwsCalls.joinUnlessGone(pending, GONE).ifPresent(values -> stack.add(group.targetGroupArn(), groupTags,
                    address -> observe(address, group, values.attributes(), groupTags)));
        });
        return stack.result();
    }

    /**
     * Creates the group with its health check and tags, then sets its attributes. A create that meets
     * DuplicateTargetGroupName goes on with the group of that name if it carries this stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        return AwsCalls.apply(ctx, "CreateTargetGroup", () -> elb.createTargetGroup(r -> r
                        .name(name)
                        .protocol(ProtocolEnum.fromValue(desired.string("protocol")))
                        .port(desired.integer("port"))
                        .vpcId(desired.string("vpcId"))
                        .targetType(TargetTypeEnum.fromValue(desired.string("targetType")))
                        .healthCheckEnabled(true)
                        .healthCheckPath(desired.string("healthCheckPath"))
                        .healthCheckIntervalSeconds(desired.integer("healthCheckIntervalSeconds"))
                        .healthCheckTimeoutSeconds(desired.integer("healthCheckTimeoutSeconds"))
                        .healthyThresholdCount(desired.integer("healthyThresholdCount"))
                        .unhealthyThresholdCount(desired.integer("unhealthyThresholdCount"))
                        .matcher(m -> m.httpCode(desired.string("healthCheckMatcher")))
                        .tags(ElbTags.toSdk(spec.tags()))))
                .thenApply(created -> created.targetGroups().get(0).targetGroupArn())
                .exceptionallyCompose(failure -> AlreadyExists.recover(ctx, spec, "CreateTargetGroup", DUPLICATE,
                        "a target group named " + name, failure, () -> existing(ctx, name)))
                .thenCompose(arn -> {
                    Observed group = observed(spec, arn);
                    ctx.created(group);
                    return modifyAttributes(ctx, arn, desired, ATTRIBUTES.names()).thenApply(ignored -> group);
                });
    }

    /** The ARN and tags of the target group of that name, if there is one. */
    private CompletableFuture<Optional<AlreadyExists.Found<String>>> existing(ApplyContext ctx, String name) {
        return AwsCalls.unlessGone(AwsCalls.apply(ctx, "DescribeTargetGroups",
                        () -> elb.describeTargetGroups(r -> r.names(name))), GONE)
                .thenCompose(found -> ElbTags.withTags(elb, ctx, found.flatMap(response -> response.targetGroups().stream()
                        .findFirst().map(TargetGroup::targetGroupArn)), arn -> arn));
    }

    /** Makes the planned changes: the health check in one call, then the attributes, then the tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String arn = current.physicalId();
        Planned planned = new Planned(changes);
        Attributes desired = Attributes.of(spec);
        CompletableFuture<?> healthCheck = !planned.changesAny(HEALTH_CHECK)
                ? CompletableFuture.completedFuture(null)
                : AwsCalls.apply(ctx, "ModifyTargetGroup", () -> elb.modifyTargetGroup(r -> r
                        .targetGroupArn(arn)
                        .healthCheckPath(desired.string("healthCheckPath"))
                        .healthCheckIntervalSeconds(desired.integer("healthCheckIntervalSeconds"))
                        .healthCheckTimeoutSeconds(desired.integer("healthCheckTimeoutSeconds"))
                        .healthyThresholdCount(desired.integer("healthyThresholdCount"))
                        .unhealthyThresholdCount(desired.integer("unhealthyThresholdCount"))
                        .matcher(m -> m.httpCode(desired.string("healthCheckMatcher")))));
        return healthCheck
                .thenCompose(ignored -> modifyAttributes(ctx, arn, desired, planned.among(ATTRIBUTES.names())))
                .thenCompose(ignored -> ElbTags.update(elb, ctx, arn, planned.tags()))
                .thenApply(ignored -> observed(spec, arn));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String arn = current.physicalId();
        return AwsCalls.delete(ctx, "DeleteTargetGroup", GONE, () -> elb.deleteTargetGroup(r -> r.targetGroupArn(arn)));
    }

    private CompletableFuture<Void> modifyAttributes(ApplyContext ctx, String arn, Attributes desired,
                                                     Collection<String> names) {
        if (names.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<TargetGroupAttribute> attributes = ATTRIBUTES.toAws(desired, names,
                (key, value) -> TargetGroupAttribute.builder().key(key).value(value).build());
        return AwsCalls.apply(ctx, "ModifyTargetGroupAttributes", () -> elb.modifyTargetGroupAttributes(r -> r
                .targetGroupArn(arn).attributes(attributes))).thenApply(ignored -> null);
    }

    private static Observed observed(ResourceSpec spec, String arn) {
        Attributes desired = Attributes.of(spec);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", desired.string("name"));
        attributes.put("protocol", desired.string("protocol"));
        attributes.put("port", desired.integer("port"));
        attributes.put("vpcId", desired.string("vpcId"));
        attributes.put("targetType", desired.string("targetType"));
        attributes.put("healthCheckPath", desired.string("healthCheckPath"));
        attributes.put("healthCheckIntervalSeconds", desired.integer("healthCheckIntervalSeconds"));
        attributes.put("healthCheckTimeoutSeconds", desired.integer("healthCheckTimeoutSeconds"));
        attributes.put("healthyThresholdCount", desired.integer("healthyThresholdCount"));
        attributes.put("unhealthyThresholdCount", desired.integer("unhealthyThresholdCount"));
        attributes.put("healthCheckMatcher", desired.string("healthCheckMatcher"));
        attributes.put("loadBalancingAlgorithm", desired.string("loadBalancingAlgorithm"));
        attributes.put("stickinessEnabled", desired.bool("stickinessEnabled"));
        attributes.put("stickinessType", desired.string("stickinessType"));
        return new Observed(spec.address(), Elbv2Types.TARGET_GROUP.name(), arn, arn, attributes, spec.tags());
    }

    private static Observed observe(ResourceAddress address, TargetGroup group, List<TargetGroupAttribute> values,
                                    Map<String, String> tags) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", group.targetGroupName());
        attributes.put("protocol", group.protocolAsString());
        attributes.put("port", group.port());
        attributes.put("vpcId", group.vpcId());
        attributes.put("targetType", group.targetTypeAsString());
        attributes.put("healthCheckPath", group.healthCheckPath());
        attributes.put("healthCheckIntervalSeconds", group.healthCheckIntervalSeconds());
        attributes.put("healthCheckTimeoutSeconds", group.healthCheckTimeoutSeconds());
        attributes.put("healthyThresholdCount", group.healthyThresholdCount());
        attributes.put("unhealthyThresholdCount", group.unhealthyThresholdCount());
        attributes.put("healthCheckMatcher", group.matcher() == null ? null : group.matcher().httpCode());
        attributes.putAll(ATTRIBUTES.fromAws(values, TargetGroupAttribute::key, TargetGroupAttribute::value));
        return new Observed(address, Elbv2Types.TARGET_GROUP.name(), group.targetGroupArn(), group.targetGroupArn(), attributes, tags);
    }
}
