package dev.scaffold.provider.aws.logs;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.EarlierReads;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsSettings;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.provider.aws.TaggedResources;
import dev.scaffold.schema.LogsTypes;
import dev.scaffold.state.AttributeJson;
import dev.scaffold.state.Observed;
import dev.scaffold.state.PrettyJson;
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
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;

/** The log group's calls the emulator lacks or bends, against AWS's documented answers. */
class LogGroupHandlerTest {

    private static final String NAME = "/scaffold/shop/app";
    private static final String ARN = "arn:aws:logs:us-east-1:123456789012:log-group:" + NAME;
    private static final String OTHER_ARN = "arn:aws:logs:us-east-1:123456789012:log-group:/other/stack";
    private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final ResourceAddress ADDRESS = ResourceAddress.of("services", "app", "log-group");

    private final ScriptedHttpClient logs = new ScriptedHttpClient();
    private AwsClients aws;
    private LogGroupHandler handler;

    @BeforeEach
    void givenAHandlerWhoseLogsClientAnswersAsScripted() {
        aws = new AwsClients(new AwsSettings(Region.US_EAST_1, null, null, null)
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))));
        aws.client(CloudWatchLogsAsyncClient.class, CloudWatchLogsAsyncClient::builder, builder -> builder.httpClient(logs));
        handler = new LogGroupHandler(aws);
    }

    @AfterEach
    void close() {
        aws.close();
    }

    /** Covers {@link EmulatorGaps#LOGS_KMS_KEY_ASSOCIATION_MISSING}. */
    @Test
    void aNewKeyIsAssociatedAndARemovedOneDisassociated() throws Exception {
        logs.answerJson("AssociateKmsKey", 200, "{}").answerJson("DisassociateKmsKey", 200, "{}");
        Observed unencrypted = observed(Map.of("name", NAME, "retentionDays", 30));
        ResourceSpec encrypted = spec(Map.of("name", NAME, "retentionDays", 30, "kmsKeyArn", KEY));

        Observed withKey = handler.update(encrypted, unencrypted, planned(encrypted, unencrypted),
                new TestApplyContext(ADDRESS)).join();
        ResourceSpec withoutKey = spec(mapWithNull(Map.of("name", NAME, "retentionDays", 30), "kmsKeyArn"));
        handler.update(withoutKey, withKey, planned(withoutKey, withKey), new TestApplyContext(ADDRESS)).join();

        assertThat(logs.requests()).extracting(ScriptedHttpClient.Request::operation)
                .containsExactly("AssociateKmsKey", "DisassociateKmsKey");
        assertThat(json(logs.requests().get(0).body())).isEqualTo(Map.of("logGroupName", NAME, "kmsKeyId", KEY));
        assertThat(json(logs.requests().get(1).body())).isEqualTo(Map.of("logGroupName", NAME));
        assertThat(withKey.arn()).isEqualTo(ARN);
    }

    /** Covers {@link EmulatorGaps#LOGS_DESCRIBE_IGNORES_IDENTIFIERS}. */
    @Test
    void theKnownGroupsAreDescribedByTheirNamesInOneCallAndOneGoneIsAbsent() throws Exception {
        logs.answerJson("DescribeLogGroups", 200, """
                {"logGroups": [{"logGroupName": "/scaffold/shop/app", "arn": "%s:*", "logGroupArn": "%s",
                  "retentionInDays": 30, "kmsKeyId": "%s", "creationTime": 1700000000000, "storedBytes": 0}]}
                """.formatted(ARN, ARN, KEY));
        Observed app = observed(Map.of("name", NAME, "retentionDays", 30, "kmsKeyArn", KEY));
        Observed gone = new Observed(ResourceAddress.of("services", "gone", "log-group"), LogsTypes.LOG_GROUP.name(),
                "/scaffold/shop/gone", null, Map.of("name", "/scaffold/shop/gone"), Map.of());
        CountingCalls calls = new CountingCalls();
        ReadContext refresh = new ReadContext(STACK, ENV, calls, SharedReads.perRefresh(), EarlierReads.NONE);
        refresh.shared().get(TaggedResources.KEY, () -> new TaggedResources(Map.of(ARN, Fixtures.tags(ADDRESS))));

        Map<ResourceAddress, Observed> found = found(handler.read(known(app, gone), List.of(), refresh));

        assertThat(json(logs.requests().get(0).body()))
                .isEqualTo(Map.of("logGroupIdentifiers", List.of("/scaffold/shop/app", "/scaffold/shop/gone")));
        assertThat(found).containsOnlyKeys(ADDRESS);
        assertThat(found.get(ADDRESS).arn()).isEqualTo(ARN);
        assertThat(found.get(ADDRESS).attributes()).containsEntry("retentionDays", 30).containsEntry("kmsKeyArn", KEY);
        assertThat(calls.counts()).isEqualTo(Map.of("DescribeLogGroups", 1));
    }

    /** Covers {@link EmulatorGaps#LOGS_DESCRIBE_IGNORES_IDENTIFIERS}: an answer with groups not asked for, on two pages. */
    @Test
    void aDescribeKeepsOnlyTheGroupsAskedForOnEveryPageItsAnswersName() throws Exception {
        logs.answerJson("DescribeLogGroups", 200, """
                {"logGroups": [{"logGroupName": "/other/stack", "arn": "%s:*", "logGroupArn": "%s"}],
                 "nextToken": "page-2"}
                """.formatted(OTHER_ARN, OTHER_ARN));
        logs.answerJson("DescribeLogGroups", 200, """
                {"logGroups": [{"logGroupName": "/scaffold/shop/app", "arn": "%s:*", "logGroupArn": "%s",
                  "retentionInDays": 30, "kmsKeyId": "%s"}]}
                """.formatted(ARN, ARN, KEY));
        ReadContext refresh = new ReadContext(STACK, ENV, new CountingCalls(), SharedReads.perRefresh(),
                EarlierReads.NONE);
        refresh.shared().get(TaggedResources.KEY, () -> new TaggedResources(Map.of(ARN, Fixtures.tags(ADDRESS))));

        Map<ResourceAddress, Observed> found = found(handler.read(
                known(observed(Map.of("name", NAME, "retentionDays", 30, "kmsKeyArn", KEY))), List.of(), refresh));

        assertThat(found).containsOnlyKeys(ADDRESS);
        assertThat(logs.requests()).hasSize(2);
        assertThat(json(logs.requests().get(1).body()))
                .isEqualTo(Map.of("logGroupIdentifiers", List.of(NAME), "nextToken", "page-2"));
    }

    private static ResourceSpec spec(Map<String, Object> attributes) {
        return ResourceSpec.managed(ADDRESS, LogsTypes.LOG_GROUP.name(), attributes, Fixtures.tags(ADDRESS));
    }

    private static Observed observed(Map<String, Object> attributes) {
        return new Observed(ADDRESS, LogsTypes.LOG_GROUP.name(), NAME, ARN, attributes, Fixtures.tags(ADDRESS));
    }

    private static Map<String, Object> mapWithNull(Map<String, Object> attributes, String unset) {
        Map<String, Object> withNull = new LinkedHashMap<>(attributes);
        withNull.put(unset, null);
        return withNull;
    }

    private static Object json(String body) throws JsonProcessingException {
        return AttributeJson.PLAIN.fromJson(PrettyJson.mapper().readTree(body));
    }
}
