package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
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

/**
 * A target group of an application load balancer. Name, protocol, port, VPC and target type are
 * fixed at creation; the health check and the attributes below change in place.
 *
 * <p>Attributes: {@code name}, {@code protocol}, {@code port}, {@code vpcId}, {@code targetType},
 * {@code healthCheckPath}, {@code healthCheckIntervalSeconds}, {@code healthCheckTimeoutSeconds},
 * {@code healthyThresholdCount}, {@code unhealthyThresholdCount}, {@code healthCheckMatcher},
 * {@code loadBalancingAlgorithm} ({@code round_robin} | {@code least_outstanding_requests}),
 * {@code stickinessEnabled}, {@code stickinessType}. Refs name {@code arn}.
 */
public final class TargetGroupHandler implements ResourceHandler {

    public static final String TYPE = "AWS::ElasticLoadBalancingV2::TargetGroup";

    private static final ElbAttributes ATTRIBUTES = ElbAttributes.of(
            new ElbAttributes.Attribute("loadBalancingAlgorithm", "load_balancing.algorithm.type", "round_robin"),
            new ElbAttributes.Attribute("stickinessEnabled", "stickiness.enabled", false),
            new ElbAttributes.Attribute("stickinessType", "stickiness.type", "lb_cookie"));
    private static final List<String> HEALTH_CHECK = List.of("healthCheckPath", "healthCheckIntervalSeconds",
            "healthCheckTimeoutSeconds", "healthyThresholdCount", "unhealthyThresholdCount", "healthCheckMatcher");
    private static final Set<String> GONE = Set.of("TargetGroupNotFound");
    private static final String DUPLICATE = "DuplicateTargetGroupName";

    private final ElasticLoadBalancingV2AsyncClient elb;

    public TargetGroupHandler(ElasticLoadBalancingV2AsyncClient elb) {
        this.elb = elb;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> replaceOn() {
        return Set.of("name", "protocol", "port", "vpcId", "targetType");
    }

    /**
     * A listener forwards to the group and ELB refuses to delete a group in use, so the new group is
     * made first. Its name ends with the targets' port ({@code ResourceNames.targetGroup}), so a new
     * port gives a new name beside the old; protocol and target type are fixed by the component.
     */
    @Override
    public boolean createBeforeDestroy() {
        return true;
    }

    /**
     * One DescribeTargetGroups per page and one DescribeTags per 20 groups; then, as ELBv2 has no
     * batched form of it, one DescribeTargetGroupAttributes per target group of the stack, in parallel.
     */
    @Override
    public Map<ResourceAddress, Observed> read(Collection<ResourceState> known, ReadContext ctx) {
        StackResources stack = new StackResources(known, ctx);
        List<TargetGroup> all = AwsCalls.readPages(ctx, "DescribeTargetGroups",
                marker -> elb.describeTargetGroups(r -> r.marker(marker).pageSize(400)),
                DescribeTargetGroupsResponse::targetGroups, DescribeTargetGroupsResponse::nextMarker);
        Map<String, Map<String, String>> tags =
                ElbTags.describe(elb, ctx, all.stream().map(TargetGroup::targetGroupArn).toList());
        Map<TargetGroup, CompletableFuture<DescribeTargetGroupAttributesResponse>> attributes = new LinkedHashMap<>();
        for (TargetGroup group : all) {
            String arn = group.targetGroupArn();
            if (stack.belongs(arn, tags.getOrDefault(arn, Map.of()))) {
                attributes.put(group, AwsCalls.readAsync(ctx, "DescribeTargetGroupAttributes",
                        () -> elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn))));
            }
        }
        attributes.forEach((group, pending) -> {
            Map<String, String> groupTags = tags.getOrDefault(group.targetGroupArn(), Map.of());
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
                    return AwsCalls.finishingCreate(group, modifyAttributes(ctx, arn, desired, ATTRIBUTES.names())
                            .thenApply(ignored -> group));
                });
    }

    /** The ARN and tags of the target group of that name, if there is one. */
    private CompletableFuture<Optional<AlreadyExists.Found<String>>> existing(ApplyContext ctx, String name) {
        return AwsCalls.unlessGone(AwsCalls.apply(ctx, "DescribeTargetGroups",
                        () -> elb.describeTargetGroups(r -> r.names(name))), GONE)
                .thenCompose(found -> found.flatMap(response -> response.targetGroups().stream().findFirst())
                        .map(group -> ElbTags.describeOne(elb, ctx, group.targetGroupArn())
                                .thenApply(tags -> Optional.of(new AlreadyExists.Found<>(group.targetGroupArn(), tags))))
                        .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty())));
    }

    /**
     * Reconciles with the target group as AWS holds it now (read with its attributes and tags, in
     * parallel), not as {@code current} remembers it, so changes made outside scaffold are undone too.
     */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, ApplyContext ctx) {
        String arn = current.physicalId();
        return live(ctx, current.address(), arn).thenCompose(live -> {
            Attributes desired = Attributes.of(spec);
            Attributes actual = Attributes.of(live);
            boolean healthCheckChanged = HEALTH_CHECK.stream().anyMatch(name -> desired.differsFrom(actual, name));
            CompletableFuture<?> healthCheck = !healthCheckChanged
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
                    .thenCompose(ignored -> modifyAttributes(ctx, arn, desired, ATTRIBUTES.changed(desired, actual)))
                    .thenCompose(ignored -> ElbTags.update(elb, ctx, arn, live.tags(), spec.tags()))
                    .thenApply(ignored -> observed(spec, arn));
        });
    }

    /** The target group as AWS holds it now: three reads in parallel. */
    private CompletableFuture<Observed> live(ApplyContext ctx, ResourceAddress address, String arn) {
        CompletableFuture<DescribeTargetGroupsResponse> group = AwsCalls.apply(ctx, "DescribeTargetGroups",
                () -> elb.describeTargetGroups(r -> r.targetGroupArns(arn)));
        CompletableFuture<DescribeTargetGroupAttributesResponse> attributes = AwsCalls.apply(ctx,
                "DescribeTargetGroupAttributes", () -> elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)));
        CompletableFuture<Map<String, String>> tags = ElbTags.describeOne(elb, ctx, arn);
        return CompletableFuture.allOf(group, attributes, tags).thenApply(ignored -> observe(address,
                group.join().targetGroups().get(0), attributes.join().attributes(), tags.join()));
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
        return new Observed(spec.address(), TYPE, arn, arn, attributes, spec.tags());
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
        return new Observed(address, TYPE, group.targetGroupArn(), group.targetGroupArn(), attributes, tags);
    }
}
