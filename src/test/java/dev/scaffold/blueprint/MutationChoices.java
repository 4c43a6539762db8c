package dev.scaffold.blueprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The random choices of {@link BlueprintMutations}, from one seeded generator, and the values they choose from. */
final class MutationChoices {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;

    MutationChoices(long seed) {
        this.random = new Random(seed);
    }

    /** A number from 0 to {@code n - 1}. */
    int below(int n) {
        return random.nextInt(n);
    }

    boolean coin() {
        return random.nextBoolean();
    }

    /** Values of every kind a scalar could be replaced with. */
    List<JsonNode> scalars() {
        return List.of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1), NODES.numberNode(3.5),
                NODES.numberNode(2.0), NODES.numberNode(65536), NODES.numberNode(new BigInteger("99999999999999999999")),
                NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode(), NODES.textNode(""),
                NODES.textNode(" "), NODES.textNode("x"), NODES.textNode("true"), NODES.textNode("12"),
                NODES.textNode("16.4"), NODES.textNode("default"), NODES.textNode("${var.nope}"),
                NODES.textNode("${databases.nope.endpoint}"), NODES.textNode("${"), NODES.textNode("w".repeat(70)),
                NODES.textNode("\u0000"), NODES.textNode("line\u2028break"), NODES.textNode("\u001b[31mred\u001b[0m"),
                NODES.textNode("services.app"), NODES.textNode("ümlaut"));
    }

    /** {@link #scalars()} and a few mappings and lists. */
    List<JsonNode> scalarsAndShapes() {
        List<JsonNode> all = new ArrayList<>(scalars());
        all.addAll(List.of(NODES.objectNode(), NODES.objectNode().put("a", "b"), NODES.arrayNode(),
                NODES.arrayNode().add("x"), NODES.arrayNode().add(1).add(2)));
        return all;
    }

    /** One of {@code options}, or {@code null} when there are none. */
    <T> T pick(List<T> options) {
        return options.isEmpty() ? null : options.get(random.nextInt(options.size()));
    }

    /** One key of a mapping, or {@code null} when {@code node} is no mapping or an empty one. */
    String anyKey(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return pick(keys);
    }

    /** {@code key} with two neighbouring letters swapped, as a typing slip would. */
    String typo(String key) {
        if (key.length() < 2) {
            return key + "x";
        }
        int at = random.nextInt(key.length() - 1);
        return key.substring(0, at) + key.charAt(at + 1) + key.charAt(at) + key.substring(at + 2);
    }
}
