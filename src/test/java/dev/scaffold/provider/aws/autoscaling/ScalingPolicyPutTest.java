package dev.scaffold.provider.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsSettings;
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
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;

/**
 * A policy's create as AWS answers it, with the policy's ARN, which the emulator leaves out
 * ({@link EmulatorGaps#PUT_SCALING_POLICY_OMITS_ARN}): replayed by a scripted HTTP client that records the request.
 */
class ScalingPolicyPutTest {

    private static final String POLICY_ARN = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:"
            + "7e6d5c4b-3a2f-4e1d-9c8b-7a6f5e4d3c2b:autoScalingGroupName/shop-app:policyName/requests";

    @Test
    void aRequestCountPolicyIsPutWithItsTargetGroupsLabelAndTakesItsArnFromTheAnswer() {
        ScriptedHttpClient autoScaling = new ScriptedHttpClient()
                .answer("PutScalingPolicy", "/aws-answers/autoscaling/put-scaling-policy.xml");
        ResourceAddress address = ResourceAddress.of("services", "app", "scaling-policy");
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("groupName", "shop-app");
        attributes.put("name", "requests");
        attributes.put("metric", "ALBRequestCountPerTarget");
        attributes.put("loadBalancerArn",
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-web/50dc6c495c0c9188");
        attributes.put("targetGroupArn",
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-app/73e2d6bc24d8a067");
        attributes.put("targetValue", 1000);
        ResourceSpec spec = ResourceSpec.managed(address, AutoScalingTypes.SCALING_POLICY.name(), attributes, Map.of());
        TestApplyContext ctx = new TestApplyContext(address);

        Observed created;
        try (AwsClients aws = new AwsClients(new AwsSettings(Region.US_EAST_1, null, URI.create("http://127.0.0.1:1"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))))) {
            aws.client(AutoScalingAsyncClient.class, AutoScalingAsyncClient::builder, b -> b.httpClient(autoScaling));
            created = new ScalingPolicyHandler(aws).create(spec, ctx).join();
        }

        Map<String, String> parameters = new TreeMap<>();
        parameters.put("AutoScalingGroupName", "shop-app");
        parameters.put("PolicyName", "requests");
        parameters.put("PolicyType", "TargetTrackingScaling");
        parameters.put("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType",
                "ALBRequestCountPerTarget");
        parameters.put("TargetTrackingConfiguration.PredefinedMetricSpecification.ResourceLabel",
                "app/shop-web/50dc6c495c0c9188/targetgroup/shop-app/73e2d6bc24d8a067");
        parameters.put("TargetTrackingConfiguration.TargetValue", "1000.0");
        assertThat(calls(autoScaling)).as("no read after the put: AWS's answer names the policy")
                .containsExactly(new Call("PutScalingPolicy", parameters));
        assertThat(created.physicalId()).isEqualTo(POLICY_ARN);
        assertThat(created.arn()).isEqualTo(POLICY_ARN);
        assertThat(ctx.created()).singleElement().extracting(Observed::arn).isEqualTo(POLICY_ARN);
    }

    /** A Query API request as the test asserts it: its action and form parameters. */
    private record Call(String action, Map<String, String> parameters) {
    }

    private static List<Call> calls(ScriptedHttpClient scripted) {
        return scripted.requests().stream().map(request -> new Call(request.operation(), request.parameters())).toList();
    }
}
