package dev.scaffold.provider.aws.autoscaling;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsErrors;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.SharedPolls;
import dev.scaffold.provider.aws.Tagged;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.schema.AutoScalingTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;

/**
 * An EC2 Auto Scaling group ({@link AutoScalingTypes#GROUP}).
 *
 * <p>Attributes: {@code name}, {@code launchTemplateId}, {@code launchTemplateVersion} (a number, or AWS's
 * {@code $Latest} / {@code $Default}), {@code minSize}, {@code maxSize}, {@code desiredCapacity}, {@code subnetIds}
 * and {@code targetGroupArns} (sorted), {@code healthCheckType}, {@code healthCheckGracePeriodSeconds}, and
 * {@code rollingUpdate} ({@code {minHealthyPercent}}): with it, a new launch template or version is rolled out by an
 * instance refresh ({@link RollingUpdate}) that apply follows to its end. AWS keeps no such setting, so it reads back
 * as the state recorded it. Refs name {@code name} and {@code arn}.
 *
 * <p>A create waits until the group is described (it has its ARN then), not for its instances to pass their health
 * checks: the group replaces unhealthy instances itself, and a refresh waits for healthy ones.
 */
public final class AutoScalingGroupHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("autoscaling", "autoScalingGroup:");
    private static final String NAME_IN_ARN = "autoScalingGroupName/";
    /** The most names one DescribeAutoScalingGroups takes (its largest page). */
    private static final int BATCH = 100;
    private static final String DUPLICATE = "AlreadyExists";
    private static final Set<String> STILL_ACTIVE = Set.of("ScalingActivityInProgress", "ResourceInUse");
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration DESCRIBED_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration GONE_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration REFUSED_RETRY = Duration.ofSeconds(5);
    private static final Duration PROFILE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration ACTIVITY_TIMEOUT = Duration.ofMinutes(10);
    private static final List<String> LAUNCH_TEMPLATE = List.of("launchTemplateId", "launchTemplateVersion");
    private static final List<String> SETTINGS = List.of("minSize", "maxSize", "desiredCapacity", "subnetIds",
            "healthCheckType", "healthCheckGracePeriodSeconds");

    private static final SdkAttributes<AutoScalingGroup> ATTRIBUTES = SdkAttributes.describedAs(AutoScalingGroup.builder())
            .writtenTo(CreateAutoScalingGroupRequest.builder(), UpdateAutoScalingGroupRequest.builder())
            .member("name", "AutoScalingGroupName")
            .member("launchTemplateId", "LaunchTemplate.LaunchTemplateId")
            .member("launchTemplateVersion", "LaunchTemplate.Version", AutoScalingGroupHandler::version, String::valueOf)
            .member("minSize", "MinSize")
            .member("maxSize", "MaxSize")
            .member("desiredCapacity", "DesiredCapacity")
            .member("subnetIds", "VPCZoneIdentifier", AutoScalingGroupHandler::subnets,
                    ids -> String.join(",", strings(ids)))
            .read("targetGroupArns", group -> group.targetGroupARNs().stream().sorted().toList(), "TargetGroupARNs")
            .member("healthCheckType", "HealthCheckType")
            .member("healthCheckGracePeriodSeconds", "HealthCheckGracePeriod")
            .build();

    private final AwsClients aws;
    private final TaggedReader<AutoScalingGroup> reader;
    private final SharedPolls<AutoScalingGroup> polls;

    public AutoScalingGroupHandler(AwsClients aws) {
        this.aws = aws;
        this.reader = TaggedReader.of(aws, ARN_TYPE, AutoScalingGroup::autoScalingGroupName)
                .idFromArn(arn -> arn.substring(arn.indexOf(NAME_IN_ARN) + NAME_IN_ARN.length()))
                // Asked by name, a group that does not exist is left out of the answer, never an error.
                .describedBy("DescribeAutoScalingGroups", BATCH, Set.of(), this::describe)
                .tagsFromDescription(group -> GroupTags.toMap(group.tags()))
                .alsoByName(List.of("name"), named -> named.string("name"), AutoScalingGroup::autoScalingGroupName,
                        (calls, names) -> IdBatches.describe(calls, "DescribeAutoScalingGroups", names, BATCH, Set.of(),
                                this::describe))
                .build();
        this.polls = new SharedPolls<>("DescribeAutoScalingGroups", BATCH, Set.of(), POLL, this::describe,
                AutoScalingGroup::autoScalingGroupName);
    }

    @Override
    public ResourceType schema() {
        return AutoScalingTypes.GROUP;
    }

    /**
     * Reads the groups the state knows, those the tagging read returned and the desired ones found neither way, by
     * name: one DescribeAutoScalingGroups per 100, their tags with them.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        Map<String, Object> rollingUpdates = new HashMap<>();
        known.forEach(group -> rollingUpdates.put(group.physicalId(), group.attributes().get("rollingUpdate")));
        return reader.read(known, desired, ctx).stream().map(found -> {
            AutoScalingGroup group = found.resource();
            Map<String, Object> attributes = new LinkedHashMap<>(ATTRIBUTES.read(group));
            attributes.put("rollingUpdate", rollingUpdates.get(group.autoScalingGroupName()));
            return found.observed(schema().name(), group.autoScalingGroupName(), group.autoScalingGroupARN(), attributes);
        }).toList();
    }

    /**
     * Creates the group with its tags and waits until it is described. A launch template whose instance profile AWS
     * cannot see yet (a new one takes some seconds to propagate) is tried again for up to two minutes. A name already
     * taken goes on with the group of that name if it carries this stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        CompletableFuture<String> made = ApplyCalls.retrying(ctx, "CreateAutoScalingGroup",
                        "the launch template's instance profile to reach Auto Scaling",
                        AutoScalingGroupHandler::profileNotYetUsable, REFUSED_RETRY, PROFILE_TIMEOUT,
                        () -> AutoScalingClient.of(aws).createAutoScalingGroup(r -> ATTRIBUTES.write(r, desired)
                                .tags(GroupTags.toSdk(name, spec.tags()))))
                .thenApply(created -> name);
        return Creation.of(ctx, spec, "CreateAutoScalingGroup", made)
                .orExisting(DUPLICATE, "an Auto Scaling group named " + name, () -> IdBatches.describe(
                                ApplyCalls.of(ctx), "DescribeAutoScalingGroups", List.of(name), BATCH, Set.of(), this::describe)
                        .thenApply(groups -> groups.stream().findFirst()
                                .map(group -> new Tagged<>(name, GroupTags.toMap(group.tags())))))
                .recorded(group -> written(spec, null))
                .thenCompose(group -> {
                    polls.expect(name);
                    return ctx.waitUntil("Auto Scaling group described", () -> polls.poll(ctx, name), Optional::isPresent,
                                    described -> false, POLL, DESCRIBED_TIMEOUT)
                            .whenComplete((done, failure) -> polls.done(name));
                })
                .thenApply(described -> written(spec, described.orElseThrow().autoScalingGroupARN()));
    }

    /**
     * Makes the planned changes: capacity, subnets, health check (and, without a rolling update, the launch template)
     * in one UpdateAutoScalingGroup; target groups attached, then detached; tags; then, with a rolling update and a
     * new launch template or version, the instance refresh that moves the group to it.
     */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String name = current.physicalId();
        Planned planned = new Planned(changes);
        Attributes desired = Attributes.of(spec);
        boolean rolls = desired.has("rollingUpdate") && planned.changesAny(LAUNCH_TEMPLATE);
        List<String> settings = new ArrayList<>(planned.among(SETTINGS));
        if (!rolls && planned.changesAny(LAUNCH_TEMPLATE)) {
            settings.addAll(LAUNCH_TEMPLATE);
        }
        CompletableFuture<?> update = settings.isEmpty() ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "UpdateAutoScalingGroup", () -> AutoScalingClient.of(aws).updateAutoScalingGroup(r ->
                        ATTRIBUTES.write(r.autoScalingGroupName(name), desired, settings)));
        return update
                .thenCompose(ignored -> targetGroups(ctx, name, planned, desired))
                .thenCompose(ignored -> new GroupTags(aws).update(ctx, name, planned.tags()))
                .thenCompose(ignored -> !rolls ? ApplyCalls.none() : new RollingUpdate(aws, ctx, name).roll(
                        desired.string("launchTemplateId"), String.valueOf(desired.values().get("launchTemplateVersion")),
                        desired.map("rollingUpdate").get("minHealthyPercent") instanceof Number percent
                                ? percent.intValue() : null))
                .thenApply(ignored -> written(spec, current.arn()));
    }

    /** Deletes the group with its instances (trying again while scaling activities still run), and waits until it is gone. */
    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String name = current.physicalId();
        return ApplyCalls.retrying(ctx, "DeleteAutoScalingGroup", "the group's scaling activities to end",
                        failure -> AwsErrors.hasCode(failure, STILL_ACTIVE), REFUSED_RETRY, ACTIVITY_TIMEOUT,
                        () -> AutoScalingClient.of(aws).deleteAutoScalingGroup(r -> r.autoScalingGroupName(name)
                                .forceDelete(true)))
                .exceptionallyCompose(failure -> AutoScalingClient.notFound(failure) ? ApplyCalls.none()
                        : CompletableFuture.failedFuture(failure))
                .thenCompose(ignored -> ctx.waitUntil("Auto Scaling group deleted", () -> polls.poll(ctx, name),
                        Optional::isEmpty, group -> false, POLL, GONE_TIMEOUT))
                .whenComplete((done, failure) -> polls.done(name))
                .thenApply(ignored -> null);
    }

    /** Attaches the target groups the plan adds, then detaches those it drops, so traffic always has a way in. */
    private CompletableFuture<Void> targetGroups(ApplyContext ctx, String name, Planned planned, Attributes desired) {
        if (!planned.changes("targetGroupArns")) {
            return ApplyCalls.none();
        }
        List<String> had = planned.before("targetGroupArns") instanceof List<?> before ? strings(before) : List.of();
        List<String> want = desired.has("targetGroupArns") ? desired.strings("targetGroupArns") : List.of();
        List<String> attach = want.stream().filter(arn -> !had.contains(arn)).toList();
        List<String> detach = had.stream().filter(arn -> !want.contains(arn)).toList();
        CompletableFuture<?> attaching = attach.isEmpty() ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "AttachLoadBalancerTargetGroups", () -> AutoScalingClient.of(aws)
                        .attachLoadBalancerTargetGroups(r -> r.autoScalingGroupName(name).targetGroupARNs(attach)));
        return attaching.thenCompose(ignored -> detach.isEmpty() ? ApplyCalls.none()
                        : ApplyCalls.call(ctx, "DetachLoadBalancerTargetGroups", () -> AutoScalingClient.of(aws)
                                .detachLoadBalancerTargetGroups(r -> r.autoScalingGroupName(name).targetGroupARNs(detach))))
                .thenApply(ignored -> null);
    }

    private CompletableFuture<List<AutoScalingGroup>> describe(List<String> names) {
        return AutoScalingClient.of(aws).describeAutoScalingGroups(r -> r.autoScalingGroupNames(names).maxRecords(BATCH))
                .thenApply(answer -> answer.autoScalingGroups());
    }

    /**
     * Whether AWS refused a launch template for its IAM instance profile, as it does for some seconds after the
     * profile is made ("Invalid IAM Instance Profile ARN"), before the profile has reached Auto Scaling.
     */
    private static boolean profileNotYetUsable(Throwable failure) {
        return AwsErrors.hasCode(failure, Set.of("ValidationError")) && String.valueOf(AwsErrors.unwrap(failure)
                .getMessage()).toLowerCase(Locale.ROOT).contains("instance profile");
    }

    private static Observed written(ResourceSpec spec, String arn) {
        return ATTRIBUTES.written(spec, AutoScalingTypes.GROUP.name(), spec.attributes().get("name").toString(), arn, null);
    }

    /** A version as AWS gives it, text: a number as a number, {@code $Latest} and {@code $Default} as they are. */
    private static Object version(Object version) {
        return version instanceof String text && text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                ? Integer.valueOf(text) : version;
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static Object subnets(Object identifier) {
        return identifier == null || identifier.toString().isEmpty() ? List.of()
                : Arrays.stream(identifier.toString().split(",")).map(String::strip).sorted().toList();
    }
}
