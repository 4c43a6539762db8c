package dev.scaffold.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.BlueprintLoader;
import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.SqsTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queue tier as the loader reads it: the queue, its dead-letter queue, and the grants on its services' roles. */
class QueueComponentTest {

    private static final ResourceAddress QUEUE = ResourceAddress.parse("queues.jobs.queue");
    private static final ResourceAddress DEAD_LETTERS = ResourceAddress.parse("queues.jobs.dead-letter-queue");
    private static final Ref KEY_ARN = new Ref(StackKeyComponent.KEY, "arn");

    @TempDir
    Path dir;

    @Test
    void aQueueWithEveryDefaultIsEncryptedWithTheStackKeyAndRedrivesToADeadLetterQueueKeptLonger() throws IOException {
        Map<ResourceAddress, ResourceSpec> specs = expand("queues: { jobs: {} }\n");

        assertThat(specs.get(QUEUE).type()).isEqualTo(SqsTypes.QUEUE.name());
        assertThat(specs.get(QUEUE).attributes()).containsExactlyEntriesOf(attributes("shop-jobs", false, 60, 345_600,
                Map.of("deadLetterArn", new Ref(DEAD_LETTERS, "arn"), "maxReceives", 5)));
        assertThat(specs.get(DEAD_LETTERS).attributes()).containsExactlyEntriesOf(attributes("shop-jobs-dlq", false, 30,
                1_209_600, null));
        assertThat(specs.get(QUEUE).tags()).containsEntry("scaffold:address", "queues.jobs.queue");
        assertThat(specs).as("the stack key, made for queues without services").containsKey(StackKeyComponent.KEY);
    }

    @Test
    void aFifoQueueInAnEnvironmentIsNamedForItAndItsDeadLetterQueueIsFifoToo() throws IOException {
        Map<ResourceAddress, ResourceSpec> specs = expand("""
                environments: { staging: {} }
                queues:
                  jobs: { fifo: true, visibilityTimeoutSeconds: 300, retentionDays: 14, maxReceives: 10 }
                """, "staging");

        assertThat(specs.get(QUEUE).attributes()).containsExactlyEntriesOf(attributes("shop-staging-jobs.fifo", true,
                300, 1_209_600, Map.of("deadLetterArn", new Ref(DEAD_LETTERS, "arn"), "maxReceives", 10)));
        assertThat(specs.get(DEAD_LETTERS).attributes()).containsEntry("name", "shop-staging-jobs-dlq.fifo")
                .containsEntry("fifo", true);
    }

    @Test
    void consumersMayReceiveAndProducersSendOnThatQueueAloneAndUseTheStackKeyAsEachNeeds() throws IOException {
        Map<ResourceAddress, ResourceSpec> specs = expand("""
                services:
                  app: { image: ami-0abcdef1234567890 }
                  worker: { image: ami-0abcdef1234567890 }
                  admin: { image: ami-0abcdef1234567890 }
                queues:
                  jobs: { consumers: [ services.worker ], producers: [ services.app, services.worker ] }
                  mail: {}
                """);

        Ref jobs = new Ref(QUEUE, "arn");
        assertThat(policies(specs, "app")).containsOnlyKeys("write-own-logs", "queue-jobs-produce")
                .containsEntry("queue-jobs-produce", policy(List.of("sqs:SendMessage", "sqs:GetQueueAttributes"), jobs,
                        List.of("kms:GenerateDataKey", "kms:Decrypt")));
        assertThat(policies(specs, "worker")).containsOnlyKeys("write-own-logs", "queue-jobs-consume",
                "queue-jobs-produce")
                .containsEntry("queue-jobs-consume", policy(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage",
                        "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"), jobs, List.of("kms:Decrypt")));
        assertThat(policies(specs, "admin")).containsOnlyKeys("write-own-logs");
    }

    @Test
    void aServiceEnvironmentMayHoldTheQueuesUrlsWhichResolveAfterApply() throws IOException {
        Path file = write("""
                services:
                  app: { image: ami-0abcdef1234567890, environment: { JOBS_URL: "${queues.jobs.url}",
                         FAILED_URL: "${queues.jobs.deadLetterUrl}", JOBS_ARN: "${queues.jobs.arn}" } }
                queues:
                  jobs: { consumers: [ services.app ] }
                """);

        Expansion expansion = new Components().expansion(new BlueprintLoader(Map.of()).load(LoadRequest.of(file)));

        assertThat(expansion.notices()).isEmpty();
        assertThat(expansion.outputs()).containsEntry("queues.jobs.url", new Ref(QUEUE, "url"))
                .containsEntry("queues.jobs.arn", new Ref(QUEUE, "arn"))
                .containsEntry("queues.jobs.deadLetterUrl", new Ref(DEAD_LETTERS, "url"));
        assertThat(expansion.resources()).filteredOn(spec -> spec.address().toString()
                .equals("services.app.launch-template")).singleElement().satisfies(spec -> assertThat(spec.refs())
                        .contains(new Ref(QUEUE, "url"), new Ref(DEAD_LETTERS, "url"), new Ref(QUEUE, "arn")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> policies(Map<ResourceAddress, ResourceSpec> specs, String service) {
        return (Map<String, Object>) specs.get(ResourceAddress.of("services", service, "role")).attributes()
                .get("inlinePolicies");
    }

    private static Map<String, Object> policy(List<String> queueActions, Ref queue, List<String> keyActions) {
        return Map.of("Version", "2012-10-17", "Statement", List.of(
                Map.of("Effect", "Allow", "Action", queueActions, "Resource", queue),
                Map.of("Effect", "Allow", "Action", keyActions, "Resource", KEY_ARN)));
    }

    private static Map<String, Object> attributes(String name, boolean fifo, int visibility, int retention,
                                                  Map<String, Object> redrive) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("fifo", fifo);
        attributes.put("visibilityTimeoutSeconds", visibility);
        attributes.put("messageRetentionSeconds", retention);
        attributes.put("kmsKeyId", KEY_ARN);
        attributes.put("redrive", redrive == null ? null : new HashMap<>(redrive));
        return attributes;
    }

    private Map<ResourceAddress, ResourceSpec> expand(String tiers) throws IOException {
        return expand(tiers, null);
    }

    private Map<ResourceAddress, ResourceSpec> expand(String tiers, String environment) throws IOException {
        Blueprint blueprint = new BlueprintLoader(Map.of()).load(new LoadRequest(write(tiers), environment, Map.of(),
                List.of()));
        return new Components().expand(blueprint).stream()
                .collect(Collectors.toMap(ResourceSpec::address, Function.identity()));
    }

    private Path write(String tiers) throws IOException {
        return Files.writeString(dir.resolve("blueprint.yaml"), "blueprint: shop\nregion: us-east-1\n" + tiers);
    }
}
