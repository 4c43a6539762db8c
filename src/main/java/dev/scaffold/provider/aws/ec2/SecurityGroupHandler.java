package dev.scaffold.provider.aws.ec2;

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
import dev.scaffold.provider.aws.AwsErrors;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.Tagged;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * An EC2 security group ({@link Ec2Types#SECURITY_GROUP}): its inbound rules change in place by
 * authorize and revoke. Outbound rules keep AWS's default (all traffic).
 *
 * <p>Attributes: {@code name}, {@code description}, {@code vpcId}, {@code ingress} (a sorted list of
 * {@code {protocol, fromPort, toPort, cidr | sourceSecurityGroupId}}). Refs name {@code id}.
 */
public final class SecurityGroupHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("ec2", "security-group/");
    /** The most values EC2 takes in the filters of one call. */
    private static final int BATCH = 200;
    private static final Set<String> GONE = Set.of("InvalidGroup.NotFound", "InvalidGroupId.NotFound");
    private static final String DUPLICATE = "InvalidGroup.Duplicate";
    private static final Set<String> RULES_EXIST = Set.of("InvalidPermission.Duplicate");
    /** ENIs of a just-deleted load balancer keep using its group for a few minutes. */
    private static final Set<String> STILL_IN_USE = Set.of("DependencyViolation");
    private static final Duration DELETE_RETRY = Duration.ofSeconds(15);
    private static final Duration DELETE_TIMEOUT = Duration.ofMinutes(20);

    private static final SdkAttributes<SecurityGroup> ATTRIBUTES = SdkAttributes.describedAs(SecurityGroup.builder())
            .writtenTo(CreateSecurityGroupRequest.builder())
            .member("name", "GroupName")
            .member("description", "GroupDescription")
            .member("vpcId", "VpcId")
            .read("ingress", group -> IngressRule.toMaps(IngressRule.fromPermissions(group.ipPermissions())), null)
            .build();

    /** What names a group: its name in its VPC. */
    private record GroupName(String name, String vpcId) {
    }

    private final AwsClients aws;
    private final TaggedReader<SecurityGroup> reader;

    public SecurityGroupHandler(AwsClients aws) {
        this.aws = aws;
        // Filtered by group id, a group gone meanwhile is simply not answered, where asking by GroupIds would fail.
        this.reader = TaggedReader.of(aws, ARN_TYPE, SecurityGroup::groupId)
                .idFromArn(ArnType::lastPart)
                .describedBy("DescribeSecurityGroups", BATCH, Set.of(), ids -> Ec2Client.of(aws)
                        .describeSecurityGroups(r -> r.filters(filter("group-id", ids)))
                        .thenApply(response -> response.securityGroups()))
                .tagsFromDescription(group -> Ec2Tags.toMap(group.tags()))
                .alsoByName(List.of("name", "vpcId"), named -> new GroupName(named.string("name"), named.string("vpcId")),
                        group -> new GroupName(group.groupName(), group.vpcId()), this::named)
                .build();
    }

    @Override
    public ResourceType schema() {
        return Ec2Types.SECURITY_GROUP;
    }

    /**
     * Reads the stack's groups by id, one DescribeSecurityGroups per 200, their tags with them; and the
     * desired groups not found so, by name in their VPC, one call for all, so that a plan sees a group of
     * another stack that has the name a create would take.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return reader.read(known, desired, ctx).stream().map(found -> found.observed(Ec2Types.SECURITY_GROUP.name(),
                found.resource().groupId(), found.resource().securityGroupArn(), ATTRIBUTES.read(found.resource())))
                .toList();
    }

    /**
     * Creates the group with its tags, then authorizes its rules. A create whose earlier attempt made the
     * group (AWS answers InvalidGroup.Duplicate) goes on with that group if it carries this stack's tags,
     * authorizing the rules it lacks.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        GroupName name = new GroupName(desired.string("name"), desired.string("vpcId"));
        return Creation.call(ctx, spec, "CreateSecurityGroup", () -> Ec2Client.of(aws).createSecurityGroup(r ->
                                ATTRIBUTES.write(r, desired).tagSpecifications(Ec2Tags.onCreate(
                                        software.amazon.awssdk.services.ec2.model.ResourceType.SECURITY_GROUP, spec.tags()))),
                        made -> SecurityGroup.builder().groupId(made.groupId()).securityGroupArn(made.securityGroupArn()).build())
                .orExisting(DUPLICATE, "a security group named " + name.name() + " in " + name.vpcId(),
                        () -> named(ApplyCalls.of(ctx), List.of(name))
                                .thenApply(groups -> groups.stream().findFirst()
                                        .map(group -> new Tagged<>(group, Ec2Tags.toMap(group.tags())))))
                .recorded(made -> written(spec, made))
                .thenCompose(made -> {
                    List<IngressRule> missing = new ArrayList<>(rules(desired));
                    missing.removeAll(IngressRule.fromPermissions(made.ipPermissions()));
                    return authorize(ctx, made.groupId(), missing).thenApply(ignored -> written(spec, made));
                });
    }

    /**
     * Makes the planned changes: the rules the plan adds are authorized, then those it drops revoked
     * (so a rule that only changes its source never leaves the port closed), then the tags. The rules
     * the group has are the plan's; where the plan holds them only as a digest (they took a sensitive
     * value), the group is described for them.
     */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String groupId = current.physicalId();
        Planned planned = new Planned(changes);
        List<IngressRule> want = rules(Attributes.of(spec));
        CompletableFuture<List<IngressRule>> have = !planned.changes("ingress") ? CompletableFuture.completedFuture(want)
                : planned.before("ingress") instanceof List<?> before
                        ? CompletableFuture.completedFuture(IngressRule.fromMaps(maps(before)))
                        : ApplyCalls.call(ctx, "DescribeSecurityGroups", () -> Ec2Client.of(aws)
                                        .describeSecurityGroups(r -> r.groupIds(groupId)))
                                .thenApply(found -> IngressRule.fromPermissions(found.securityGroups().get(0).ipPermissions()));
        return have.thenCompose(rules -> {
                    List<IngressRule> toRevoke = new ArrayList<>(rules);
                    toRevoke.removeAll(want);
                    List<IngressRule> toAuthorize = new ArrayList<>(want);
                    toAuthorize.removeAll(rules);
                    return authorize(ctx, groupId, toAuthorize).thenCompose(ignored -> revoke(ctx, groupId, toRevoke));
                })
                .thenCompose(ignored -> new Ec2Tags(aws).update(ctx, groupId, planned.tags()))
                .thenApply(ignored -> ATTRIBUTES.written(spec, schema().name(), groupId, current.arn(), null));
    }

    /** Deletes the group, trying again while the network interfaces of a just-deleted load balancer still use it. */
    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String groupId = current.physicalId();
        return ctx.waitUntil("security group deleted",
                        () -> Ec2Client.of(aws).deleteSecurityGroup(r -> r.groupId(groupId)).handle((response, failure) -> {
                            if (failure == null || AwsErrors.hasCode(failure, GONE)) {
                                return true;
                            }
                            if (AwsErrors.hasCode(failure, STILL_IN_USE)) {
                                return false;
                            }
                            throw new CompletionException(AwsErrors.failure(ctx.address(), "DeleteSecurityGroup", failure));
                        }),
                        deleted -> deleted, deleted -> false, DELETE_RETRY, DELETE_TIMEOUT)
                .thenApply(ignored -> null);
    }

    /** The groups of these names in their VPCs, with their rules and tags: one call per 200 names. */
    private CompletableFuture<List<SecurityGroup>> named(ApiCalls calls, Collection<GroupName> names) {
        List<GroupName> all = List.copyOf(names);
        List<CompletableFuture<List<SecurityGroup>>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<GroupName> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            batches.add(calls.call("DescribeSecurityGroups", () -> Ec2Client.of(aws).describeSecurityGroups(r -> r
                    .filters(filter("group-name", batch.stream().map(GroupName::name).toList()),
                            filter("vpc-id", batch.stream().map(GroupName::vpcId).toList())))
                    .thenApply(response -> response.securityGroups().stream()
                            .filter(group -> batch.contains(new GroupName(group.groupName(), group.vpcId())))
                            .toList())));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new))
                .thenApply(done -> batches.stream().flatMap(batch -> batch.join().stream()).toList());
    }

    /**
     * Adds rules the group lacked when it was last read. So when AWS answers that they exist
     * (InvalidPermission.Duplicate), an earlier attempt of this same call added them and its answer was lost.
     */
    private CompletableFuture<Void> authorize(ApplyContext ctx, String groupId, List<IngressRule> rules) {
        return rules.isEmpty() ? ApplyCalls.none()
                : ApplyCalls.callUnless(ctx, "AuthorizeSecurityGroupIngress", RULES_EXIST, () -> Ec2Client.of(aws)
                        .authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                                .ipPermissions(rules.stream().map(IngressRule::toPermission).toList())));
    }

    private CompletableFuture<Void> revoke(ApplyContext ctx, String groupId, List<IngressRule> rules) {
        return rules.isEmpty() ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "RevokeSecurityGroupIngress", () -> Ec2Client.of(aws)
                        .revokeSecurityGroupIngress(r -> r.groupId(groupId)
                                .ipPermissions(rules.stream().map(IngressRule::toPermission).toList())))
                        .thenApply(ignored -> null);
    }

    private static Observed written(ResourceSpec spec, SecurityGroup group) {
        return ATTRIBUTES.written(spec, Ec2Types.SECURITY_GROUP.name(), group.groupId(), group.securityGroupArn(), null);
    }

    private static List<IngressRule> rules(Attributes attributes) {
        return attributes.has("ingress") ? IngressRule.fromMaps(attributes.maps("ingress")) : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(List<?> list) {
        return (List<Map<String, Object>>) list;
    }

    private static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }
}
