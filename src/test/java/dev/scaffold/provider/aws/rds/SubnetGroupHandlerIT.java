package dev.scaffold.provider.aws.rds;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.assertRefusedAsAnotherStacks;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static dev.scaffold.provider.aws.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.schema.RdsTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Subnet;

@ExtendWith(AwsEmulator.class)
class SubnetGroupHandlerIT {

    private static SubnetGroupHandler handler;
    private static List<String> subnets;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new SubnetGroupHandler(aws);
        subnets = Clients.ec2(aws).describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true")))
                .join().subnets().stream().map(Subnet::subnetId).sorted().toList();
    }

    /** The update of description and subnets is {@code SubnetGroupUpdateTest}'s: {@link EmulatorGaps#RDS_MODIFY_SUBNET_GROUP_DROPS_IT}. */
    @Test
    void subnetGroupIsCreatedReadItsTagsUpdatedInPlaceAndDeleted() {
        ResourceAddress address = ResourceAddress.of("databases", "main", "subnet-group");
        ResourceSpec desired = spec(address, "shop-main", subnets.subList(0, 2));

        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        assertThat(created.physicalId()).isEqualTo("shop-main");
        assertThat(created.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:subgrp:shop-main");
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec retagged = Fixtures.withTags(desired, Map.of("owner", "data"));
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(retagged, afterCreate, planned(retagged, afterCreate), updating).join();
        assertThat(updating.operations()).containsExactly("AddTagsToResource");
        assertNoChanges(retagged, found(handler.read(known(updated), List.of(), read)).get(address));

        TestApplyContext deleting = new TestApplyContext(address);
        handler.delete(updated, deleting).join();
        handler.delete(updated, deleting).join();
        assertThat(deleting.operations()).as("gone the second time, which is done").hasSize(2);
        assertThat(found(handler.read(known(updated), List.of(desired), read))).doesNotContainKey(address);
    }

    /**
     * The tagging read returns no subnet groups ({@link EmulatorGaps#RDS_TAGGING_API_OMITS_GROUPS}), nor would it one whose
     * stack tags were removed: each group is described by name and its tags read alone, as RDS batches neither.
     */
    @Test
    void readDescribesEachGroupByNameAndReadsItsTagsAloneAndFindsTheBlueprintsUnknownGroupByName() {
        Observed first = create(ResourceAddress.of("databases", "a", "subnet-group"), "shop-a");
        Observed second = create(ResourceAddress.of("databases", "b", "subnet-group"), "shop-b");
        ResourceAddress lost = ResourceAddress.of("databases", "c", "subnet-group");
        ResourceSpec lostSpec = spec(lost, "shop-c", subnets.subList(0, 2));
        handler.create(lostSpec, new TestApplyContext(lost)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(first, second), List.of(lostSpec),
                new ReadContext(STACK, ENV, calls)));

        assertThat(found).containsOnlyKeys(first.address(), second.address(), lost);
        assertNoChanges(lostSpec, found.get(lost));
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeDBSubnetGroups", 3,
                "ListTagsForResource", 3));
        assertThat(handler.read(List.of(), List.of(), new ReadContext(STACK, ENV, calls = new CountingCalls())))
                .isEmpty();
        assertThat(calls.counts()).as("nothing known, tagged or desired: only the stack's shared tagging read")
                .isEqualTo(Map.of("GetResources", 1));
        found.values().forEach(group -> handler.delete(group, new TestApplyContext(group.address())).join());
    }

    /** Covers {@link EmulatorGaps#RDS_CREATE_SUBNET_GROUP_TAKES_A_NAME_IN_USE}: the proxy gives AWS's answer to a taken name. */
    @Test
    void aCreateWhoseAnswerWasLostGoesOnWithTheGroupItMade(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("databases", "lossy", "subnet-group");
        ResourceSpec desired = spec(address, "shop-lossy", subnets.subList(0, 2));
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateDBSubnetGroup", Fault.LOST_RESPONSE);
            proxy.answer("CreateDBSubnetGroup", 400, "DBSubnetGroupAlreadyExists",
                    "The DB subnet group 'shop-lossy' already exists.");

            created = new SubnetGroupHandler(lossy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("CreateDBSubnetGroup", "DescribeDBSubnetGroups",
                    "ListTagsForResource");
        }
        assertThat(RdsClient.of(aws).describeDBSubnetGroups().join().dbSubnetGroups()).singleElement()
                .satisfies(group -> assertThat(group.dbSubnetGroupName()).isEqualTo(created.physicalId()));
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /** Covers {@link EmulatorGaps#RDS_CREATE_SUBNET_GROUP_TAKES_A_NAME_IN_USE}: the proxy gives AWS's answer to a taken name. */
    @Test
    void aGroupOfThatNameOfAnotherStackIsAClashAndIsLeftAlone(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("databases", "twin", "subnet-group");
        Observed theirs = handler.create(ResourceSpec.managed(address, RdsTypes.SUBNET_GROUP.name(),
                spec(address, "shop-twin", subnets).attributes(), tags("blog", ENV, address)),
                new TestApplyContext(address)).join();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateDBSubnetGroup", 400, "DBSubnetGroupAlreadyExists",
                    "The DB subnet group 'shop-twin' already exists.");

            assertRefusedAsAnotherStacks(() -> new SubnetGroupHandler(through).create(
                    spec(address, "shop-twin", subnets.subList(0, 2)), new TestApplyContext(address)),
                    "CreateDBSubnetGroup", "DBSubnetGroupAlreadyExists", "a DB subnet group named shop-twin already"
                            + " exists and is not this stack's (its scaffold:stack is blog, not shop); delete it or"
                            + " rename the tier in the blueprint, then run again");
            assertThat(proxy.forwardedOperations()).containsExactly("DescribeDBSubnetGroups", "ListTagsForResource");
        }
        assertThat(found(handler.read(known(theirs), List.of(), read)).get(address).attributes())
                .containsEntry("subnetIds", subnets);
        handler.delete(theirs, new TestApplyContext(address)).join();
    }

    private Observed create(ResourceAddress address, String name) {
        return handler.create(spec(address, name, subnets.subList(0, 2)), new TestApplyContext(address)).join();
    }

    static ResourceSpec spec(ResourceAddress address, String name, List<String> subnetIds) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("description", "The subnets of the database " + name);
        attributes.put("subnetIds", subnetIds);
        return ResourceSpec.managed(address, RdsTypes.SUBNET_GROUP.name(), attributes, tags(address));
    }
}
