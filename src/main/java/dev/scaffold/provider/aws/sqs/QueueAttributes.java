package dev.scaffold.provider.aws.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaffold.provider.aws.Attributes;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue's attributes, each declared once: scaffold's name, the SQS attribute it stands for, and how its value
 * converts between the two. SQS keeps them as text by name, in the create request, in SetQueueAttributes and in
 * GetQueueAttributes' answer alike, so one declaration serves the read, the create and the update.
 */
final class QueueAttributes {

    /**
     * One attribute.
     *
     * @param fromAws SQS's text as scaffold's value; {@code null} when SQS answered none
     * @param toAws scaffold's value as SQS's text; {@code null} leaves it out of a create
     */
    private record Attribute(String name, QueueAttributeName sqs, Function<String, Object> fromAws,
                             Function<Object, String> toAws) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What SetQueueAttributes takes to remove a redrive policy or a key. */
    private static final String NONE = "";

    static final List<String> CHANGEABLE = List.of("visibilityTimeoutSeconds", "messageRetentionSeconds", "kmsKeyId",
            "redrive");

    private static final List<Attribute> ATTRIBUTES = List.of(
            // A standard queue takes no FifoQueue at all, so only true is written.
            new Attribute("fifo", QueueAttributeName.FIFO_QUEUE, Boolean::parseBoolean,
                    value -> Boolean.TRUE.equals(value) ? "true" : null),
            new Attribute("visibilityTimeoutSeconds", QueueAttributeName.VISIBILITY_TIMEOUT, Integer::valueOf,
                    String::valueOf),
            new Attribute("messageRetentionSeconds", QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer::valueOf,
                    String::valueOf),
            new Attribute("kmsKeyId", QueueAttributeName.KMS_MASTER_KEY_ID, text -> text, String::valueOf),
            new Attribute("redrive", QueueAttributeName.REDRIVE_POLICY, QueueAttributes::redriveFromAws,
                    QueueAttributes::redriveToAws));

    private QueueAttributes() {
    }

    /** Every attribute by scaffold's name, from GetQueueAttributes' answer; absent ones {@code null}, fifo false. */
    static Map<String, Object> read(Map<String, String> answered) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Attribute attribute : ATTRIBUTES) {
            String text = answered.get(attribute.sqs().toString());
            values.put(attribute.name(), text == null || text.isEmpty()
                    ? attribute.name().equals("fifo") ? false : null : attribute.fromAws().apply(text));
        }
        return values;
    }

    /** The desired values a create sets: every attribute the spec gives. */
    static Map<QueueAttributeName, String> forCreate(Attributes desired) {
        Map<QueueAttributeName, String> toAws = new LinkedHashMap<>();
        for (Attribute attribute : ATTRIBUTES) {
            Object value = desired.values().get(attribute.name());
            String text = value == null ? null : attribute.toAws().apply(value);
            if (text != null) {
                toAws.put(attribute.sqs(), text);
            }
        }
        return toAws;
    }

    /** The desired values of the named attributes as SetQueueAttributes takes them; one the spec leaves out is removed. */
    static Map<QueueAttributeName, String> forUpdate(Attributes desired, Collection<String> names) {
        Map<QueueAttributeName, String> toAws = new LinkedHashMap<>();
        for (Attribute attribute : ATTRIBUTES) {
            if (names.contains(attribute.name())) {
                Object value = desired.values().get(attribute.name());
                toAws.put(attribute.sqs(), value == null ? NONE : attribute.toAws().apply(value));
            }
        }
        return toAws;
    }

    /** SQS's redrive policy as {@code {deadLetterArn, maxReceives}}; AWS writes the count as a number or as text. */
    private static Object redriveFromAws(String json) {
        try {
            JsonNode policy = JSON.readTree(json);
            Map<String, Object> redrive = new LinkedHashMap<>();
            redrive.put("deadLetterArn", policy.path("deadLetterTargetArn").asText());
            redrive.put("maxReceives", policy.path("maxReceiveCount").asInt());
            return redrive;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SQS answered a redrive policy that is not JSON: " + json, e);
        }
    }

    private static String redriveToAws(Object value) {
        Map<?, ?> redrive = (Map<?, ?>) value;
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("deadLetterTargetArn", redrive.get("deadLetterArn"));
        policy.put("maxReceiveCount", ((Number) redrive.get("maxReceives")).intValue());
        try {
            return JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a redrive policy of text and a number is always JSON", e);
        }
    }
}
