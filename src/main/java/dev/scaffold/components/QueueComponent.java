package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.Queue;
import dev.scaffold.blueprint.TierName;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.SqsTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands one {@code queues.NAME} tier: an SQS queue encrypted with the stack's key, and its dead-letter queue,
 * to which a message moves after {@code maxReceives} receives and where it is kept 14 days, SQS's longest, so
 * longer than in the queue. The services a queue names as consumers and producers get least-privilege grants on
 * their roles ({@link #grants}), made by {@link ServiceComponent}.
 */
public final class QueueComponent implements SectionComponent {

    static final String TIER = "queues";
    private static final int SECONDS_PER_DAY = 86_400;
    /** SQS's longest retention, for the dead-letter queue. */
    private static final int DEAD_LETTER_RETENTION_SECONDS = 14 * SECONDS_PER_DAY;
    /** SQS's default, for the dead-letter queue, which the services do not consume. */
    private static final int DEAD_LETTER_VISIBILITY_SECONDS = 30;
    private static final List<String> CONSUME = List.of("sqs:ReceiveMessage", "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes");
    private static final List<String> PRODUCE = List.of("sqs:SendMessage", "sqs:GetQueueAttributes");

    @Override
    public String section() {
        return TIER;
    }

    /** What each queue offers other tiers and {@code scaffold output}: the attributes {@code TierAttributes} declares. */
    @Override
    public Map<String, Ref> outputs(StackContext stack, Blueprint blueprint) {
        Map<String, Ref> outputs = new LinkedHashMap<>();
        for (Queue queue : blueprint.queues().values()) {
            String prefix = TIER + "." + queue.name() + ".";
            outputs.put(prefix + "url", new Ref(queueOf(queue.name()), "url"));
            outputs.put(prefix + "arn", new Ref(queueOf(queue.name()), "arn"));
            outputs.put(prefix + "deadLetterUrl", new Ref(deadLetterQueueOf(queue.name()), "url"));
        }
        return outputs;
    }

    @Override
    public List<ResourceSpec> expand(StackContext stack, Blueprint blueprint, TierValues values) {
        List<ResourceSpec> specs = new ArrayList<>();
        for (Queue queue : blueprint.queues().values()) {
            ResourceAddress deadLetter = deadLetterQueueOf(queue.name());
            Map<String, Object> redrive = new LinkedHashMap<>();
            redrive.put("deadLetterArn", new Ref(deadLetter, "arn"));
            redrive.put("maxReceives", queue.maxReceives());
            specs.add(queue(stack, queue.fifo(), deadLetter, ResourceNames.queue(stack, queue.name() + "-dlq",
                    queue.fifo()), DEAD_LETTER_VISIBILITY_SECONDS, DEAD_LETTER_RETENTION_SECONDS, null));
            specs.add(queue(stack, queue.fifo(), queueOf(queue.name()), ResourceNames.queue(stack, queue.name(),
                    queue.fifo()), queue.visibilityTimeoutSeconds(), queue.retentionDays() * SECONDS_PER_DAY, redrive));
        }
        return specs;
    }

    /**
     * The inline policies a service's role gets from the queues that name it: {@code queue-NAME-consume} to receive,
     * delete and hide messages of that queue alone and decrypt them with the stack's key, {@code queue-NAME-produce}
     * to send to it, with the data keys that encrypting needs.
     */
    static Map<String, Object> grants(Blueprint blueprint, String service) {
        TierName tier = new TierName(ServiceComponent.TIER, service);
        Map<String, Object> policies = new LinkedHashMap<>();
        for (Queue queue : blueprint.queues().values()) {
            Ref arn = new Ref(queueOf(queue.name()), "arn");
            if (queue.consumers().contains(tier)) {
                policies.put("queue-" + queue.name() + "-consume", policy(CONSUME, arn, List.of("kms:Decrypt")));
            }
            if (queue.producers().contains(tier)) {
                policies.put("queue-" + queue.name() + "-produce", policy(PRODUCE, arn,
                        List.of("kms:GenerateDataKey", "kms:Decrypt")));
            }
        }
        return policies;
    }

    static ResourceAddress queueOf(String name) {
        return ResourceAddress.of(TIER, name, "queue");
    }

    static ResourceAddress deadLetterQueueOf(String name) {
        return ResourceAddress.of(TIER, name, "dead-letter-queue");
    }

    /** One queue; {@code redrive} {@code null} for a dead-letter queue, which sends nothing on. */
    private static ResourceSpec queue(StackContext stack, boolean fifo, ResourceAddress address, String name,
                                      int visibilitySeconds, int retentionSeconds, Map<String, Object> redrive) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("fifo", fifo);
        attributes.put("visibilityTimeoutSeconds", visibilitySeconds);
        attributes.put("messageRetentionSeconds", retentionSeconds);
        attributes.put("kmsKeyId", StackKeyComponent.keyArn());
        attributes.put("redrive", redrive);
        return ResourceSpec.managed(address, SqsTypes.QUEUE.name(), attributes, stack.tagsFor(address));
    }

    private static Map<String, Object> policy(List<String> queueActions, Ref queueArn, List<String> keyActions) {
        Map<String, Object> onQueue = new LinkedHashMap<>();
        onQueue.put("Effect", "Allow");
        onQueue.put("Action", queueActions);
        onQueue.put("Resource", queueArn);
        Map<String, Object> onKey = new LinkedHashMap<>();
        onKey.put("Effect", "Allow");
        onKey.put("Action", keyActions);
        onKey.put("Resource", StackKeyComponent.keyArn());
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", List.of(onQueue, onKey));
        return policy;
    }
}
