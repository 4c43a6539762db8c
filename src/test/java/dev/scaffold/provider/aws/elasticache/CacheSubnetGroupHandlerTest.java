package dev.scaffold.provider.aws.elasticache;

import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsSettings;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.schema.ElastiCacheTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.ScriptedHttpClient;
import dev.scaffold.testing.TestApplyContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;

/** The cache subnet group's calls the emulator lacks, against AWS's documented answers. */
class CacheSubnetGroupHandlerTest {

    private static final String ANSWERS = "/aws-answers/elasticache/";
    private static final String ARN = "arn:aws:elasticache:us-east-1:123456789012:subnetgroup:shop-main";
    private static final ResourceAddress ADDRESS = ResourceAddress.of("caches", "main", "subnet-group");

    private final ScriptedHttpClient elasticache = new ScriptedHttpClient();
    private AwsClients aws;
    private CacheSubnetGroupHandler handler;

    @BeforeEach
    void givenAHandlerWhoseElastiCacheClientAnswersAsScripted() {
        aws = new AwsClients(new AwsSettings(Region.US_EAST_1, null, null, null)
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))));
        aws.client(ElastiCacheAsyncClient.class, ElastiCacheAsyncClient::builder, b -> b.httpClient(elasticache));
        handler = new CacheSubnetGroupHandler(aws);
    }

    @AfterEach
    void close() {
        aws.close();
    }

    /** Covers {@link EmulatorGaps#CACHE_SUBNET_GROUP_MODIFY_AND_DELETE_MISSING}. */
    @Test
    void descriptionAndSubnetsChangeInOneModifyAndTheTagsApart() {
        elasticache.answer("ModifyCacheSubnetGroup", ANSWERS + "modify-cache-subnet-group.xml")
                .answer("AddTagsToResource", ANSWERS + "add-tags-to-resource.xml");
        Observed current = new Observed(ADDRESS, ElastiCacheTypes.SUBNET_GROUP.name(), "shop-main", ARN,
                Map.of("name", "shop-main", "description", "old", "subnetIds", List.of("subnet-0aaa", "subnet-0bbb")),
                Fixtures.tags(ADDRESS));
        ResourceSpec desired = Fixtures.withTags(spec("the main cache's subnets",
                List.of("subnet-0ccc", "subnet-0aaa", "subnet-0bbb")), Map.of("owner", "data"));

        Observed updated = handler.update(desired, current, planned(desired, current), new TestApplyContext(ADDRESS)).join();

        assertThat(elasticache.operations()).containsExactly("ModifyCacheSubnetGroup", "AddTagsToResource");
        assertThat(elasticache.requests().get(0).parameters()).isEqualTo(Map.of(
                "CacheSubnetGroupName", "shop-main", "CacheSubnetGroupDescription", "the main cache's subnets",
                "SubnetIds.SubnetIdentifier.1", "subnet-0ccc", "SubnetIds.SubnetIdentifier.2", "subnet-0aaa",
                "SubnetIds.SubnetIdentifier.3", "subnet-0bbb"));
        assertThat(elasticache.requests().get(1).parameters()).isEqualTo(Map.of("ResourceName", ARN,
                "Tags.Tag.1.Key", "owner", "Tags.Tag.1.Value", "data"));
        assertThat(updated.arn()).isEqualTo(ARN);
    }

    /** Covers {@link EmulatorGaps#CACHE_SUBNET_GROUP_MODIFY_AND_DELETE_MISSING}. */
    @Test
    void deleteDeletesTheGroupAndOneAlreadyGoneIsDeletedToo() {
        elasticache.answer("DeleteCacheSubnetGroup", ANSWERS + "delete-cache-subnet-group.xml")
                .fail("DeleteCacheSubnetGroup", "CacheSubnetGroupNotFoundFault", "CacheSubnetGroup shop-main not found.");
        Observed current = new Observed(ADDRESS, ElastiCacheTypes.SUBNET_GROUP.name(), "shop-main", ARN,
                Map.of("name", "shop-main"), Map.of());

        handler.delete(current, new TestApplyContext(ADDRESS)).join();
        handler.delete(current, new TestApplyContext(ADDRESS)).join();

        assertThat(elasticache.requests()).hasSize(2).allSatisfy(request ->
                assertThat(request.parameters()).isEqualTo(Map.of("CacheSubnetGroupName", "shop-main")));
    }

    private static ResourceSpec spec(String description, List<String> subnets) {
        return ResourceSpec.managed(ADDRESS, ElastiCacheTypes.SUBNET_GROUP.name(),
                Map.of("name", "shop-main", "description", description, "subnetIds", subnets), Fixtures.tags(ADDRESS));
    }
}
