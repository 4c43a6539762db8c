package dev.scaffold.provider.aws.elbv2;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

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

    /** Target groups as their ARNs name them. */
    private static final ArnType ARN_TYPE = new ArnType("elasticloadbalancing", "targetgroup/");
    /** The most ARNs one DescribeTargetGroups call accepts. */
    private static final int BATCH = 20;
    private static final Set<String> GONE = Set.of("TargetGroupNotFound");
    private static final String DUPLICATE = "DuplicateTargetGroupName";

    private static final SdkAttributes<TargetGroup> ATTRIBUTES = SdkAttributes.describedAs(TargetGroup.builder())
            .writtenTo(CreateTargetGroupRequest.builder(), ModifyTargetGroupRequest.builder())
            .member("name", "TargetGroupName", "Name")
            .member("protocol", "Protocol")
            .member("port", "Port")
            .member("vpcId", "VpcId")
            .member("targetType", "TargetType")
            .member("healthCheckPath", "HealthCheckPath")
            .member("healthCheckIntervalSeconds", "HealthCheckIntervalSeconds")
            .member("healthCheckTimeoutSeconds", "HealthCheckTimeoutSeconds")
            .member("healthyThresholdCount", "HealthyThresholdCount")
            .member("unhealthyThresholdCount", "UnhealthyThresholdCount")
            .member("healthCheckMatcher", "Matcher.HttpCode")
            .build();
    private static final List<String> HEALTH_CHECK = List.of("healthCheckPath", "healthCheckIntervalSeconds",
            "healthCheckTimeoutSeconds", "healthyThresholdCount", "unhealthyThresholdCount", "healthCheckMatcher");
    private static final List<ElbAttributes.Attribute> SETTINGS = List.of(
            new ElbAttributes.Attribute("loadBalancingAlgorithm", "load_balancing.algorithm.type", "round_robin"),
            new ElbAttributes.Attribute("stickinessEnabled", "stickiness.enabled", false),
            new ElbAttributes.Attribute("stickinessType", "stickiness.type", "lb_cookie"));

    private final AwsClients aws;
    private final ElbTags tags;
    private final TaggedReader<TargetGroup> reader;
    private final ElbAttributes<TargetGroupAttribute> settings;

    public TargetGroupHandler(AwsClients aws) {
        this.aws = aws;
        this.tags = new ElbTags(aws);
        this.reader = TaggedReader.of(aws, ARN_TYPE, TargetGroup::targetGroupArn)
                .describedBy("DescribeTargetGroups", BATCH, GONE, arns -> ElbClient.of(aws)
                        .describeTargetGroups(r -> r.targetGroupArns(arns))
                        .thenApply(DescribeTargetGroupsResponse::targetGroups))
                .tagsFrom(tags)
                .alsoByName(List.of("name"), named -> named.string("name"), TargetGroup::targetGroupName, this::named)
                .build();
        this.settings = new ElbAttributes<TargetGroupAttribute>(SETTINGS, GONE)
                .readBy("DescribeTargetGroupAttributes", arn -> ElbClient.of(aws)
                                .describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).thenApply(r -> r.attributes()),
                        TargetGroupAttribute::key, TargetGroupAttribute::value)
                .writtenBy("ModifyTargetGroupAttributes", (key, value) -> TargetGroupAttribute.builder().key(key)
                        .value(value).build(), (arn, values) -> ElbClient.of(aws)
                        .modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(values)));
    }

    @Override
    public ResourceType schema() {
        return Elbv2Types.TARGET_GROUP;
    }

    /**
     * Reads the stack's target groups by ARN, one DescribeTargetGroups per 20, and those the blueprint names
     * but neither the state nor the tagging read knows, by name; then one DescribeTargetGroupAttributes per
     * group found, in parallel (ELBv2 has no batched form of it).
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return settings.observed(ctx, reader.read(known, desired, ctx), schema().name(), TargetGroup::targetGroupArn,
                ATTRIBUTES);
    }

    /**
     * Creates the group with its health check and tags, then sets its attributes. A create that meets
     * DuplicateTargetGroupName goes on with the group of that name if it carries this stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        return Creation.call(ctx, spec, "CreateTargetGroup", () -> ElbClient.of(aws).createTargetGroup(r ->
                                ATTRIBUTES.write(r, desired).healthCheckEnabled(true).tags(ElbTags.toSdk(spec.tags()))),
                        created -> created.targetGroups().get(0).targetGroupArn())
                .orExisting(DUPLICATE, "a target group named " + name, () -> named(
                        ApplyCalls.of(ctx), List.of(name))
                        .thenCompose(found -> tags.first(ctx, found.stream().map(TargetGroup::targetGroupArn).toList(),
                                arn -> arn)))
                .recorded(arn -> written(spec, arn))
                .thenCompose(arn -> settings.modify(ctx, arn, desired, settings.names()).thenApply(ignored -> written(spec, arn)));
    }

    /** Makes the planned changes: the health check in one call, then the attributes, then the tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String arn = current.physicalId();
        Planned planned = new Planned(changes);
        Attributes desired = Attributes.of(spec);
        CompletableFuture<?> healthCheck = !planned.changesAny(HEALTH_CHECK) ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "ModifyTargetGroup", () -> ElbClient.of(aws).modifyTargetGroup(r ->
                        ATTRIBUTES.write(r.targetGroupArn(arn), desired, HEALTH_CHECK)));
        return healthCheck
                .thenCompose(ignored -> settings.modify(ctx, arn, desired, planned.among(settings.names())))
                .thenCompose(ignored -> tags.update(ctx, arn, planned.tags()))
                .thenApply(ignored -> written(spec, arn));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String arn = current.physicalId();
        return ApplyCalls.callUnless(ctx, "DeleteTargetGroup", GONE, () -> ElbClient.of(aws)
                .deleteTargetGroup(r -> r.targetGroupArn(arn)));
    }

    /** The target groups of these names, one call each: ELBv2 fails a describe of several names if one is missing. */
    private CompletableFuture<List<TargetGroup>> named(ApiCalls calls, Collection<String> names) {
        return IdBatches.describe(calls, "DescribeTargetGroups", names, 1, GONE, batch -> ElbClient.of(aws)
                .describeTargetGroups(r -> r.names(batch)).thenApply(DescribeTargetGroupsResponse::targetGroups));
    }

    private static Observed written(ResourceSpec spec, String arn) {
        return ATTRIBUTES.written(spec, Elbv2Types.TARGET_GROUP.name(), arn, arn, null);
    }
}
