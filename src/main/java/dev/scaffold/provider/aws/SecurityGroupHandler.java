package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.state.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.ResourceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiAsyncClient;

/**
 * An EC2 security group ({@link Ec2Types#SECURITY_GROUP}): its inbound rules change in place by
 * authorize and revoke. Outbound rules keep AWS's default (all traffic).
 *
 * <p>Attributes: {@code name}, {@code description}, {@code vpcId}, {@code ingress} (a sorted list of
 * {@code {protocol, fromPort, toPort, cidr | sourceSecurityGroupId}}). Refs name {@code id}.
 */
public final class SecurityGroupHandler implements ResourceHandler {

    /** Security groups as their ARNs name them. */
    static final TaggedResources.ArnType ARN_TYPE = new TaggedResources.ArnType("ec2", "security-group/");
    /** The most values EC2 takes in the filters of one call. */
    private static final int BATCH = 200;
    private static final Set<String> GONE = Set.of("InvalidGroup.NotFound", "InvalidGroupId.NotFound");
    private static final String DUPLICATE = "InvalidGroup.Duplicate";
    private static final Set<String> RULES_EXIST = Set.of("InvalidPermission.Duplicate");
    /** ENIs of a just-deleted load balancer keep using its group for a few minutes. */
    private static final Set<String> STILL_IN_USE = Set.of("DependencyViolation");
    private static final Duration DELETE_RETRY = Duration.ofSeconds(15);
    private static final Duration DELETE_TIMEOUT = Duration.ofMinutes(20);

    private final Ec2AsyncClient ec2;
    private final ResourceGroupsTaggingApiAsyncClient tagging;

    public SecurityGroupHandler(Ec2AsyncClient ec2, ResourceGroupsTaggingApiAsyncClient tagging) {
        this.ec2 = ec2;
        this.tagging = tagging;
    }

    @Override
    public ResourceType schema() {
        return Ec2Types.SECURITY_GROUP;
    }

    /**
     * Reads the stack's security groups by id: those the Resource Groups Tagging API returns tagged with
     * the stack ({@link TaggedResources}, one paged GetResources per refresh, shared by every handler)
     * and those the state knows, so that a group whose stack tags were removed is still read. One
     * DescribeSecurityGroups per 200 ids, filtered by group id (a group gone meanwhile is simply not
     * answered, where asking by GroupIds would fail the call), and per page of it; the groups' tags come
     * with them. With nothing known and nothing tagged it makes no call of its own.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        StackResources stack = new StackResources(known, ctx);
        List<String> tagged = TaggedResources.read(tagging, ctx).of(ARN_TYPE).keySet().stream()
                .map(ARN_TYPE::lastPart).toList();
        List<String> ids = List.copyOf(stack.toDescribe(tagged));
        for (int from = 0; from < ids.size(); from += BATCH) {
            Filter byId = Filter.builder().name("group-id").values(ids.subList(from, Math.min(ids.size(), from + BATCH)))
                    .build();
            for (SecurityGroup group : describe(ctx, List.of(byId))) {
                stack.add(group.groupId(), Ec2Tags.toMap(group.tags()), address -> observe(address, group));
            }
        }
        return stack.result();
    }

    /**
     * Creates the group with its tags, then authorizes its rules. A create whose earlier attempt made the
     * group (AWS answers InvalidGroup.Duplicate) goes on with that group if it carries this stack's tags,
     * authorizing the rules it lacks.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        String vpcId = desired.string("vpcId");
        return AwsCalls.apply(ctx, "CreateSecurityGroup", () -> ec2.createSecurityGroup(r -> r
                        .groupName(name)
                        .description(desired.string("description"))
                        .vpcId(vpcId)
                        .tagSpecifications(Ec2Tags.onCreate(software.amazon.awssdk.services.ec2.model.ResourceType.SECURITY_GROUP, spec.tags()))))
                .thenApply(created -> SecurityGroup.builder()
                        .groupId(created.groupId()).securityGroupArn(created.securityGroupArn()).build())
                .exceptionallyCompose(failure -> AlreadyExists.recover(ctx, spec, "CreateSecurityGroup", DUPLICATE,
                        "a security group named " + name + " in " + vpcId, failure, () -> existing(ctx, name, vpcId)))
                .thenCompose(made -> {
                    Observed group = observed(spec, made.groupId(), made.securityGroupArn());
                    List<IngressRule> missing = new ArrayList<>(rules(desired));
                    missing.removeAll(IngressRule.fromPermissions(made.ipPermissions()));
                    ctx.created(group);
                    return authorize(ctx, made.groupId(), missing).thenApply(ignored -> group);
                });
    }

    /** The group of that name in that VPC, with its rules and tags, if there is one. */
    private CompletableFuture<Optional<AlreadyExists.Found<SecurityGroup>>> existing(ApplyContext ctx, String name,
                                                                                     String vpcId) {
        return AwsCalls.apply(ctx, "DescribeSecurityGroups", () -> ec2.describeSecurityGroups(r -> r.filters(
                        Filter.builder().name("group-name").values(name).build(),
                        Filter.builder().name("vpc-id").values(vpcId).build())))
                .thenApply(found -> found.securityGroups().stream().findFirst()
                        .map(group -> new AlreadyExists.Found<>(group, Ec2Tags.toMap(group.tags()))));
    }

    /**
     * Makes the planned changes: the rules the plan adds are authorized, then those it drops revoked
     * (so a rule that only changes its source never leaves the port closed), then the tags.
     */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String groupId = current.physicalId();
        Planned planned = new Planned(changes);
        List<IngressRule> want = rules(Attributes.of(spec));
        List<IngressRule> have = planned.changes("ingress") && planned.before("ingress") instanceof List<?> before
                ? IngressRule.fromMaps(maps(before)) : want;
        List<IngressRule> toRevoke = new ArrayList<>(have);
        toRevoke.removeAll(want);
        List<IngressRule> toAuthorize = new ArrayList<>(want);
        toAuthorize.removeAll(have);
        return authorize(ctx, groupId, toAuthorize)
                .thenCompose(ignored -> revoke(ctx, groupId, toRevoke))
                .thenCompose(ignored -> Ec2Tags.update(ec2, ctx, groupId, planned.tags()))
                .thenApply(ignored -> observed(spec, groupId, current.arn()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(List<?> list) {
        return (List<Map<String, Object>>) list;
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String groupId = current.physicalId();
        return ctx.waitUntil("security group deleted",
                        () -> ec2.deleteSecurityGroup(r -> r.groupId(groupId)).handle((response, failure) -> {
                            if (failure == null || AwsCalls.hasErrorCode(failure, GONE)) {
                                return true;
                            }
                            if (AwsCalls.hasErrorCode(failure, STILL_IN_USE)) {
                                return false;
                            }
                            throw new CompletionException(AwsCalls.failure(ctx.address(), "DeleteSecurityGroup", failure));
                        }),
                        deleted -> deleted, deleted -> false, DELETE_RETRY, DELETE_TIMEOUT)
                .thenApply(ignored -> null);
    }

    private List<SecurityGroup> describe(ReadContext ctx, List<Filter> filters) {
        return AwsCalls.readPages(ctx, "DescribeSecurityGroups",
                token -> ec2.describeSecurityGroups(r -> r.filters(filters).nextToken(token)),
                DescribeSecurityGroupsResponse::securityGroups, DescribeSecurityGroupsResponse::nextToken);
    }

    /**
     * Adds rules the group lacked when it was last read. So when AWS answers that they exist
     * (InvalidPermission.Duplicate), an earlier attempt of this same call added them and its answer was lost.
     */
    private CompletableFuture<Void> authorize(ApplyContext ctx, String groupId, List<IngressRule> rules) {
        if (rules.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return AwsCalls.apply(ctx, "AuthorizeSecurityGroupIngress", () -> ec2.authorizeSecurityGroupIngress(r -> r
                        .groupId(groupId)
                        .ipPermissions(rules.stream().map(IngressRule::toPermission).toList())))
                .handle((added, failure) -> {
                    if (failure != null && !AwsCalls.hasErrorCode(failure, RULES_EXIST)) {
                        throw new CompletionException(AwsCalls.unwrap(failure));
                    }
                    return null;
                });
    }

    private CompletableFuture<Void> revoke(ApplyContext ctx, String groupId, List<IngressRule> rules) {
        if (rules.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return AwsCalls.apply(ctx, "RevokeSecurityGroupIngress", () -> ec2.revokeSecurityGroupIngress(r -> r
                .groupId(groupId)
                .ipPermissions(rules.stream().map(IngressRule::toPermission).toList()))).thenApply(ignored -> null);
    }

    private static List<IngressRule> rules(Attributes attributes) {
        return attributes.has("ingress") ? IngressRule.fromMaps(attributes.maps("ingress")) : List.of();
    }

    private static Observed observed(ResourceSpec spec, String groupId, String arn) {
        Attributes desired = Attributes.of(spec);
        return new Observed(spec.address(), Ec2Types.SECURITY_GROUP.name(), groupId, arn,
                attributes(desired.string("name"), desired.string("description"), desired.string("vpcId"),
                        rules(desired)),
                spec.tags());
    }

    private static Observed observe(ResourceAddress address, SecurityGroup group) {
        return new Observed(address, Ec2Types.SECURITY_GROUP.name(), group.groupId(), group.securityGroupArn(),
                attributes(group.groupName(), group.description(), group.vpcId(),
                        IngressRule.fromPermissions(group.ipPermissions())),
                Ec2Tags.toMap(group.tags()));
    }

    private static Map<String, Object> attributes(String name, String description, String vpcId,
                                                  List<IngressRule> ingress) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("description", description);
        attributes.put("vpcId", vpcId);
        attributes.put("ingress", IngressRule.toMaps(ingress));
        return attributes;
    }
}
