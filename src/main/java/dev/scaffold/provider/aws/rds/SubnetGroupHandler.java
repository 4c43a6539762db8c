package dev.scaffold.provider.aws.rds;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.schema.RdsTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.rds.model.CreateDbSubnetGroupRequest;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.ModifyDbSubnetGroupRequest;
import software.amazon.awssdk.services.rds.model.Subnet;

/**
 * A DB subnet group ({@link RdsTypes#SUBNET_GROUP}): the subnets a database's instances are placed in.
 *
 * <p>Attributes: {@code name} (the physical id), {@code description}, {@code subnetIds} (sorted). Refs name
 * {@code name} and {@code arn}.
 */
public final class SubnetGroupHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("rds", "subgrp:");
    private static final Set<String> GONE = Set.of("DBSubnetGroupNotFoundFault");
    private static final String DUPLICATE = "DBSubnetGroupAlreadyExists";
    private static final List<String> MODIFIABLE = List.of("description", "subnetIds");

    private static final SdkAttributes<DBSubnetGroup> ATTRIBUTES = SdkAttributes.describedAs(DBSubnetGroup.builder())
            .writtenTo(CreateDbSubnetGroupRequest.builder(), ModifyDbSubnetGroupRequest.builder())
            .member("name", "DBSubnetGroupName")
            .member("description", "DBSubnetGroupDescription")
            .read("subnetIds", group -> group.subnets().stream().map(Subnet::subnetIdentifier).sorted().toList(),
                    "SubnetIds")
            .build();

    private final AwsClients aws;
    private final NamedGroups<DBSubnetGroup> groups;

    public SubnetGroupHandler(AwsClients aws) {
        this.aws = aws;
        this.groups = new NamedGroups<>(aws, ARN_TYPE, "DescribeDBSubnetGroups", GONE, name -> RdsClient.of(aws)
                .describeDBSubnetGroups(r -> r.dbSubnetGroupName(name)).thenApply(answer -> answer.dbSubnetGroups()),
                DBSubnetGroup::dbSubnetGroupName, DBSubnetGroup::dbSubnetGroupArn);
    }

    @Override
    public ResourceType schema() {
        return RdsTypes.SUBNET_GROUP;
    }

    /**
     * Reads the groups the state knows, those the tagging read returned and those the blueprint names but
     * neither knows: one DescribeDBSubnetGroups per group (it takes one name; AWS does not filter it by
     * several), and one ListTagsForResource per group whose tags the tagging read did not give.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return groups.read(known, desired, ctx).stream().map(found -> found.observed(schema().name(),
                found.resource().dbSubnetGroupName(), found.resource().dbSubnetGroupArn(),
                ATTRIBUTES.read(found.resource()))).toList();
    }

    /**
     * Creates the group with its tags. A create that meets DBSubnetGroupAlreadyExists goes on with the group
     * of that name if it carries this stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        return Creation.call(ctx, spec, "CreateDBSubnetGroup", () -> RdsClient.of(aws).createDBSubnetGroup(r ->
                        ATTRIBUTES.write(r, desired).tags(RdsTags.toSdk(spec.tags()))), made -> made.dbSubnetGroup())
                .orExisting(DUPLICATE, "a DB subnet group named " + name, () -> groups.existing(ctx, name))
                .recorded(group -> written(spec, group))
                .thenApply(group -> written(spec, group));
    }

    /** Makes the planned changes: description and subnets in one ModifyDBSubnetGroup (it needs the subnets), then the tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        Planned planned = new Planned(changes);
        CompletableFuture<?> modify = !planned.changesAny(MODIFIABLE) ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "ModifyDBSubnetGroup", () -> RdsClient.of(aws).modifyDBSubnetGroup(r ->
                        ATTRIBUTES.write(r.dbSubnetGroupName(current.physicalId()), Attributes.of(spec),
                                planned.changes("description") ? MODIFIABLE : List.of("subnetIds"))));
        return modify.thenCompose(done -> groups.tags().update(ctx, current.arn(), planned.tags()))
                .thenApply(done -> ATTRIBUTES.written(spec, schema().name(), current.physicalId(), current.arn(), null));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        return ApplyCalls.callUnless(ctx, "DeleteDBSubnetGroup", GONE, () -> RdsClient.of(aws)
                .deleteDBSubnetGroup(r -> r.dbSubnetGroupName(current.physicalId())));
    }

    private static Observed written(ResourceSpec spec, DBSubnetGroup group) {
        return ATTRIBUTES.written(spec, RdsTypes.SUBNET_GROUP.name(), group.dbSubnetGroupName(),
                group.dbSubnetGroupArn(), group);
    }
}
