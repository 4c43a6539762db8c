package dev.scaffold.provider.aws.elasticache;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.provider.aws.secretsmanager.SecretsClient;
import dev.scaffold.schema.ElastiCacheTypes;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.TestApplyContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * Replication groups against the emulator: create with an auth token, read, lost answers, clashes, shared polls.
 * Changes, deletes and groups with replicas are in {@link ReplicationGroupHandlerTest}
 * ({@link EmulatorGaps#REPLICATION_GROUP_MODIFICATIONS_MISSING}, {@link EmulatorGaps#REPLICATION_GROUP_STAYS_DELETING},
 * {@link EmulatorGaps#REPLICATION_GROUP_HAS_ONE_MEMBER}).
 */
@ExtendWith(AwsEmulator.class)
class ReplicationGroupHandlerIT {

    private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";

    private static ReplicationGroupHandler handler;
    private static AwsClients aws;
    private static String secretArn;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients clients) {
        aws = clients;
        handler = new ReplicationGroupHandler(clients);
        CacheClient.of(clients).createCacheSubnetGroup(r -> r.cacheSubnetGroupName("shop-cache")
                .cacheSubnetGroupDescription("d").subnetIds("subnet-0aaa")).exceptionally(ignored -> null).join();
        secretArn = SecretsClient.of(clients).createSecret(r -> r.name("shop-cache-auth")
                .secretString("emulated-token-7Q2xV9mK4pL8wN3r")).join().arn();
    }

    @Test
    void groupIsCreatedWithTheSecretsTokenAvailableAndReadBackWithoutChanges() {
        ResourceAddress address = ResourceAddress.of("caches", "main", "replication-group");
        ResourceSpec desired = spec(address, "shop-main", tags(address));
        TestApplyContext creating = new TestApplyContext(address);

        Observed created = handler.create(desired, creating).join();

        assertThat(creating.operations()).startsWith("GetSecretValue", "CreateReplicationGroup")
                .contains("poll:replication group shop-main available");
        assertThat(creating.created()).singleElement().extracting(Observed::physicalId).isEqualTo("shop-main");
        assertThat(created.arn()).isEqualTo("arn:aws:elasticache:us-east-1:123456789012:replicationgroup:shop-main");
        assertThat(created.attributes()).containsEntry("status", "available")
                .hasEntrySatisfying("primaryEndpoint", endpoint -> assertThat(endpoint).asString().startsWith("master."));
        ReplicationGroup group = CacheClient.of(aws).describeReplicationGroups(r -> r.replicationGroupId("shop-main"))
                .join().replicationGroups().get(0);
        assertThat(group.authTokenEnabled()).isTrue();
        assertThat(group.transitEncryptionEnabled()).isTrue();
        assertThat(group.atRestEncryptionEnabled()).isTrue();
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
    }

    @Test
    void aCreateWhoseAnswerWasLostLeavesOneGroupAndGoesOnWithIt(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("caches", "lost", "replication-group");
        ResourceSpec desired = spec(address, "shop-lost", tags(address));
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateReplicationGroup", FaultInjectingProxy.Fault.LOST_RESPONSE);

            created = new ReplicationGroupHandler(through).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.injected()).containsExactly("LOST_RESPONSE CreateReplicationGroup");
            assertThat(proxy.forwardedOperations()).startsWith("GetSecretValue", "CreateReplicationGroup",
                    "CreateReplicationGroup", "DescribeReplicationGroups", "ListTagsForResource");
        }
        assertThat(created.physicalId()).isEqualTo("shop-lost");
        assertThat(CacheClient.of(aws).describeReplicationGroups().join().replicationGroups())
                .filteredOn(group -> group.replicationGroupId().equals("shop-lost")).hasSize(1);
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
    }

    @Test
    void aGroupOfThatIdOfAnotherLineageIsAClashAndIsLeftAlone() {
        ResourceAddress address = ResourceAddress.of("caches", "twin", "replication-group");
        Observed theirs = handler.create(spec(address, "shop-twin", lineage(tags(address),
                "5d0c1a4e-0000-4000-8000-000000000001")), new TestApplyContext(address)).join();
        ResourceSpec ours = spec(address, "shop-twin", lineage(tags(address), "9b7e6f2a-0000-4000-8000-000000000002"));

        Fixtures.assertRefusedAsAnotherStacks(() -> handler.create(ours, new TestApplyContext(address)),
                "CreateReplicationGroup", "ReplicationGroupAlreadyExists", "a replication group shop-twin already"
                        + " exists and is not this stack's (its scaffold:lineage is 5d0c1a4e-0000-4000-8000-000000000001,"
                        + " not 9b7e6f2a-0000-4000-8000-000000000002); delete it or rename the tier in the blueprint,"
                        + " then run again");

        assertThat(found(handler.read(known(theirs), List.of(), read)).get(address).tags())
                .containsEntry(StackTags.LINEAGE, "5d0c1a4e-0000-4000-8000-000000000001");
    }

    /**
     * Three caches made together report themselves creating (as AWS's do for minutes; the emulator's are available at
     * once, so the proxy answers so for the first two seconds); once their answers are stale, one describe of every
     * group answers for all three.
     */
    @Test
    void threeCachesWaitedOnTogetherArePolledWithOneDescribePerInterval(EmulatorTarget emulator) throws Exception {
        List<Long> describedAt = new CopyOnWriteArrayList<>();
        List<String> answers = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.shapeAnswers((operation, body) -> {
                if (!operation.equals("DescribeReplicationGroups")) {
                    return body;
                }
                long at = System.nanoTime() - start;
                describedAt.add(at);
                String text = new String(body, StandardCharsets.UTF_8);
                answers.add(text);
                return at < 2_000_000_000L ? text.replace("<Status>available</Status>", "<Status>creating</Status>")
                        .getBytes(StandardCharsets.UTF_8) : body;
            });
            ReplicationGroupHandler together = new ReplicationGroupHandler(through);
            List<CompletableFuture<Observed>> creates = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ResourceAddress address = new ResourceAddress("caches", "many", "replication-group", i);
                creates.add(together.create(spec(address, "shop-many-" + i, tags(address)), new TestApplyContext(address)));
            }

            List<Observed> created = creates.stream().map(CompletableFuture::join).toList();

            assertThat(created).extracting(group -> group.attributes().get("status")).containsOnly("available");
            assertThat(describedAt).as("at most one describe per cache before the first interval").hasSizeBetween(2, 4);
            List<String> afterFirstInterval = new ArrayList<>();
            for (int i = 0; i < describedAt.size(); i++) {
                if (describedAt.get(i) >= 2_000_000_000L) {
                    afterFirstInterval.add(answers.get(i));
                }
            }
            assertThat(afterFirstInterval).as("one describe answered for the three").singleElement().asString()
                    .contains("shop-many-0", "shop-many-1", "shop-many-2");
        }
    }

    @Test
    void theStacksGroupsAreFoundByTheTaggingReadAndDescribedOneCallEachWithoutTagCalls() {
        String stack = "shop-read";
        List<Observed> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ResourceAddress address = new ResourceAddress("caches", "read", "replication-group", i);
            created.add(handler.create(spec(address, "shop-read-" + i, tags(stack, ENV, address)),
                    new TestApplyContext(address)).join());
        }
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(created.get(0)), List.of(),
                new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(created.stream().map(Observed::address).toList());
        assertThat(calls.counts()).as("members unknown to the emulator's DescribeCacheClusters, each asked once")
                .isEqualTo(Map.of("GetResources", 1, "DescribeReplicationGroups", 3, "DescribeCacheClusters", 3));
        CountingCalls none = new CountingCalls();
        assertThat(handler.read(List.of(), List.of(), new ReadContext("nobody", ENV, none))).isEmpty();
        assertThat(none.counts()).isEqualTo(Map.of("GetResources", 1));
    }

    /** One node group without replicas: the emulator makes one member whatever is asked ({@link EmulatorGaps#REPLICATION_GROUP_HAS_ONE_MEMBER}). */
    private static ResourceSpec spec(ResourceAddress address, String id, Map<String, String> tags) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("replicationGroupId", id);
        attributes.put("description", "the main cache");
        attributes.put("engine", "redis");
        attributes.put("engineVersion", "7.1");
        attributes.put("nodeType", "cache.t4g.micro");
        attributes.put("replicas", 0);
        attributes.put("automaticFailover", false);
        attributes.put("multiAz", false);
        attributes.put("atRestEncryption", true);
        attributes.put("transitEncryption", true);
        attributes.put("kmsKeyId", KEY);
        attributes.put("authTokenSecretArn", secretArn);
        attributes.put("subnetGroupName", "shop-cache");
        attributes.put("securityGroupIds", List.of("sg-0123456789abcdef0"));
        attributes.put("snapshotRetentionDays", 7);
        attributes.put("port", 6379);
        return ResourceSpec.managed(address, ElastiCacheTypes.REPLICATION_GROUP.name(), attributes, tags);
    }

    private static Map<String, String> lineage(Map<String, String> tags, String lineage) {
        Map<String, String> with = new LinkedHashMap<>(tags);
        with.put(StackTags.LINEAGE, lineage);
        return with;
    }
}
