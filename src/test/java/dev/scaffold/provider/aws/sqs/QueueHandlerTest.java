package dev.scaffold.provider.aws.sqs;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.assertRefusedAsAnotherStacks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsSettings;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.schema.SqsTypes;
import dev.scaffold.state.AttributeJson;
import dev.scaffold.state.PrettyJson;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.ScriptedHttpClient;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The queue's calls the emulator bends, against AWS's documented answers. */
class QueueHandlerTest {

    private static final String URL = "https://sqs.us-east-1.amazonaws.com/123456789012/shop-jobs";
    private static final ResourceAddress ADDRESS = ResourceAddress.of("queues", "jobs", "queue");

    private final ScriptedHttpClient sqs = new ScriptedHttpClient();
    private AwsClients aws;

    @BeforeEach
    void givenAHandlerWhoseSqsClientAnswersAsScripted() {
        aws = new AwsClients(new AwsSettings(Region.US_EAST_1, null, null, null)
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))));
        aws.client(SqsAsyncClient.class, SqsAsyncClient::builder, builder -> builder.httpClient(sqs));
    }

    @AfterEach
    void close() {
        aws.close();
    }

    /** Covers {@link EmulatorGaps#SQS_IDENTICAL_CREATE_REPLACES_TAGS}. */
    @Test
    void aQueueOfAnotherStackWithTheSameAttributesIsRefusedAsAnothers() throws Exception {
        Map<String, String> blogs = Fixtures.tags("blog", ENV, ADDRESS);
        String theirTags = PrettyJson.mapper().writeValueAsString(Map.of("Tags", blogs));
        sqs.answerJson("CreateQueue", 200, "{\"QueueUrl\": \"" + URL + "\"}")
                .answerJson("ListQueueTags", 200, theirTags)
                .answerJson("GetQueueUrl", 200, "{\"QueueUrl\": \"" + URL + "\"}")
                .answerJson("ListQueueTags", 200, theirTags);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", "shop-jobs");
        attributes.put("fifo", false);
        attributes.put("visibilityTimeoutSeconds", 60);
        attributes.put("messageRetentionSeconds", 345_600);
        ResourceSpec ours = ResourceSpec.managed(ADDRESS, SqsTypes.QUEUE.name(), attributes, Fixtures.tags(ADDRESS));
        TestApplyContext creating = new TestApplyContext(ADDRESS);

        assertRefusedAsAnotherStacks(() -> new QueueHandler(aws).create(ours, creating), "CreateQueue",
                "QueueAlreadyExists", "a queue named shop-jobs already exists and is not this stack's (its"
                        + " scaffold:stack is blog, not shop); delete it or rename the tier in the blueprint, then run"
                        + " again");

        assertThat(sqs.operations()).containsExactly("CreateQueue", "ListQueueTags", "GetQueueUrl", "ListQueueTags");
        assertThat(json(sqs.requests().get(0).body())).isEqualTo(Map.of("QueueName", "shop-jobs",
                "Attributes", Map.of("VisibilityTimeout", "60", "MessageRetentionPeriod", "345600"),
                "tags", Fixtures.tags(ADDRESS)));
        assertThat(creating.created()).as("another's queue is not recorded").isEmpty();
    }

    private static Object json(String body) throws JsonProcessingException {
        return AttributeJson.PLAIN.fromJson(PrettyJson.mapper().readTree(body));
    }
}
