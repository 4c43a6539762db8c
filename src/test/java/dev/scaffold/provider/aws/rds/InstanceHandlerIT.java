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
import dev.scaffold.schema.RdsTypes;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.TestApplyContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

@ExtendWith(AwsEmulator.class)
class InstanceHandlerIT {

    /** When the handler's final snapshots are taken: 2026-12-08 01:30 UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T01:30:00Z"), ZoneOffset.UTC);

    private static InstanceHandler handler;
    private static String keyArn;
    private static String groupA;
    private static String groupB;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new InstanceHandler(aws, Duration.ofSeconds(1), Duration.ofMinutes(1), CLOCK);
        keyArn = Clients.kms(aws).createKey(r -> r.description("shop data")).join().keyMetadata().arn();
        String vpcId = Clients.ec2(aws).describeVpcs(r -> r.filters(f -> f.name("is-default").values("true")))
                .join().vpcs().get(0).vpcId();
        List<String> subnets = Clients.ec2(aws).describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true")))
                .join().subnets().stream().map(Subnet::subnetId).sorted().toList();
        groupA = Clients.ec2(aws).createSecurityGroup(r -> r.groupName("db-a").description("a").vpcId(vpcId)).join().groupId();
        groupB = Clients.ec2(aws).createSecurityGroup(r -> r.groupName("db-b").description("b").vpcId(vpcId)).join().groupId();
        RdsClient.of(aws).createDBSubnetGroup(r -> r.dbSubnetGroupName("shop-data").dbSubnetGroupDescription("data")
                .subnetIds(subnets)).join();
        RdsClient.of(aws).createDBParameterGroup(r -> r.dbParameterGroupName("shop-pg16").dbParameterGroupFamily("postgres16")
                .description("postgres 16")).join();
        RdsClient.of(aws).createDBParameterGroup(r -> r.dbParameterGroupName("shop-pg16-tuned")
                .dbParameterGroupFamily("postgres16").description("postgres 16, tuned")).join();
    }

    @Test
    void primaryIsCreatedAvailableReadUpdatedInPlaceAndDeletedWithItsFinalSnapshot(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("databases", "main", "primary");
        ResourceSpec desired = primary(address, "shop-main", false);

        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        assertThat(created.physicalId()).isEqualTo("shop-main");
        assertThat(created.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:db:shop-main");
        assertThat(created.attributes()).containsEntry("port", 5432).containsEntry("status", "available");
        assertThat(created.attributes().get("endpoint")).asString().startsWith("shop-main.");
        assertThat(created.attributes().get("masterSecretArn")).asString().startsWith("arn:aws:secretsmanager:");
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);
        assertThat(afterCreate.attributes()).containsEntry("masterSecretArn", created.attributes().get("masterSecretArn"))
                .containsEntry("skipFinalSnapshot", false);

        ResourceSpec changed = with(desired, Map.of("instanceClass", "db.t4g.small", "allocatedStorage", 50,
                "backupRetentionDays", 14, "multiAz", true, "vpcSecurityGroupIds", List.of(groupB),
                "parameterGroupName", "shop-pg16-tuned", "engineVersion", "16.6"));
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(changed, afterCreate, planned(changed, afterCreate), updating).join();
        assertThat(updating.operations()).containsExactly("ModifyDBInstance", "poll:DB instance available with its changes");
        assertNoChanges(changed, found(handler.read(known(updated), List.of(), read)).get(address));

        TestApplyContext deleting = new TestApplyContext(address);
        handler.delete(updated, deleting).join();
        assertThat(deleting.operations()).containsExactly("DeleteDBInstance", "poll:DB instance deleted");
        assertThat(found(handler.read(known(updated), List.of(changed), read))).doesNotContainKey(address);
        assertThat(RdsClient.of(aws).describeDBSnapshots(r -> r.dbInstanceIdentifier("shop-main")).join().dbSnapshots())
                .extracting(DBSnapshot::dbSnapshotIdentifier).containsExactly("shop-main-final-202612080130");
    }

    /** Covers {@link EmulatorGaps#RDS_REPLICA_DESCRIBED_WITH_PRIMARYS_SECRET}: the replicas show no secret of their own. */
    @Test
    void aPrimaryAndTwoReplicasInOtherZonesAreCreatedReadAndDeletedReplicasFirstWithoutSnapshots(AwsClients aws) {
        ResourceAddress primaryAddress = ResourceAddress.of("databases", "reads", "primary");
        ResourceSpec primarySpec = with(primary(primaryAddress, "shop-reads", false), Map.of("skipFinalSnapshot", true));
        Observed primary = handler.create(primarySpec, new TestApplyContext(primaryAddress)).join();
        List<ResourceSpec> replicaSpecs = List.of(
                replica(new ResourceAddress("databases", "reads", "replica", 0), "shop-reads-replica-0", "shop-reads", "us-east-1b"),
                replica(new ResourceAddress("databases", "reads", "replica", 1), "shop-reads-replica-1", "shop-reads", "us-east-1c"));
        List<TestApplyContext> creating = replicaSpecs.stream().map(spec -> new TestApplyContext(spec.address())).toList();
        List<Observed> replicas = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            replicas.add(handler.create(replicaSpecs.get(i), creating.get(i)).join());
            assertThat(creating.get(i).operations()).startsWith("CreateDBInstanceReadReplica", "poll:DB instance available");
        }

        List<Observed> all = new ArrayList<>(replicas);
        all.add(0, primary);
        Map<ResourceAddress, Observed> found = found(handler.read(known(all.toArray(Observed[]::new)), List.of(), read));
        assertNoChanges(primarySpec, found.get(primaryAddress));
        for (ResourceSpec spec : replicaSpecs) {
            assertNoChanges(spec, found.get(spec.address()));
            assertThat(found.get(spec.address()).attributes()).containsEntry("sourceIdentifier", "shop-reads")
                    .containsEntry("storageEncrypted", true).containsEntry("kmsKeyId", keyArn)
                    .containsEntry("masterSecretArn", primary.attributes().get("masterSecretArn"));
        }
        assertThat(RdsClient.of(aws).describeDBInstances(r -> r.dbInstanceIdentifier("shop-reads")).join().dbInstances()
                .get(0).readReplicaDBInstanceIdentifiers()).containsExactlyInAnyOrder("shop-reads-replica-0",
                "shop-reads-replica-1");

        for (ResourceSpec spec : replicaSpecs) {
            handler.delete(found.get(spec.address()), new TestApplyContext(spec.address())).join();
        }
        handler.delete(found.get(primaryAddress), new TestApplyContext(primaryAddress)).join();
        assertThat(handler.read(known(all.toArray(Observed[]::new)), List.of(), read)).isEmpty();
        assertThat(RdsClient.of(aws).describeDBSnapshots(r -> r.snapshotType("manual")).join().dbSnapshots())
                .as("skipFinalSnapshot on the primary; replicas never take one")
                .noneMatch(snapshot -> snapshot.dbSnapshotIdentifier().startsWith("shop-reads"));
    }

    /** The plan refuses to delete a protected instance the blueprint keeps protected: {@code RdsSchemaTest}. */
    @Test
    void aProtectedInstanceThePlanDeletesHasItsProtectionTurnedOffFirst() {
        ResourceAddress address = ResourceAddress.of("databases", "prod", "primary");
        Observed created = handler.create(with(primary(address, "shop-prod", true), Map.of("skipFinalSnapshot", true)),
                new TestApplyContext(address)).join();
        Observed observed = found(handler.read(known(created), List.of(), read)).get(address);
        assertThat(observed.attributes()).containsEntry("deletionProtection", true);
        TestApplyContext deleting = new TestApplyContext(address);

        handler.delete(observed, deleting).join();

        assertThat(deleting.operations()).containsExactly("ModifyDBInstance", "DeleteDBInstance", "poll:DB instance deleted");
        assertThat(found(handler.read(known(created), List.of(), read))).isEmpty();
    }

    @Test
    void anInstanceAwsStillProtectsThoughItsRecordSaysOffHasItsProtectionTurnedOffThenIsDeleted() {
        ResourceAddress address = ResourceAddress.of("databases", "stale", "primary");
        Observed created = handler.create(with(primary(address, "shop-stale", true), Map.of("skipFinalSnapshot", true)),
                new TestApplyContext(address)).join();
        Map<String, Object> unprotected = new LinkedHashMap<>(created.attributes());
        unprotected.put("deletionProtection", false);
        TestApplyContext deleting = new TestApplyContext(address);

        handler.delete(new Observed(address, created.type(), created.physicalId(), created.arn(), unprotected, Map.of()),
                deleting).join();

        assertThat(deleting.operations()).as("AWS refuses the first delete: InvalidParameterCombination")
                .containsExactly("DeleteDBInstance", "ModifyDBInstance", "DeleteDBInstance", "poll:DB instance deleted");
        assertThat(found(handler.read(known(created), List.of(), read))).isEmpty();
    }

    @Test
    void readDescribesTheStacksInstancesInOneCallWithTheirTagsAndFindsTaggedOrphans() {
        String stack = "shop-many";
        List<Observed> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ResourceAddress address = new ResourceAddress("databases", "many", "replica", i);
            ResourceSpec spec = ResourceSpec.managed(address, RdsTypes.INSTANCE.name(),
                    primary(address, "shop-many-" + i, false).attributes(), tags(stack, ENV, address));
            created.add(handler.create(with(spec, Map.of("skipFinalSnapshot", true)), new TestApplyContext(address)).join());
        }
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(created.get(0)), List.of(),
                new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(created.stream().map(Observed::address).toList());
        assertThat(calls.counts()).as("the tags come with the description").isEqualTo(Map.of("GetResources", 1,
                "DescribeDBInstances", 1));
        assertThat(found.get(created.get(0).address()).attributes()).containsEntry("skipFinalSnapshot", true);
        assertThat(found.get(created.get(1).address()).attributes()).as("not in the state: scaffold's setting unknown")
                .doesNotContainKey("skipFinalSnapshot");
        CountingCalls none = new CountingCalls();
        assertThat(handler.read(List.of(), List.of(), new ReadContext("shop-none", ENV, none))).isEmpty();
        assertThat(none.counts()).as("nothing known, tagged or desired: the shared tagging read only")
                .isEqualTo(Map.of("GetResources", 1));
        created.forEach(db -> handler.delete(db, new TestApplyContext(db.address())).join());
    }

    @Test
    void aCreateWhoseAnswerWasLostLeavesExactlyOneInstanceAndGoesOnWithIt(AwsClients aws, EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("databases", "lossy", "primary");
        ResourceSpec desired = with(primary(address, "shop-lossy", false), Map.of("skipFinalSnapshot", true));
        Observed created;
        TestApplyContext creating = new TestApplyContext(address);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateDBInstance", Fault.LOST_RESPONSE);

            created = new InstanceHandler(lossy, Duration.ofSeconds(1), Duration.ofMinutes(1), CLOCK).create(desired, creating).join();

            assertThat(proxy.forwardedOperations()).containsExactly("CreateDBInstance", "CreateDBInstance",
                    "DescribeDBInstances", "DescribeDBInstances");
        }
        assertThat(creating.created()).singleElement().extracting(Observed::physicalId).isEqualTo("shop-lossy");
        assertThat(RdsClient.of(aws).describeDBInstances().join().dbInstances())
                .filteredOn(db -> db.dbInstanceIdentifier().startsWith("shop-lossy")).hasSize(1);
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aDeleteWhoseAnswerWasLostIsDoneWhenAwsAnswersTheRetryThatTheInstanceIsBeingDeleted(EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("databases", "gone", "primary");
        Observed created = handler.create(with(primary(address, "shop-gone", false), Map.of("skipFinalSnapshot", true)),
                new TestApplyContext(address)).join();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("DeleteDBInstance", Fault.LOST_RESPONSE);
            proxy.answer("DeleteDBInstance", 400, "InvalidDBInstanceState", "Instance shop-gone is already being deleted.");
            TestApplyContext deleting = new TestApplyContext(address);

            new InstanceHandler(lossy, Duration.ofSeconds(1), Duration.ofMinutes(1), CLOCK).delete(created, deleting).join();

            assertThat(deleting.operations()).containsExactly("DeleteDBInstance", "DescribeDBInstances",
                    "poll:DB instance deleted");
            assertThat(proxy.forwardedOperations()).containsExactly("DeleteDBInstance", "DescribeDBInstances",
                    "DescribeDBInstances");
        }
        assertThat(found(handler.read(known(created), List.of(), read))).isEmpty();
    }

    @Test
    void anInstanceOfThatIdentifierOfAnotherLineageIsAClashAndIsLeftAlone() {
        ResourceAddress address = ResourceAddress.of("databases", "twin", "primary");
        ResourceSpec ours = with(primary(address, "shop-twin", false), Map.of("skipFinalSnapshot", true));
        Map<String, String> theirTags = new LinkedHashMap<>(ours.tags());
        theirTags.put(StackTags.LINEAGE, "5d0c1a4e-0000-4000-8000-000000000001");
        Map<String, String> ourTags = new LinkedHashMap<>(ours.tags());
        ourTags.put(StackTags.LINEAGE, "9b7e6f2a-0000-4000-8000-000000000002");
        Observed theirs = handler.create(ResourceSpec.managed(address, RdsTypes.INSTANCE.name(), ours.attributes(),
                theirTags), new TestApplyContext(address)).join();

        assertRefusedAsAnotherStacks(() -> handler.create(ResourceSpec.managed(address, RdsTypes.INSTANCE.name(),
                        ours.attributes(), ourTags), new TestApplyContext(address)), "CreateDBInstance",
                "DBInstanceAlreadyExists", "a DB instance named shop-twin already exists and is not this stack's (its"
                        + " scaffold:lineage is 5d0c1a4e-0000-4000-8000-000000000001, not"
                        + " 9b7e6f2a-0000-4000-8000-000000000002); delete it or rename the tier in the blueprint, then"
                        + " run again");
        assertThat(found(handler.read(known(theirs), List.of(), read)).get(address).tags()).isEqualTo(theirTags);
        handler.delete(theirs, new TestApplyContext(address)).join();
    }

    /**
     * Covers {@link EmulatorGaps#RDS_INSTANCES_AVAILABLE_AT_ONCE}: the proxy reports every instance {@code creating} for
     * its first few seconds, so five creates wait together for real, polling every second. Each wait's first poll, as
     * its create answers, describes that instance alone (the others' answers are fresh); from then on one describe
     * per interval answers for all five.
     */
    @Test
    void fiveDatabasesWaitingTogetherShareOneDescribePerInterval(EmulatorTarget emulator) throws Exception {
        Duration creatingFor = Duration.ofSeconds(4);
        List<Observed> created = new ArrayList<>();
        List<Integer> describedAt = new CopyOnWriteArrayList<>();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients slow = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            long until = System.nanoTime() + creatingFor.toNanos();
            proxy.shapeAnswers((operation, body) -> {
                if (operation.equals("DescribeDBInstances")) {
                    describedAt.add(new String(body, StandardCharsets.UTF_8).split("<DBInstanceIdentifier>").length - 1);
                }
                return System.nanoTime() > until ? body : new String(body, StandardCharsets.UTF_8)
                        .replace("<DBInstanceStatus>available<", "<DBInstanceStatus>creating<")
                        .getBytes(StandardCharsets.UTF_8);
            });
            InstanceHandler waiting = new InstanceHandler(slow, Duration.ofSeconds(1), Duration.ofMinutes(1), CLOCK);
            List<CompletableFuture<Observed>> creates = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ResourceAddress address = new ResourceAddress("databases", "five", "primary", i);
                creates.add(waiting.create(ResourceSpec.managed(address, RdsTypes.INSTANCE.name(),
                        with(primary(address, "shop-five-" + i, false), Map.of("skipFinalSnapshot", true)).attributes(),
                        tags("shop-five", ENV, address)), new TestApplyContext(address)));
            }
            try {
                creates.forEach(create -> created.add(create.join()));
            } finally {
                CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
            }
        } finally {
            created.forEach(db -> handler.delete(db, new TestApplyContext(db.address())).join());
        }

        int firstPolls = 0;
        for (int polled = 0; polled < 5; polled += describedAt.get(firstPolls++)) {
            assertThat(firstPolls).as("the first polls describe each database once").isLessThan(describedAt.size());
        }
        List<Integer> shared = describedAt.subList(firstPolls, describedAt.size());
        System.out.println("Five databases waiting together for " + creatingFor.toSeconds() + " s, polled every second: "
                + describedAt.size() + " DescribeDBInstances in all: " + firstPolls + " first polls as the creates"
                + " answered, then " + shared.size() + ", one per second, each answering for all five (a wait of its"
                + " own each would make about " + 5 * (creatingFor.toSeconds() + 1) + ")");
        assertThat(created).hasSize(5).allSatisfy(db -> assertThat(db.attributes()).containsEntry("status", "available"));
        assertThat(shared).as("after the first polls, one describe per interval for all five").containsOnly(5)
                .hasSizeBetween((int) creatingFor.toSeconds() - 1, (int) creatingFor.toSeconds() + 1);
    }

    private static ResourceSpec primary(ResourceAddress address, String identifier, boolean protection) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("identifier", identifier);
        attributes.put("engine", "postgres");
        attributes.put("engineVersion", "16.4");
        attributes.put("instanceClass", "db.t4g.micro");
        attributes.put("allocatedStorage", 20);
        attributes.put("storageEncrypted", true);
        attributes.put("kmsKeyId", keyArn);
        attributes.put("multiAz", false);
        attributes.put("publiclyAccessible", false);
        attributes.put("deletionProtection", protection);
        attributes.put("backupRetentionDays", 7);
        attributes.put("copyTagsToSnapshot", true);
        attributes.put("autoMinorVersionUpgrade", true);
        attributes.put("masterUsername", "app");
        attributes.put("manageMasterPassword", true);
        attributes.put("subnetGroupName", "shop-data");
        attributes.put("parameterGroupName", "shop-pg16");
        attributes.put("vpcSecurityGroupIds", List.of(groupA));
        attributes.put("skipFinalSnapshot", false);
        return ResourceSpec.managed(address, RdsTypes.INSTANCE.name(), attributes, tags(address));
    }

    private static ResourceSpec replica(ResourceAddress address, String identifier, String source, String zone) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("identifier", identifier);
        attributes.put("sourceIdentifier", source);
        attributes.put("availabilityZone", zone);
        attributes.put("instanceClass", "db.t4g.micro");
        attributes.put("storageEncrypted", true);
        attributes.put("kmsKeyId", keyArn);
        attributes.put("publiclyAccessible", false);
        attributes.put("deletionProtection", false);
        attributes.put("copyTagsToSnapshot", true);
        attributes.put("autoMinorVersionUpgrade", true);
        attributes.put("parameterGroupName", "shop-pg16");
        attributes.put("vpcSecurityGroupIds", List.of(groupA));
        attributes.put("skipFinalSnapshot", true);
        return ResourceSpec.managed(address, RdsTypes.INSTANCE.name(), attributes, tags(address));
    }

    private static ResourceSpec with(ResourceSpec spec, Map<String, Object> changes) {
        Map<String, Object> attributes = new LinkedHashMap<>(spec.attributes());
        attributes.putAll(changes);
        return spec.withAttributes(attributes);
    }
}
