package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.StackInEmulator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queues tier end to end against the emulator: a load balancer, a service and a queue the service consumes and
 * produces apply; through the SDK the queue and its dead-letter queue, the redrive, the stack's key, the retentions
 * and the role's grants on that queue alone are as the blueprint says; the next plan is empty; a new visibility
 * timeout is one in-place update; destroy removes both queues.
 */
@ExtendWith(AwsEmulator.class)
class QueueTierIT {

    private static final String IMAGE = "ami-1e749f67";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private EmulatorTarget emulator;
    private AwsClients aws;
    private Path blueprint;
    private String stack;

    @BeforeEach
    void writeBlueprint(EmulatorTarget emulator, AwsClients aws) throws Exception {
        this.emulator = emulator;
        this.aws = aws;
        this.stack = StackInEmulator.uniqueName("jobs", dir);
        this.blueprint = write(120);
    }

    @Test
    void theQueueTierAppliesWithItsDeadLetterQueueKeyAndGrantsPlansEmptyChangesInPlaceAndDestroysClean()
            throws Exception {
        CommandLineRun apply = scaffold("apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(scaffold("plan", "--detailed-exitcode").exitCode()).as("the next plan is empty").isZero();

        Map<String, String> queue = attributes(stack + "-jobs");
        Map<String, String> deadLetters = attributes(stack + "-jobs-dlq");
        String keyArn = keyOfTheStack();
        assertThat(queue).containsEntry("VisibilityTimeout", "120").containsEntry("MessageRetentionPeriod", "604800")
                .containsEntry("KmsMasterKeyId", keyArn);
        JsonNode redrive = JSON.readTree(queue.get("RedrivePolicy"));
        assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(deadLetters.get("QueueArn"));
        assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(3);
        assertThat(deadLetters).containsEntry("MessageRetentionPeriod", "1209600").containsEntry("KmsMasterKeyId", keyArn)
                .doesNotContainKey("RedrivePolicy");

        String role = stack + "-app-us-east-1";
        assertThat(Clients.iam(aws).listRolePolicies(r -> r.roleName(role)).join().policyNames())
                .containsExactlyInAnyOrder("write-own-logs", "queue-jobs-consume", "queue-jobs-produce");
        JsonNode consume = rolePolicy(role, "queue-jobs-consume");
        assertThat(consume.path("Statement").get(0).path("Resource").asText()).isEqualTo(queue.get("QueueArn"));
        assertThat(consume.path("Statement").get(0).path("Action")).extracting(JsonNode::asText)
                .containsExactly("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueAttributes");
        assertThat(consume.path("Statement").get(1).path("Resource").asText()).isEqualTo(keyArn);
        JsonNode produce = rolePolicy(role, "queue-jobs-produce");
        assertThat(produce.path("Statement").get(0).path("Resource").asText()).isEqualTo(queue.get("QueueArn"));
        assertThat(produce.path("Statement").get(0).path("Action")).extracting(JsonNode::asText)
                .containsExactly("sqs:SendMessage", "sqs:GetQueueAttributes");
        assertThat(produce.path("Statement").get(1).path("Action")).extracting(JsonNode::asText)
                .containsExactly("kms:GenerateDataKey", "kms:Decrypt");
        String url = Clients.sqs(aws).getQueueUrl(r -> r.queueName(stack + "-jobs")).join().queueUrl();
        assertThat(userData()).as("the queue's URL reaches the servers").contains("JOBS_URL=" + url);
        assertThat(CommandLineRun.of("output", "queues.jobs.url", "-f", blueprint.toString()).out().strip())
                .isEqualTo(url);
        assertThat(CommandLineRun.of("output", "queues.jobs.deadLetterUrl", "-f", blueprint.toString()).out().strip())
                .isEqualTo(Clients.sqs(aws).getQueueUrl(r -> r.queueName(stack + "-jobs-dlq")).join().queueUrl());

        write(300);
        CommandLineRun longer = scaffold("plan");
        assertThat(longer.out()).contains("~ queues.jobs.queue (AWS::SQS::Queue)")
                .contains("~ visibilityTimeoutSeconds: 120 → 300")
                .contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.");
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();
        assertThat(attributes(stack + "-jobs")).containsEntry("VisibilityTimeout", "300");
        assertThat(scaffold("plan", "--detailed-exitcode").exitCode()).isZero();

        CommandLineRun destroy = scaffold("destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.out() + destroy.err()).isZero();
        assertThat(Clients.sqs(aws).listQueues(r -> r.queueNamePrefix(stack)).join().queueUrls()).isEmpty();
    }

    private Path write(int visibilityTimeoutSeconds) throws Exception {
        return Files.writeString(dir.resolve("blueprint.yaml"), """
                blueprint: %s
                region: us-east-1
                loadBalancers:
                  web: { healthCheck: { path: /health } }
                services:
                  app:
                    loadBalancer: web
                    image: %s
                    capacity: { min: 1, max: 2 }
                    deploy: { strategy: none }
                    environment: { JOBS_URL: "${queues.jobs.url}" }
                queues:
                  jobs:
                    visibilityTimeoutSeconds: %d
                    retentionDays: 7
                    maxReceives: 3
                    consumers: [ services.app ]
                    producers: [ services.app ]
                """.formatted(stack, IMAGE, visibilityTimeoutSeconds));
    }

    private Map<String, String> attributes(String name) {
        String url = Clients.sqs(aws).getQueueUrl(r -> r.queueName(name)).join().queueUrl();
        return Clients.sqs(aws).getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).join()
                .attributesAsStrings();
    }

    private JsonNode rolePolicy(String role, String name) throws Exception {
        String document = Clients.iam(aws).getRolePolicy(r -> r.roleName(role).policyName(name)).join().policyDocument();
        return JSON.readTree(URLDecoder.decode(document, StandardCharsets.UTF_8));
    }

    private String userData() {
        String data = Clients.ec2(aws).describeLaunchTemplateVersions(r -> r.launchTemplateName(stack + "-app")
                .versions("$Default")).join().launchTemplateVersions().get(0).launchTemplateData().userData();
        return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    }

    private String keyOfTheStack() {
        return aws.tagging().getResources(r -> r.tagFilters(f -> f.key("scaffold:stack").values(stack))).join()
                .resourceTagMappingList().stream().map(resource -> resource.resourceARN())
                .filter(arn -> arn.contains(":kms:")).findFirst().orElseThrow();
    }

    /** scaffold on this test's blueprint, against the emulator. */
    private CommandLineRun scaffold(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", blueprint.toString(), "--endpoint-url", emulator.endpoint().toString()));
        return CommandLineRun.of(Map.of(), all.toArray(String[]::new));
    }
}
