package dev.scaffold.provider.aws.elasticache;

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
import dev.scaffold.schema.ElastiCacheTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.elasticache.model.CacheSubnetGroup;
import software.amazon.awssdk.services.elasticache.model.CreateCacheSubnetGroupRequest;
import software.amazon.awssdk.services.elasticache.model.ModifyCacheSubnetGroupRequest;
import software.amazon.awssdk.services.elasticache.model.Subnet;

/**
 * A cache subnet group ({@link ElastiCacheTypes#SUBNET_GROUP}), known by its name.
 *
 * <p>Attributes: {@code name}, {@code description}, {@code subnetIds} (sorted). Refs name {@code name} and {@code arn}.
 */
public final class CacheSubnetGroupHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("elasticache", "subnetgroup:");
    static final Set<String> GONE = Set.of("CacheSubnetGroupNotFoundFault");
    private static final String DUPLICATE = "CacheSubnetGroupAlreadyExists";
    private static final List<String> MODIFIABLE = List.of("description", "subnetIds");

    private static final SdkAttributes<CacheSubnetGroup> ATTRIBUTES = SdkAttributes.describedAs(CacheSubnetGroup.builder())
            .writtenTo(CreateCacheSubnetGroupRequest.builder(), ModifyCacheSubnetGroupRequest.builder())
            .member("name", "CacheSubnetGroupName")
            .member("description", "CacheSubnetGroupDescription")
            .read("subnetIds", group -> group.subnets().stream().map(Subnet::subnetIdentifier).sorted().toList(),
                    "SubnetIds")
            .build();

    private final AwsClients aws;
    /** The ARNs of the groups described so far, by name, for the tag calls, which take ARNs. */
    private final Map<String, String> arns = new ConcurrentHashMap<>();
    private final CacheTags tags;
    private final TaggedReader<CacheSubnetGroup> reader;

    public CacheSubnetGroupHandler(AwsClients aws) {
        this.aws = aws;
        this.tags = new CacheTags(aws, GONE, arns::get);
        this.reader = TaggedReader.of(aws, ARN_TYPE, CacheSubnetGroup::cacheSubnetGroupName)
                .idFromArn(arn -> arn.substring(arn.lastIndexOf(':') + 1))
                .describedBy("DescribeCacheSubnetGroups", 1, GONE, this::named)
                .tagsFrom(tags)
                .alsoByName(List.of("name"), named -> named.string("name"), CacheSubnetGroup::cacheSubnetGroupName,
                        this::named)
                .build();
    }

    @Override
    public ResourceType schema() {
        return ElastiCacheTypes.SUBNET_GROUP;
    }

    /**
     * Reads the groups the state knows, those the tagging read returned and those the blueprint names that neither
     * knows: one DescribeCacheSubnetGroups per group (it takes one name or none), in parallel; then one
     * ListTagsForResource per group whose tags the tagging read did not give.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return reader.read(known, desired, ctx).stream().map(found -> found.observed(schema().name(),
                found.resource().cacheSubnetGroupName(), found.resource().arn(), ATTRIBUTES.read(found.resource())))
                .toList();
    }

    /** Creates the group with its tags; a create that meets CacheSubnetGroupAlreadyExists goes on with the group of that name if it is this stack's. */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        return Creation.call(ctx, spec, "CreateCacheSubnetGroup", () -> CacheClient.of(aws).createCacheSubnetGroup(r ->
                        ATTRIBUTES.write(r, desired).tags(CacheTags.toSdk(spec.tags()))), made -> made.cacheSubnetGroup())
                .orExisting(DUPLICATE, "a cache subnet group named " + name, () -> named(ApplyCalls.of(ctx), Set.of(name))
                        .thenCompose(found -> tags.first(ctx, found, CacheSubnetGroup::cacheSubnetGroupName)))
                .recorded(group -> written(spec, group))
                .thenApply(group -> written(spec, group));
    }

    /** Makes the planned changes: description and subnets in one call, then the tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        Planned planned = new Planned(changes);
        CompletableFuture<?> modify = !planned.changesAny(MODIFIABLE) ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "ModifyCacheSubnetGroup", () -> CacheClient.of(aws).modifyCacheSubnetGroup(r ->
                        ATTRIBUTES.write(r.cacheSubnetGroupName(current.physicalId()), Attributes.of(spec),
                                planned.among(MODIFIABLE))));
        return modify.thenCompose(ignored -> tags.update(ctx, current.arn(), planned.tags()))
                .thenApply(ignored -> ATTRIBUTES.written(spec, schema().name(), current.physicalId(), current.arn(), null));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        return ApplyCalls.callUnless(ctx, "DeleteCacheSubnetGroup", GONE, () -> CacheClient.of(aws)
                .deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName(current.physicalId())));
    }

    /** The groups of these names, one DescribeCacheSubnetGroups each; absent ones are left out. */
    private CompletableFuture<List<CacheSubnetGroup>> named(ApiCalls calls, Set<String> names) {
        return IdBatches.describe(calls, "DescribeCacheSubnetGroups", names, 1, GONE, this::named);
    }

    private CompletableFuture<List<CacheSubnetGroup>> named(List<String> one) {
        return CacheClient.of(aws).describeCacheSubnetGroups(r -> r.cacheSubnetGroupName(one.get(0)))
                .thenApply(answer -> {
                    answer.cacheSubnetGroups().forEach(group -> arns.put(group.cacheSubnetGroupName(), group.arn()));
                    return answer.cacheSubnetGroups();
                });
    }

    private static Observed written(ResourceSpec spec, CacheSubnetGroup group) {
        return ATTRIBUTES.written(spec, ElastiCacheTypes.SUBNET_GROUP.name(), group.cacheSubnetGroupName(), group.arn(),
                group);
    }
}
