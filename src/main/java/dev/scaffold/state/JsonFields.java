package dev.scaffold.state;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the fields of scaffold's own JSON files (state, saved plans), with the same errors everywhere. */
public final class JsonFields {

    private JsonFields() {
    }

    /** A field that must be there and not null; its absence is an {@link IllegalArgumentException}. */
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
}
