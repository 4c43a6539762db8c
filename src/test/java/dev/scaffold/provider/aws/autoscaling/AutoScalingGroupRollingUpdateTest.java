package dev.scaffold.provider.aws.autoscaling;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.EarlierReads;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsSettings;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.provider.aws.TaggedResources;
import dev.scaffold.schema.AutoScalingTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.ScriptedHttpClient;
import dev.scaffold.testing.TestApplyContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;

/**
 * A group's move to a new launch template version by a rolling instance refresh. The emulator has no instance
 * refreshes ({@link EmulatorGaps#INSTANCE_REFRESHES_MISSING}), so Auto Scaling's answers are the ones AWS documents,
 * replayed by a scripted HTTP client that records the exact requests.
 */
class AutoScalingGroupRollingUpdateTest {

    private static final ResourceAddress ADDRESS = ResourceAddress.of("services", "app", "group");
    private static final String ARN = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:"
            + "5a0e7b1c-2d3f-4a5b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/shop-app";
    private static final String TEMPLATE = "lt-0a1b2c3d4e5f60718";
    private static final String REFRESH = "6c2f9e55-1d3a-4b8e-9f07-3a5d2c1b0e94";
    private static final String EARLIER = "0d9c8b7a-6f5e-4d3c-a2b1-0f9e8d7c6b5a";
    private static final String ANSWERS = "/aws-answers/autoscaling/";

    private final ScriptedHttpClient autoScaling = new ScriptedHttpClient();
    private final AwsClients aws = new AwsClients(new AwsSettings(Region.US_EAST_1, null,
            URI.create("http://127.0.0.1:1"), StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))));
    private final AutoScalingGroupHandler handler;

    AutoScalingGroupRollingUpdateTest() {
        aws.client(AutoScalingAsyncClient.class, AutoScalingAsyncClient::builder, b -> b.httpClient(autoScaling));
        handler = new AutoScalingGroupHandler(aws);
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void aNewVersionWithARollingUpdateIsRolledOutByAnInstanceRefreshFollowedToItsEnd() {
        Observed current = onVersion(2);
        ResourceSpec desired = spec(3);
        List<AttributeChange> changes = planned(desired, current);
        assertThat(changes).extracting(AttributeChange::name).containsExactly("launchTemplateVersion");
        autoScaling.answer("StartInstanceRefresh", ANSWERS + "start-instance-refresh.xml")
                .answer("DescribeInstanceRefreshes", ANSWERS + "instance-refresh-pending.xml")
                .answer("DescribeInstanceRefreshes", ANSWERS + "instance-refresh-half-done.xml")
                .answer("DescribeInstanceRefreshes", ANSWERS + "instance-refresh-successful.xml");
        TestApplyContext ctx = new TestApplyContext(ADDRESS);

        Observed updated = handler.update(desired, current, changes, ctx).join();

        assertThat(calls(autoScaling)).as("no UpdateAutoScalingGroup: the refresh moves the group")
                .containsExactly(startRefresh(), describeRefresh(), describeRefresh(), describeRefresh());
        assertThat(ctx.told()).containsExactly(
                "instance refresh " + REFRESH + " started: replacing the instances of shop-app with launch template"
                        + " version 3",
                "instance refresh 0% complete, 4 instances left to replace",
                "instance refresh 50% complete, 2 instances left to replace",
                "instance refresh 100% complete, 0 instances left to replace");
        assertThat(updated.attributes()).containsEntry("launchTemplateVersion", 3);
        assertThat(updated.arn()).isEqualTo(ARN);
    }

    @Test
    void aFailedRefreshFailsTheGroupWithAwssReasonAndTheNextPlanMovesItAgain() {
        Observed current = onVersion(2);
        ResourceSpec desired = spec(3);
        autoScaling.answer("StartInstanceRefresh", ANSWERS + "start-instance-refresh.xml")
                .answer("DescribeInstanceRefreshes", ANSWERS + "instance-refresh-failed.xml");

        assertThatThrownBy(() -> handler.update(desired, current, planned(desired, current),
                new TestApplyContext(ADDRESS)).join())
                .cause()
                .isInstanceOfSatisfying(HandlerException.class, failure -> {
                    assertThat(failure.address()).isEqualTo(ADDRESS);
                    assertThat(failure.operation()).isEqualTo("instance refresh");
                    assertThat(failure.getMessage()).isEqualTo("the instance refresh of shop-app to launch template"
                            + " version 3 ended Failed: The instance refresh stopped: instance i-0f1e2d3c4b5a69788 did"
                            + " not pass its ELB health check within the grace period.; the group stays on its previous"
                            + " version: apply again to roll forward, or change the blueprint back");
                });
        assertThat(calls(autoScaling)).as("the version was only the refresh's desired configuration")
                .containsExactly(startRefresh(), describeRefresh());

        // AWS sets a refresh's desired configuration only when it succeeds: the group reads back on version 2.
        autoScaling.answer("DescribeAutoScalingGroups", ANSWERS + "group-still-on-version-2.xml");
        ReadContext refresh = new ReadContext(STACK, ENV, ApiCalls.DIRECT, SharedReads.perRefresh(), EarlierReads.NONE);
        refresh.shared().get(TaggedResources.KEY, () -> new TaggedResources(Map.of()));
        Observed read = handler.read(known(current), List.of(), refresh).get(0);
        assertThat(read.attributes()).containsEntry("launchTemplateVersion", 2)
                .containsEntry("rollingUpdate", Map.of("minHealthyPercent", 90));
        assertThat(planned(desired, read)).extracting(AttributeChange::name, AttributeChange::before,
                AttributeChange::after).containsExactly(tuple("launchTemplateVersion", 2, 3));
    }

    @Test
    void aRefreshAnInterruptedApplyLeftRunningIsFollowedToItsEndBeforeTheNewOneStarts() {
        Observed current = onVersion(2);
        ResourceSpec desired = spec(3);
        autoScaling.fail("StartInstanceRefresh", "InstanceRefreshInProgress",
                        "An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.")
                .answer("DescribeInstanceRefreshes", ANSWERS + "instance-refresh-earlier-running.xml")
                .answer("DescribeInstanceRefreshes", ANSWERS + "instance-refresh-earlier-successful.xml")
                .answer("StartInstanceRefresh", ANSWERS + "start-instance-refresh.xml")
                .answer("DescribeInstanceRefreshes", ANSWERS + "instance-refresh-successful.xml");
        TestApplyContext ctx = new TestApplyContext(ADDRESS);

        handler.update(desired, current, planned(desired, current), ctx).join();

        assertThat(calls(autoScaling)).containsExactly(startRefresh(),
                new Call("DescribeInstanceRefreshes", Map.of("AutoScalingGroupName", "shop-app")),
                new Call("DescribeInstanceRefreshes", new TreeMap<>(Map.of("AutoScalingGroupName", "shop-app",
                        "InstanceRefreshIds.member.1", EARLIER))),
                startRefresh(), describeRefresh());
        assertThat(ctx.told()).startsWith("instance refresh " + EARLIER + ", started before, is still running: waiting"
                + " for it to end before starting another", "instance refresh 100% complete, 0 instances left to replace");
    }

    private static Call startRefresh() {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("AutoScalingGroupName", "shop-app");
        parameters.put("DesiredConfiguration.LaunchTemplate.LaunchTemplateId", TEMPLATE);
        parameters.put("DesiredConfiguration.LaunchTemplate.Version", "3");
        parameters.put("Preferences.MinHealthyPercentage", "90");
        parameters.put("Preferences.SkipMatching", "true");
        parameters.put("Strategy", "Rolling");
        return new Call("StartInstanceRefresh", parameters);
    }

    private static Call describeRefresh() {
        return new Call("DescribeInstanceRefreshes", new TreeMap<>(Map.of(
                "AutoScalingGroupName", "shop-app", "InstanceRefreshIds.member.1", REFRESH)));
    }

    private static Observed onVersion(int version) {
        ResourceSpec spec = spec(version);
        return new Observed(ADDRESS, AutoScalingTypes.GROUP.name(), "shop-app", ARN, spec.attributes(), spec.tags());
    }

    private static ResourceSpec spec(int version) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", "shop-app");
        attributes.put("launchTemplateId", TEMPLATE);
        attributes.put("launchTemplateVersion", version);
        attributes.put("minSize", 2);
        attributes.put("maxSize", 6);
        attributes.put("subnetIds", List.of("subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"));
        attributes.put("targetGroupArns",
                List.of("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-web/9f8e7d6c5b4a3f2e"));
        attributes.put("healthCheckType", "ELB");
        attributes.put("healthCheckGracePeriodSeconds", 120);
        attributes.put("rollingUpdate", Map.of("minHealthyPercent", 90));
        return ResourceSpec.managed(ADDRESS, AutoScalingTypes.GROUP.name(), attributes, Fixtures.tags(ADDRESS));
    }

    /** A Query API request as the test asserts it: its action and form parameters. */
    private record Call(String action, Map<String, String> parameters) {
    }

    private static List<Call> calls(ScriptedHttpClient scripted) {
        return scripted.requests().stream().map(request -> new Call(request.operation(), request.parameters())).toList();
    }
}
