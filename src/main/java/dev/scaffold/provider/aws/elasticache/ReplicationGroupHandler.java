package dev.scaffold.provider.aws.elasticache;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.AnsweredPages;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.AsRecorded;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsErrors;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.Found;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.SharedPolls;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.provider.aws.secretsmanager.SecretsClient;
import dev.scaffold.schema.ElastiCacheTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticache.model.AuthTokenUpdateStrategyType;
import software.amazon.awssdk.services.elasticache.model.AutomaticFailoverStatus;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.MultiAZStatus;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.SecurityGroupMembership;

/**
 * A Redis or Valkey replication group of one node group ({@link ElastiCacheTypes#REPLICATION_GROUP}), known by its id.
 *
 * <p>Attributes: {@code replicationGroupId}, {@code description}, {@code engine}, {@code engineVersion},
 * {@code nodeType}, {@code replicas} (besides the primary), {@code automaticFailover}, {@code multiAz},
 * {@code atRestEncryption}, {@code transitEncryption}, {@code kmsKeyId}, {@code authTokenSecretArn},
 * {@code subnetGroupName}, {@code securityGroupIds}, {@code snapshotRetentionDays}, {@code port}; computed:
 * {@code primaryEndpoint}, {@code readerEndpoint}, {@code status}. AWS's description of a group leaves out its subnet
 * group and security groups, which a read takes from a member cluster, and which secret its token came from, which
 * reads back as the state recorded it, as does its engine version; so does its port until AWS names its endpoint. The
 * token is read from the secret only to be handed to AWS.
 */
public final class ReplicationGroupHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("elasticache", "replicationgroup:");
    static final Set<String> GONE = Set.of("ReplicationGroupNotFoundFault");
    private static final String DUPLICATE = "ReplicationGroupAlreadyExists";
    private static final String AVAILABLE = "available";
    /**
     * Not in AWS's description of a group: its token's secret, and its engine version (its members give the patch
     * level, e.g. 7.1.0 for 7.1); its port not while it has no endpoint yet, nor its network while no member is known.
     */
    private static final List<String> AS_RECORDED = List.of("engineVersion", "subnetGroupName", "securityGroupIds",
            "authTokenSecretArn", "port");
    private static final Set<String> MEMBER_GONE = Set.of("CacheClusterNotFound");
    private static final List<String> MODIFIABLE = List.of("description", "engineVersion", "nodeType",
            "automaticFailover", "multiAz", "securityGroupIds", "snapshotRetentionDays");
    private static final Duration POLL = Duration.ofSeconds(15);
    private static final Duration AVAILABLE_TIMEOUT = Duration.ofMinutes(60);

    private static final SdkAttributes<ReplicationGroup> ATTRIBUTES = SdkAttributes.describedAs(ReplicationGroup.builder())
            .writtenTo(CreateReplicationGroupRequest.builder(), ModifyReplicationGroupRequest.builder())
            .member("replicationGroupId", "ReplicationGroupId")
            .member("description", "Description", "ReplicationGroupDescription")
            .member("engine", "Engine")
            .read("engineVersion", null, "EngineVersion")
            .member("nodeType", "CacheNodeType")
            .read("replicas", group -> group.memberClusters().size() - 1, "NumCacheClusters",
                    replicas -> ((Number) replicas).intValue() + 1)
            .read("automaticFailover", group -> group.automaticFailover() == AutomaticFailoverStatus.ENABLED
                    || group.automaticFailover() == AutomaticFailoverStatus.ENABLING, "AutomaticFailoverEnabled")
            .read("multiAz", group -> group.multiAZ() == MultiAZStatus.ENABLED, "MultiAZEnabled")
            .member("atRestEncryption", "AtRestEncryptionEnabled")
            .member("transitEncryption", "TransitEncryptionEnabled")
            .member("kmsKeyId", "KmsKeyId")
            .read("subnetGroupName", null, "CacheSubnetGroupName")
            .read("securityGroupIds", null, "SecurityGroupIds")
            .member("snapshotRetentionDays", "SnapshotRetentionLimit")
            .read("port", group -> endpoint(group, NodeGroup::primaryEndpoint, Endpoint::port), "Port")
            .computed("primaryEndpoint", group -> endpoint(group, NodeGroup::primaryEndpoint, Endpoint::address))
            .computed("readerEndpoint", group -> endpoint(group, NodeGroup::readerEndpoint, Endpoint::address))
            .computed("status", "Status")
            .build();
    /** What a member cluster describes of the group's network, which the group's own description leaves out. */
    private static final SdkAttributes<CacheCluster> NETWORK = SdkAttributes.describedAs(CacheCluster.builder())
            .read("subnetGroupName", CacheCluster::cacheSubnetGroupName, null)
            .read("securityGroupIds", cluster -> cluster.securityGroups().stream()
                    .map(SecurityGroupMembership::securityGroupId).sorted().toList(), null)
            .build();

    private final AwsClients aws;
    /** The ARNs of the groups described so far, by id, for the tag calls, which take ARNs. */
    private final Map<String, String> arns = new ConcurrentHashMap<>();
    private final CacheTags tags;
    private final TaggedReader<ReplicationGroup> reader;
    private final SharedPolls<ReplicationGroup> polls;

    public ReplicationGroupHandler(AwsClients aws) {
        this.aws = aws;
        this.tags = new CacheTags(aws, GONE, arns::get);
        this.reader = TaggedReader.of(aws, ARN_TYPE, ReplicationGroup::replicationGroupId)
                .idFromArn(arn -> arn.substring(arn.lastIndexOf(':') + 1))
                .describedBy("DescribeReplicationGroups", 1, GONE, this::described)
                .tagsFrom(tags)
                .alsoByName(List.of("replicationGroupId"), named -> named.string("replicationGroupId"),
                        ReplicationGroup::replicationGroupId, (calls, ids) -> IdBatches.describe(calls,
                                "DescribeReplicationGroups", ids, 1, GONE, this::described))
                .build();
        // DescribeReplicationGroups takes one id or none: one group waited on is described by its id, several by
        // one paged describe of them all, so that caches waited on together cost one call per interval.
        this.polls = new SharedPolls<>("DescribeReplicationGroups", Integer.MAX_VALUE, GONE, POLL, this::described,
                ReplicationGroup::replicationGroupId);
    }

    @Override
    public ResourceType schema() {
        return ElastiCacheTypes.REPLICATION_GROUP;
    }

    /**
     * Reads the groups the state knows, those the tagging read returned and those the blueprint names that neither
     * knows: one DescribeReplicationGroups per group (it takes one id or none), in parallel, and one DescribeCacheClusters
     * of its first member for its subnet group and security groups; then one ListTagsForResource per group whose tags
     * the tagging read did not give.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        AsRecorded recorded = AsRecorded.of(AS_RECORDED, known);
        List<Found<ReplicationGroup>> found = reader.read(known, desired, ctx);
        Map<String, CacheCluster> members = new HashMap<>();
        IdBatches.describe(ctx, "DescribeCacheClusters", found.stream().map(f -> f.resource().memberClusters())
                        .filter(clusters -> !clusters.isEmpty()).map(clusters -> clusters.get(0)).toList(), 1, MEMBER_GONE,
                        id -> CacheClient.of(aws).describeCacheClusters(r -> r.cacheClusterId(id.get(0)))
                                .thenApply(DescribeCacheClustersResponse::cacheClusters))
                .forEach(member -> members.put(member.replicationGroupId(), member));
        return found.stream().map(f -> {
            Map<String, Object> attributes = new LinkedHashMap<>(ATTRIBUTES.read(f.resource()));
            CacheCluster member = members.get(f.resource().replicationGroupId());
            if (member != null) {
                attributes.putAll(NETWORK.read(member));
            }
            return f.observed(schema().name(), f.resource().replicationGroupId(), f.resource().arn(),
                    recorded.addedTo(f.address(), attributes));
        }).toList();
    }

    /**
     * Creates the group with the auth token its secret holds, records it and waits until it is available. Its id is
     * the spec's, so a create that meets ReplicationGroupAlreadyExists goes on with that group if it is this stack's.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String id = desired.string("replicationGroupId");
        return Creation.of(ctx, spec, "CreateReplicationGroup", authToken(ctx, desired).thenCompose(token ->
                        ApplyCalls.call(ctx, "CreateReplicationGroup", () -> CacheClient.of(aws).createReplicationGroup(r ->
                                ATTRIBUTES.write(r, desired).authToken(token).tags(CacheTags.toSdk(spec.tags())))))
                        .thenApply(made -> made.replicationGroup()))
                .orExisting(DUPLICATE, "a replication group " + id, () -> IdBatches.describe(ApplyCalls.of(ctx),
                                "DescribeReplicationGroups", List.of(id), 1, GONE, this::described)
                        .thenCompose(found -> tags.first(ctx, found, ReplicationGroup::replicationGroupId)))
                .recorded(group -> written(spec, group))
                .thenCompose(group -> awaitAvailable(ctx, id))
                .thenApply(group -> written(spec, group));
    }

    /**
     * Makes the planned changes, each applied at once and waited on until the group is available again: more replicas
     * before the settings that need them (failover, Multi-AZ), fewer after those are off; a new secret rotates the token.
     */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        Planned planned = new Planned(changes);
        Attributes desired = Attributes.of(spec);
        String id = current.physicalId();
        boolean more = planned.changes("replicas") && desired.integer("replicas") > number(planned.before("replicas"));
        return (more ? replicas(ctx, id, desired, true) : ApplyCalls.<ReplicationGroup>none())
                .thenCompose(after -> modify(ctx, id, desired, planned, after))
                .thenCompose(after -> planned.changes("replicas") && !more ? replicas(ctx, id, desired, false)
                        : CompletableFuture.completedFuture(after))
                .thenCompose(after -> tags.update(ctx, current.arn(), planned.tags()).thenApply(ignored -> after))
                .thenCompose(after -> after != null ? CompletableFuture.completedFuture(after) : awaitAvailable(ctx, id))
                .thenApply(group -> written(spec, group));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String id = current.physicalId();
        return ApplyCalls.callUnless(ctx, "DeleteReplicationGroup", GONE, () -> CacheClient.of(aws)
                        .deleteReplicationGroup(r -> r.replicationGroupId(id)))
                .thenCompose(ignored -> bounded(ctx, id, "deleted", ctx.waitUntil("replication group " + id + " deleted",
                        () -> polls.poll(ctx, id), Optional::isEmpty, group -> false, POLL, AVAILABLE_TIMEOUT)))
                .whenComplete((done, failure) -> polls.done(id))
                .thenApply(ignored -> null);
    }

    /**
     * One ModifyReplicationGroup of the planned settings, with a new secret's token rotated in, then the group once
     * available again; {@code before}, the group as the step before left it, when nothing changes.
     */
    private CompletableFuture<ReplicationGroup> modify(ApplyContext ctx, String id, Attributes desired, Planned planned,
                                                       ReplicationGroup before) {
        List<String> modified = planned.among(MODIFIABLE);
        boolean rotate = planned.changes("authTokenSecretArn") && desired.has("authTokenSecretArn");
        if (modified.isEmpty() && !rotate) {
            return CompletableFuture.completedFuture(before);
        }
        return (rotate ? authToken(ctx, desired) : CompletableFuture.<String>completedFuture(null))
                .thenCompose(token -> ApplyCalls.call(ctx, "ModifyReplicationGroup", () -> CacheClient.of(aws)
                        .modifyReplicationGroup(r -> ATTRIBUTES.write(r.replicationGroupId(id).applyImmediately(true)
                                .authToken(token).authTokenUpdateStrategy(rotate ? AuthTokenUpdateStrategyType.ROTATE
                                        : null), desired, modified))))
                .thenCompose(ignored -> awaitAvailable(ctx, id));
    }

    /** Sets the number of replicas to the desired one, with IncreaseReplicaCount or DecreaseReplicaCount, applied at once. */
    private CompletableFuture<ReplicationGroup> replicas(ApplyContext ctx, String id, Attributes desired, boolean more) {
        int replicas = desired.integer("replicas");
        return (more
                ? ApplyCalls.call(ctx, "IncreaseReplicaCount", () -> CacheClient.of(aws).increaseReplicaCount(r -> r
                        .replicationGroupId(id).newReplicaCount(replicas).applyImmediately(true)))
                : ApplyCalls.call(ctx, "DecreaseReplicaCount", () -> CacheClient.of(aws).decreaseReplicaCount(r -> r
                        .replicationGroupId(id).newReplicaCount(replicas).applyImmediately(true))))
                .thenCompose(ignored -> awaitAvailable(ctx, id));
    }

    /** The token the secret holds, for AWS only; none when the spec names no secret. */
    private CompletableFuture<String> authToken(ApplyContext ctx, Attributes desired) {
        return !desired.has("authTokenSecretArn") ? CompletableFuture.completedFuture(null)
                : ApplyCalls.call(ctx, "GetSecretValue", () -> SecretsClient.of(aws).getSecretValue(r -> r
                        .secretId(desired.string("authTokenSecretArn")))).thenApply(secret -> secret.secretString());
    }

    private CompletableFuture<ReplicationGroup> awaitAvailable(ApplyContext ctx, String id) {
        polls.expect(id);
        return bounded(ctx, id, AVAILABLE, ctx.waitUntil("replication group " + id + " available", () -> polls.poll(ctx, id),
                        group -> group.map(it -> AVAILABLE.equals(it.status())).orElse(false),
                        group -> group.map(it -> "create-failed".equals(it.status())).orElse(true), POLL, AVAILABLE_TIMEOUT))
                .whenComplete((done, failure) -> polls.done(id))
                .thenApply(Optional::orElseThrow);
    }

    /** A wait whose time-out says what it waited for and that AWS goes on, so the next apply picks the group up again. */
    private static <T> CompletableFuture<T> bounded(ApplyContext ctx, String id, String what, CompletableFuture<T> wait) {
        return wait.exceptionally(failure -> {
            Throwable cause = AwsErrors.unwrap(failure);
            if (cause instanceof HandlerException handled && handled.code() == null
                    && String.valueOf(handled.getMessage()).contains("timed out")) {
                throw new HandlerException(ctx.address(), handled.operation(), null, "the replication group " + id
                        + " was not " + what + " within " + AVAILABLE_TIMEOUT.toMinutes() + " minutes; AWS goes on with"
                        + " it, and the next apply waits for it again", handled);
            }
            throw new CompletionException(cause);
        });
    }

    /**
     * The groups of these ids: one by its id; several by one paged describe of every group, keeping only these.
     */
    private CompletableFuture<List<ReplicationGroup>> described(List<String> ids) {
        return AnsweredPages.only(CacheClient.of(aws).describeReplicationGroupsPaginator(r -> r.replicationGroupId(
                        ids.size() == 1 ? ids.get(0) : null)).replicationGroups(), ReplicationGroup::replicationGroupId, ids)
                .thenApply(groups -> {
                    groups.forEach(group -> arns.put(group.replicationGroupId(), group.arn()));
                    return groups;
                });
    }

    private static Object endpoint(ReplicationGroup group, Function<NodeGroup, Endpoint> which,
                                   Function<Endpoint, Object> part) {
        return group.nodeGroups().isEmpty() || which.apply(group.nodeGroups().get(0)) == null ? null
                : part.apply(which.apply(group.nodeGroups().get(0)));
    }

    private static int number(Object value) {
        return value instanceof Number number ? number.intValue() : 0;
    }

    private static Observed written(ResourceSpec spec, ReplicationGroup group) {
        return ATTRIBUTES.written(spec, ElastiCacheTypes.REPLICATION_GROUP.name(), group.replicationGroupId(),
                group.arn(), group);
    }
}
