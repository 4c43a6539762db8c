package dev.scaffold.blueprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiFunction;

/** The mutations of {@link BlueprintMutations} that know the blueprint: environments, variables, imports, tiers. */
final class SectionMutations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> SECTIONS =
            List.of("loadBalancers", "services", "databases", "caches", "queues", "cdn", "backups");

    private final MutationChoices choose;

    SectionMutations(MutationChoices choose) {
        this.choose = choose;
    }

    /** An environment with a reserved, clashing or broken name or body, or a broken environments section. */
    String environmentEdge(ObjectNode root) {
        JsonNode environments = root.get("environments");
        int pick = choose.below(5);
        if (pick == 0 || environments == null || !environments.isObject()) {
            JsonNode value = choose.pick(List.of(NODES.nullNode(), NODES.arrayNode().add("prod"), NODES.textNode("prod"),
                    NODES.objectNode(), NODES.objectNode().set("default", NODES.objectNode())));
            root.set("environments", value);
            return "set environments to " + BlueprintMutations.shown(value);
        }
        ObjectNode envs = (ObjectNode) environments;
        if (pick == 1) {
            String clash = clashingTier(root, envs);
            if (clash != null) {
                return clash;
            }
        }
        String name = choose.pick(List.of("default", "prod", "staging", "Default", "qa", "e".repeat(32), "dev-1",
                "x\u0000y"));
        ObjectNode body = NODES.objectNode();
        List<BiFunction<ObjectNode, ObjectNode, String>> bodies = List.of(
                (r, b) -> "{}",
                (r, b) -> {
                    b.put("production", choose.pick(List.of("yes", "true", "1")));
                    return "production as a string";
                },
                (r, b) -> {
                    b.putNull("variables");
                    return "variables null";
                },
                (r, b) -> {
                    b.set("variables", NODES.objectNode().put("undeclared", 1));
                    return "a value of an undeclared variable";
                },
                (r, b) -> {
                    String variable = choose.anyKey(r.get("variables"));
                    if (variable == null) {
                        b.set("variables", NODES.arrayNode());
                        return "variables as a list";
                    }
                    b.set("variables", NODES.objectNode().set(variable, choose.pick(choose.scalarsAndShapes())));
                    return "variable " + variable + " set to " + BlueprintMutations.shown(b.get("variables").get(variable));
                },
                (r, b) -> {
                    b.put("blueprint", "other");
                    return "an override of blueprint";
                },
                (r, b) -> {
                    b.set("imports", NODES.arrayNode());
                    return "an override of imports";
                },
                (r, b) -> {
                    b.put("region", choose.pick(List.of("eu-west-1", "mars-1", "")));
                    return "region " + b.get("region");
                },
                (r, b) -> {
                    String section = choose.pick(SECTIONS);
                    String tier = choose.anyKey(r.get(section));
                    b.set(section, NODES.objectNode().set(tier == null ? "added" : tier,
                            choose.pick(List.of(NODES.nullNode(), NODES.objectNode(), NODES.arrayNode(),
                                    NODES.objectNode().put("port", 80), NODES.objectNode().put("unknownKey", 1)))));
                    return "an override of " + section + "." + (tier == null ? "added" : tier) + ": "
                            + b.get(section).elements().next();
                },
                (r, b) -> {
                    b.set("tags", NODES.objectNode().putNull("team"));
                    return "tags with a null value";
                });
        int choice = choose.below(bodies.size() + 1);
        JsonNode value = choice == bodies.size() ? NODES.nullNode() : body;
        String said = choice == bodies.size() ? "null" : bodies.get(choice).apply(root, body);
        envs.set(name, value);
        return "environment " + BlueprintMutations.shown(NODES.textNode(name)) + " with " + said;
    }

    /** A tier named ENV-TIER beside TIER: without an environment it gets the names TIER gets under ENV. */
    private String clashingTier(ObjectNode root, ObjectNode envs) {
        String env = choose.anyKey(envs);
        for (String section : SECTIONS) {
            JsonNode tiers = root.get(section);
            String tier = choose.anyKey(tiers);
            if (env != null && tier != null && tiers.isObject()) {
                ((ObjectNode) tiers).set(env + "-" + tier, tiers.get(tier).deepCopy());
                return "added " + section + "." + env + "-" + tier + " beside environment " + env;
            }
        }
        return null;
    }

    /**
     * A variable without a type, of a wrong type, defaulting to a value of another type, to another variable, to
     * itself, to a tier; or two that refer to each other.
     */
    String variableEdge(ObjectNode root) {
        JsonNode existing = root.get("variables");
        if (existing == null || !existing.isObject() || choose.below(8) == 0) {
            JsonNode value = choose.pick(List.of(NODES.nullNode(), NODES.arrayNode(), NODES.textNode("x"), NODES.objectNode()));
            if (existing == null || !existing.isObject() || choose.coin()) {
                root.set("variables", value);
                return "set variables to " + BlueprintMutations.shown(value);
            }
        }
        ObjectNode variables = (ObjectNode) root.get("variables");
        String name = choose.anyKey(variables);
        String other = choose.anyKey(variables);
        int pick = choose.below(16);
        ObjectNode declaration = NODES.objectNode();
        String said;
        switch (pick) {
            case 0 -> {
                declaration.put("default", "t3.small");
                said = "no type";
            }
            case 1 -> {
                declaration.putNull("type");
                declaration.put("default", "x");
                said = "type ~";
            }
            case 2 -> {
                declaration.put("type", "string");
                declaration.put("default", true);
                said = "a string defaulting to true";
            }
            case 3 -> {
                declaration.put("type", "string");
                declaration.put("default", choose.pick(List.of(5, 0, -3)));
                said = "a string defaulting to a number";
            }
            case 4 -> {
                declaration.put("type", "integer");
                declaration.put("default", choose.pick(List.of("2", "two", "2.5")));
                said = "an integer defaulting to a string";
            }
            case 5 -> {
                declaration.put("type", "string");
                declaration.put("default", "/x${var." + (other == null ? "b" : other) + "}");
                said = "a default that refers to another variable";
            }
            case 6 -> {
                declaration.put("type", "string");
                declaration.put("default", "${var.fresh}");
                said = "a default that refers to itself";
            }
            case 7 -> {
                declaration.put("type", "string");
                declaration.put("default", "${databases.main.endpoint}");
                said = "a default that refers to a tier";
            }
            case 8 -> {
                declaration.put("type", "string");
                declaration.put("default", "${var.undeclared}");
                said = "a default that refers to an undeclared variable";
            }
            case 9 -> {
                declaration.put("type", choose.pick(List.of("strng", "String", "int", "")));
                said = "an unknown type";
            }
            case 10 -> {
                declaration.put("type", "list");
                declaration.set("default", choose.pick(List.of(NODES.textNode("a,b"), NODES.objectNode(), NODES.arrayNode())));
                said = "a list with default " + declaration.get("default");
            }
            case 11 -> {
                declaration.put("type", "boolean");
                declaration.set("default", choose.pick(List.of(NODES.textNode("yes"), NODES.textNode("true"),
                        NODES.booleanNode(false), NODES.numberNode(1))));
                said = "a boolean with default " + declaration.get("default");
            }
            case 12 -> {
                declaration.put("type", "number");
                declaration.set("default", choose.pick(List.of(NODES.numberNode(2), NODES.numberNode(2.5),
                        NODES.textNode("2.5"))));
                said = "a number with default " + declaration.get("default");
            }
            case 13 -> {
                declaration.put("type", "integer");
                declaration.put("default", "${var." + (other == null ? "fresh" : other) + "}");
                said = "an integer defaulting to a whole reference to " + (other == null ? "itself" : other);
            }
            case 14 -> {
                declaration.put("type", "string");
                declaration.put("description", choose.pick(List.of("a", "")));
                declaration.put("sensitive", choose.pick(List.of("yes", "true")));
                said = "sensitive as a string";
            }
            default -> {
                if (name != null && other != null && !name.equals(other)) {
                    cycle(variables, name, other);
                    return "variables " + name + " and " + other + " default to each other";
                }
                declaration = null;
                said = "no declaration";
            }
        }
        String declared = choose.pick(List.of("fresh", "fresh", "9bad", "a-b", "ok_name"));
        if (declaration == null) {
            variables.putNull(declared);
        } else {
            variables.set(declared, declaration);
        }
        if (choose.coin()) {
            useVariable(root, declared);
            said += ", used in the document";
        }
        return "variable " + declared + ": " + said;
    }

    private void cycle(ObjectNode variables, String a, String b) {
        variables.set(a, NODES.objectNode().put("type", "string").put("default", "x-${var." + b + "}"));
        variables.set(b, NODES.objectNode().put("type", "string").put("default", "y-${var." + a + "}"));
    }

    /** Puts {@code ${var.NAME}} somewhere a value is read: a tag or a service's environment. */
    private void useVariable(ObjectNode root, String name) {
        JsonNode tags = root.get("tags");
        if (tags == null || !tags.isObject()) {
            tags = NODES.objectNode();
            root.set("tags", tags);
        }
        ((ObjectNode) tags).put("uses", "${var." + name + "}");
    }

    /** An import with NUL or control characters, missing, from S3 or a URL, blank, of the wrong type. */
    String importEdge(ObjectNode root) {
        JsonNode value = choose.pick(List.of(NODES.textNode("shared/a\u0000b.yaml"), NODES.textNode("missing.yaml"),
                NODES.textNode("s3://bucket/key.yaml"), NODES.textNode(""), NODES.textNode("   "),
                NODES.numberNode(5), NODES.nullNode(), NODES.textNode("blueprint.yaml"),
                NODES.textNode("line\nbreak.yaml"), NODES.textNode("esc\u001b[31m.yaml"),
                NODES.objectNode().put("url", "https://example.com/b.yaml").put("sha256", "a".repeat(64)),
                NODES.objectNode().put("path", "x.yaml"), NODES.textNode("x".repeat(5000) + ".yaml")));
        JsonNode imports = root.get("imports");
        if (imports != null && imports.isArray() && choose.coin()) {
            ((ArrayNode) imports).add(value);
        } else if (choose.below(4) == 0) {
            root.set("imports", value);
            return "set imports to " + BlueprintMutations.shown(value);
        } else {
            root.set("imports", NODES.arrayNode().add(value));
        }
        return "imported " + BlueprintMutations.shown(value);
    }

    /** A tier nulled, emptied, copied or removed, so that references to it break. */
    String tierEdge(ObjectNode root) {
        String section = choose.pick(SECTIONS);
        JsonNode tiers = root.get(section);
        String tier = choose.anyKey(tiers);
        if (tier == null) {
            root.set(section, NODES.objectNode().putNull("added"));
            return "added " + section + ".added with no value";
        }
        int pick = choose.below(4);
        ObjectNode parent = (ObjectNode) tiers;
        switch (pick) {
            case 0 -> parent.putNull(tier);
            case 1 -> parent.set(tier, NODES.objectNode());
            case 2 -> parent.set("other", parent.get(tier).deepCopy());
            default -> parent.remove(tier);
        }
        return List.of("nulled ", "emptied ", "copied ", "removed ").get(pick) + section + "." + tier;
    }
}
