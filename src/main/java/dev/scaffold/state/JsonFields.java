package dev.scaffold.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields of scaffold's own JSON files (state, saved plans), with the same errors everywhere.
 * Every problem is an {@link IllegalArgumentException} whose message names the field.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** A field that must be there and not null. */
    public static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("the field '" + field + "' is missing");
        }
        return value;
    }

    /** A field's text, or {@code null} when it is absent or null. */
    public static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A field that must be a string. */
    public static String requiredText(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return value.textValue();
    }

    /** A field that must be there, as a string or {@code null}. */
    public static String nullableText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("the field '" + field + "' is missing");
        }
        if (!value.isNull() && !value.isTextual()) {
            throw wrongType(field, "a string or null", value);
        }
        return value.isNull() ? null : value.textValue();
    }

    /** A field that must be a JSON object. */
    public static JsonNode requiredObject(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isObject()) {
            throw wrongType(field, "an object", value);
        }
        return value;
    }

    /** A field that must be an array of strings. */
    public static List<String> requiredTexts(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isArray()) {
            throw wrongType(field, "an array of strings", value);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw wrongType(field, "an array of strings", value);
            }
            texts.add(element.textValue());
        }
        return texts;
    }

    /** Refuses fields other than {@code allowed}, so a misspelt or foreign field is not silently dropped. */
    public static void onlyFields(JsonNode node, Set<String> allowed, String where) {
        Set<String> unknown = new TreeSet<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + " has unknown field" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown.stream().map(name -> "'" + name + "'").toList())
                    + "; expected only " + String.join(", ", new TreeSet<>(allowed)));
        }
    }

    /** The kind of a JSON value in words, for messages: {@code a number}, {@code an array}. */
    public static String kindOf(JsonNode value) {
        String kind = value.getNodeType().name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "object", "array" -> "an " + kind;
            case "null" -> "null";
            default -> "a " + kind;
        };
    }

    private static IllegalArgumentException wrongType(String field, String expected, JsonNode value) {
        return new IllegalArgumentException("the field '" + field + "' must be " + expected + ", not "
                + kindOf(value) + (value.isValueNode() && !value.isNull() ? " (" + value + ")" : ""));
    }
}
