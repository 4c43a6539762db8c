package dev.scaffold.blueprint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Derives the JSON Schema of a fragment, a file that blueprints import, from the blueprint's own: the same
 * sections, keys and {@code $defs}, with nothing required, so that the two never drift apart.
 *
 * <p>What a fragment leaves out, the importing blueprint or another import gives: the merged document is
 * checked as a blueprint. So every requirement on a mapping that the merge can complete is dropped (the stack
 * name, a service's image, an s3 state's bucket, a variable's type). Lists are not merged but replaced, so an
 * item of a list (a waiver, a moved entry, an import) is still whole where it is written; and what the
 * blueprint forbids ({@code not}) stays forbidden.
 */
final class FragmentSchema {

    /** Where the fragment schema says it lives, beside the blueprint's {@code $id}. */
    static final String ID = "https://scaffold.dev/schema/blueprint-fragment-v1.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REQUIREMENTS = List.of("required", "dependentRequired", "minProperties");
    /** Keywords that only annotate: a subschema holding nothing else asks nothing. */
    private static final Set<String> ANNOTATIONS = Set.of("description", "$comment", "title");

    private static final String TITLE = "scaffold blueprint fragment, format version 1";
    private static final String DESCRIPTION = "A file that blueprints import (imports: [ FILE ]) to share what a team's "
            + "stacks have in common: tags, network, variables, environments, monitoring, policy, tiers. It has the "
            + "sections and keys of a blueprint and needs none of them; the importing file is merged over it (that "
            + "file wins) and the merged blueprint must be complete. A fragment may import other fragments, relative "
            + "to itself. Any value or list, the tags and a service's environment may be a whole ${var.NAME}; null "
            + "is never a value.";
    private static final String IGNORED_NAME = "Ignored in a fragment: the blueprint that imports it names the stack. "
            + "Allowed, with any value, so that a file can be a blueprint of its own and be imported too.";

    private FragmentSchema() {}

    /** The fragment schema's text, derived from {@code blueprintSchema}'s. */
    static String derive(String blueprintSchema) {
        ObjectNode blueprint;
        try {
            blueprint = (ObjectNode) JSON.readTree(blueprintSchema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the shipped blueprint schema is not JSON", e);
        }
        ObjectNode fragment = JSON.createObjectNode();
        fragment.set("$schema", blueprint.get("$schema"));
        fragment.put("$id", ID);
        fragment.put("title", TITLE);
        fragment.put("description", DESCRIPTION);
        blueprint.properties().forEach(entry -> {
            if (!fragment.has(entry.getKey())) {
                fragment.set(entry.getKey(), entry.getValue());
            }
        });
        relax(fragment);
        ((ObjectNode) fragment.get("properties")).set("blueprint", JSON.createObjectNode().put("description", IGNORED_NAME));
        return print(fragment);
    }

    /**
     * Drops the requirements of {@code schema}, a subschema that describes a value the merge can complete, and of
     * its parts; not of {@code items}, {@code not}, {@code if} or {@code $defs}, and not through {@code $ref}.
     */
    private static void relax(ObjectNode schema) {
        schema.remove(REQUIREMENTS);
        for (String key : List.of("properties", "patternProperties")) {
            if (schema.get(key) instanceof ObjectNode properties) {
                properties.properties().forEach(p -> relaxObject(p.getValue()));
                if (schema.has("$ref")) {
                    // Overlays that only added a requirement to a key the referenced definition declares.
                    properties.properties().removeIf(p -> asksNothing(p.getValue()));
                }
                if (properties.isEmpty()) {
                    schema.remove(key);
                }
            }
        }
        relaxObject(schema.get("additionalProperties"));
        relaxObject(schema.get("then"));
        relaxObject(schema.get("else"));
        if (asksNothing(schema.get("then")) && asksNothing(schema.get("else"))) {
            schema.remove(List.of("if", "then", "else"));
        }
        if (schema.get("allOf") instanceof ArrayNode allOf) {
            allOf.forEach(FragmentSchema::relaxObject);
            removeIf(allOf, FragmentSchema::asksNothing);
            if (allOf.isEmpty()) {
                schema.remove("allOf");
            }
        }
        if (schema.get("anyOf") instanceof ArrayNode anyOf) {
            anyOf.forEach(FragmentSchema::relaxObject);
            boolean alwaysMet = false;
            for (JsonNode alternative : anyOf) {
                alwaysMet |= asksNothing(alternative);
            }
            if (alwaysMet) {
                schema.remove("anyOf");
            }
        }
    }

    private static void relaxObject(JsonNode node) {
        if (node instanceof ObjectNode schema) {
            relax(schema);
        }
    }

    /** Whether {@code node} is absent or a subschema every value meets. */
    private static boolean asksNothing(JsonNode node) {
        if (node == null) {
            return true;
        }
        if (!(node instanceof ObjectNode schema)) {
            return node.isBoolean() && node.booleanValue();
        }
        for (Iterator<String> keys = schema.fieldNames(); keys.hasNext(); ) {
            if (!ANNOTATIONS.contains(keys.next())) {
                return false;
            }
        }
        return true;
    }

    private static void removeIf(ArrayNode array, Predicate<JsonNode> test) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (test.test(array.get(i))) {
                array.remove(i);
            }
        }
    }

    /** Printed as the blueprint schema is written: two spaces of indent, {@code "key": value}. */
    private static String print(JsonNode schema) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            return JSON.writer(printer).writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the fragment schema", e);
        }
    }
}
