package dev.scaffold.provider.aws.elasticache;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.EarlierReads;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsSettings;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.provider.aws.TaggedResources;
import dev.scaffold.schema.ElastiCacheTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.ScriptedHttpClient;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;

/** The replication group's calls the emulator lacks or bends, against AWS's documented answers. */
class ReplicationGroupHandlerTest {

    private static final String ANSWERS = "/aws-answers/elasticache/";
    private static final String ARN = "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:shop-main";
    private static final String OLD_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-main-auth-AbCdEf";
    private static final String NEW_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-main-auth2-GhIjKl";
    private static final String TOKEN = "scripted-token-4fGh8JkL2mNp6QrS";
    private static final ResourceAddress ADDRESS = ResourceAddress.of("caches", "main", "replication-group");

    private final ScriptedHttpClient elasticache = new ScriptedHttpClient();
    private final ScriptedHttpClient secrets = new ScriptedHttpClient();
    private AwsClients aws;
    private ReplicationGroupHandler handler;

    @BeforeEach
    void givenAHandlerWhoseClientsAnswerAsScripted() {
        aws = new AwsClients(new AwsSettings(Region.US_EAST_1, null, null, null)
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))));
        aws.client(ElastiCacheAsyncClient.class, ElastiCacheAsyncClient::builder, b -> b.httpClient(elasticache));
        aws.client(SecretsManagerAsyncClient.class, SecretsManagerAsyncClient::builder, b -> b.httpClient(secrets));
        handler = new ReplicationGroupHandler(aws);
    }

    @AfterEach
    void close() {
        aws.close();
    }

    /** Covers {@link EmulatorGaps#REPLICATION_GROUP_MODIFICATIONS_MISSING}. */
    @Test
    void moreReplicasComeBeforeFailoverIsTurnedOnAndANewSecretsTokenIsRotatedIn() {
        elasticache.answer("IncreaseReplicaCount", ANSWERS + "increase-replica-count.xml")
                .answer("DescribeReplicationGroups", ANSWERS + "replication-group-with-two-replicas.xml")
                .answer("ModifyReplicationGroup", ANSWERS + "modify-replication-group.xml")
                .answer("DescribeReplicationGroups", ANSWERS + "replication-group-with-two-replicas.xml");
        secrets.answerJson("GetSecretValue", 200, "{\"ARN\": \"" + NEW_SECRET + "\", \"Name\": \"shop-main-auth2\","
                + " \"SecretString\": \"" + TOKEN + "\", \"VersionId\": \"v1\", \"VersionStages\": [\"AWSCURRENT\"]}");
        Observed current = observed(attributes(0, false, "cache.t4g.micro", OLD_SECRET));
        ResourceSpec desired = spec(attributes(2, true, "cache.t4g.small", NEW_SECRET));

        Observed updated = handler.update(desired, current, planned(desired, current), new TestApplyContext(ADDRESS)).join();

        assertThat(elasticache.operations()).containsExactly("IncreaseReplicaCount", "DescribeReplicationGroups",
                "ModifyReplicationGroup", "DescribeReplicationGroups");
        assertThat(elasticache.requests().get(0).parameters()).isEqualTo(Map.of("ReplicationGroupId", "shop-main",
                "NewReplicaCount", "2", "ApplyImmediately", "true"));
        assertThat(elasticache.requests().get(2).parameters()).isEqualTo(Map.of("ReplicationGroupId", "shop-main",
                "ApplyImmediately", "true", "AutomaticFailoverEnabled", "true", "MultiAZEnabled", "true",
                "CacheNodeType", "cache.t4g.small", "AuthToken", TOKEN, "AuthTokenUpdateStrategy", "ROTATE"));
        assertThat(secrets.requests()).singleElement().extracting(ScriptedHttpClient.Request::body).asString()
                .contains(NEW_SECRET);
        assertThat(updated.attributes()).containsEntry("readerEndpoint", "replica.shop-main.abc123.use1.cache.amazonaws.com")
                .containsEntry("status", "available").doesNotContainValue(TOKEN);
    }

    /** Covers {@link EmulatorGaps#REPLICATION_GROUP_MODIFICATIONS_MISSING}. */
    @Test
    void failoverIsTurnedOffBeforeTheReplicasGo() {
        elasticache.answer("ModifyReplicationGroup", ANSWERS + "modify-replication-group.xml")
                .answer("DescribeReplicationGroups", ANSWERS + "replication-group-with-two-replicas.xml")
                .answer("DecreaseReplicaCount", ANSWERS + "decrease-replica-count.xml")
                .answer("DescribeReplicationGroups", ANSWERS + "replication-group-without-replicas.xml");
        Observed current = observed(attributes(2, true, "cache.t4g.small", OLD_SECRET));
        ResourceSpec desired = spec(attributes(0, false, "cache.t4g.small", OLD_SECRET));

        handler.update(desired, current, planned(desired, current), new TestApplyContext(ADDRESS)).join();

        assertThat(elasticache.operations()).containsExactly("ModifyReplicationGroup", "DescribeReplicationGroups",
                "DecreaseReplicaCount", "DescribeReplicationGroups");
        assertThat(elasticache.requests().get(0).parameters()).isEqualTo(Map.of("ReplicationGroupId", "shop-main",
                "ApplyImmediately", "true", "AutomaticFailoverEnabled", "false", "MultiAZEnabled", "false"));
        assertThat(elasticache.requests().get(2).parameters()).isEqualTo(Map.of("ReplicationGroupId", "shop-main",
                "NewReplicaCount", "0", "ApplyImmediately", "true"));
        assertThat(secrets.requests()).as("the token is read only to rotate it").isEmpty();
    }

    /** Covers {@link EmulatorGaps#REPLICATION_GROUP_STAYS_DELETING}. */
    @Test
    void deleteWaitsUntilAwsNoLongerKnowsTheGroupAndOneAlreadyGoneIsDeletedToo() {
        elasticache.answer("DeleteReplicationGroup", ANSWERS + "delete-replication-group.xml")
                .fail("DescribeReplicationGroups", "ReplicationGroupNotFoundFault", "ReplicationGroup shop-main not found.")
                .fail("DeleteReplicationGroup", "ReplicationGroupNotFoundFault", "ReplicationGroup shop-main not found.")
                .fail("DescribeReplicationGroups", "ReplicationGroupNotFoundFault", "ReplicationGroup shop-main not found.");
        Observed current = observed(attributes(0, false, "cache.t4g.small", OLD_SECRET));
        TestApplyContext deleting = new TestApplyContext(ADDRESS);

        handler.delete(current, deleting).join();
        handler.delete(current, new TestApplyContext(ADDRESS)).join();

        assertThat(elasticache.operations()).containsExactly("DeleteReplicationGroup", "DescribeReplicationGroups",
                "DeleteReplicationGroup", "DescribeReplicationGroups");
        assertThat(elasticache.requests().get(0).parameters()).isEqualTo(Map.of("ReplicationGroupId", "shop-main"));
        assertThat(deleting.operations()).containsExactly("DeleteReplicationGroup", "poll:replication group shop-main deleted");
    }

    /** Covers {@link EmulatorGaps#REPLICATION_GROUP_HAS_ONE_MEMBER}. */
    @Test
    void aGroupWithTwoReplicasIsReadWithItsReaderEndpointFailoverAndMultiAz() {
        elasticache.answer("DescribeReplicationGroups", ANSWERS + "replication-group-with-two-replicas.xml")
                .answer("DescribeCacheClusters", ANSWERS + "cache-cluster-primary.xml");
        CountingCalls calls = new CountingCalls();
        ReadContext refresh = new ReadContext(STACK, ENV, calls, SharedReads.perRefresh(), EarlierReads.NONE);
        refresh.shared().get(TaggedResources.KEY, () -> new TaggedResources(Map.of(ARN, Fixtures.tags(ADDRESS))));
        Observed recorded = observed(attributes(2, true, "cache.t4g.small", OLD_SECRET));

        Map<ResourceAddress, Observed> found = found(handler.read(known(recorded), List.of(), refresh));

        assertThat(elasticache.requests()).extracting(ScriptedHttpClient.Request::parameters).containsExactly(
                Map.of("ReplicationGroupId", "shop-main"), Map.of("CacheClusterId", "shop-main-001"));
        assertThat(calls.counts()).isEqualTo(Map.of("DescribeReplicationGroups", 1, "DescribeCacheClusters", 1));
        Fixtures.assertNoChanges(spec(attributes(2, true, "cache.t4g.small", OLD_SECRET)), found.get(ADDRESS));
        assertThat(found.get(ADDRESS).attributes())
                .containsEntry("primaryEndpoint", "master.shop-main.abc123.use1.cache.amazonaws.com")
                .containsEntry("readerEndpoint", "replica.shop-main.abc123.use1.cache.amazonaws.com");
    }

    @Test
    void securityGroupsChangedOutsideScaffoldAreReadFromAMemberCluster() {
        elasticache.answer("DescribeReplicationGroups", ANSWERS + "replication-group-with-two-replicas.xml")
                .answer("DescribeCacheClusters", ANSWERS + "cache-cluster-primary-with-another-group.xml");
        ReadContext refresh = new ReadContext(STACK, ENV, new CountingCalls(), SharedReads.perRefresh(), EarlierReads.NONE);
        refresh.shared().get(TaggedResources.KEY, () -> new TaggedResources(Map.of(ARN, Fixtures.tags(ADDRESS))));

        Observed found = found(handler.read(known(observed(attributes(2, true, "cache.t4g.small", OLD_SECRET))),
                List.of(), refresh)).get(ADDRESS);

        assertThat(found.attributes()).containsEntry("securityGroupIds",
                List.of("sg-0123456789abcdef0", "sg-0fedcba9876543210")).containsEntry("subnetGroupName", "shop-main");
    }

    /**
     * A plan made while AWS still makes the group (a wait that timed out) must not read its port or network as gone,
     * which would plan a replace.
     */
    @Test
    void aGroupStillBeingMadeWithoutEndpointsReadsItsRecordedPortAndNoEndpoints() {
        elasticache.answer("DescribeReplicationGroups", ANSWERS + "replication-group-creating.xml")
                .fail("DescribeCacheClusters", "CacheClusterNotFound", "CacheCluster not found: shop-main-001");
        ReadContext refresh = new ReadContext(STACK, ENV, new CountingCalls(), SharedReads.perRefresh(), EarlierReads.NONE);
        refresh.shared().get(TaggedResources.KEY, () -> new TaggedResources(Map.of(ARN, Fixtures.tags(ADDRESS))));
        Observed recorded = observed(attributes(2, true, "cache.t4g.small", OLD_SECRET));

        Observed found = found(handler.read(known(recorded), List.of(), refresh)).get(ADDRESS);

        Fixtures.assertNoChanges(spec(attributes(2, true, "cache.t4g.small", OLD_SECRET)), found);
        assertThat(found.attributes()).containsEntry("status", "creating").containsEntry("primaryEndpoint", null);
    }

    private static Map<String, Object> attributes(int replicas, boolean failover, String nodeType, String secret) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("replicationGroupId", "shop-main");
        attributes.put("description", "the main cache");
        attributes.put("engine", "redis");
        attributes.put("engineVersion", "7.1");
        attributes.put("nodeType", nodeType);
        attributes.put("replicas", replicas);
        attributes.put("automaticFailover", failover);
        attributes.put("multiAz", failover);
        attributes.put("atRestEncryption", true);
        attributes.put("transitEncryption", true);
        attributes.put("kmsKeyId", "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555");
        attributes.put("authTokenSecretArn", secret);
        attributes.put("subnetGroupName", "shop-main");
        attributes.put("securityGroupIds", List.of("sg-0123456789abcdef0"));
        attributes.put("snapshotRetentionDays", 7);
        attributes.put("port", 6379);
        return attributes;
    }

    private static ResourceSpec spec(Map<String, Object> attributes) {
        return ResourceSpec.managed(ADDRESS, ElastiCacheTypes.REPLICATION_GROUP.name(), attributes, Fixtures.tags(ADDRESS));
    }

    private static Observed observed(Map<String, Object> attributes) {
        return new Observed(ADDRESS, ElastiCacheTypes.REPLICATION_GROUP.name(), "shop-main", ARN, attributes,
                Fixtures.tags(ADDRESS));
    }
}
