package dev.scaffold.blueprint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Makes adversarial blueprints, deterministically: each is a valid seed blueprint (the examples under
 * {@code blueprints/}, the {@code init} starters and the test fixtures) with one or two mutations applied,
 * such as a key deleted, a value of the wrong type, an unknown key, a null, a huge string, control
 * characters, U+2028, NUL, a number where a string belongs, a wrong shape, a broken environment, variable or
 * import. The same seed number always gives the same blueprints.
 */
public final class BlueprintMutations {

    /** YAML as an editor reads it (YAML 1.2: only true and false are booleans; a bare 'key:' is null). */
    public static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HUGE = "a".repeat(1024 * 1024);
    private static final List<String> SECTIONS =
            List.of("loadBalancers", "services", "databases", "caches", "cdn", "backups");

    /**
     * A valid blueprint to mutate: its main file and the files it imports, by path relative to a directory.
     *
     * @param files every file of the seed, the main one first
     */
    public record Seed(String name, Map<String, String> files) {
        public String mainFile() {
            return files.keySet().iterator().next();
        }
    }

    /**
     * One mutated blueprint.
     *
     * @param files the files to write, the (mutated) main one first
     * @param mutations what was done to the seed, in words
     */
    public record Mutant(int number, String seed, List<String> mutations, Map<String, String> files) {
        public String mainFile() {
            return files.keySet().iterator().next();
        }

        /** Writes the files under {@code dir}; returns the main file. */
        public Path writeTo(Path dir) {
            try {
                for (Map.Entry<String, String> file : files.entrySet()) {
                    Path target = dir.resolve(file.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue());
                }
                return dir.resolve(mainFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "#" + number + " " + seed + ": " + String.join("; ", mutations);
        }
    }

    private final Random random;

    public BlueprintMutations(long seed) {
        this.random = new Random(seed);
    }

    /** The seeds: every example under {@code blueprints/}, every starter of {@code scaffold init}, the fixtures. */
    public static List<Seed> seeds(Path projectDirectory, Map<String, String> starters) {
        List<Seed> seeds = new ArrayList<>();
        Path examples = projectDirectory.resolve("blueprints");
        String baseline = read(examples.resolve("shared/baseline.yaml"));
        seeds.add(new Seed("blueprints/web-app.yaml", files("blueprint.yaml", read(examples.resolve("web-app.yaml")),
                "shared/baseline.yaml", baseline)));
        seeds.add(new Seed("blueprints/minimal.yaml", files("blueprint.yaml", read(examples.resolve("minimal.yaml")))));
        seeds.add(new Seed("blueprints/load-balancer.yaml",
                files("blueprint.yaml", read(examples.resolve("load-balancer.yaml")))));
        starters.forEach((name, text) -> seeds.add(new Seed("init " + name, files("blueprint.yaml", text))));
        seeds.add(new Seed("fixture placeholder-blueprint.yaml", files("blueprint.yaml",
                read(projectDirectory.resolve("src/test/resources/schema/placeholder-blueprint.yaml")))));
        seeds.add(new Seed("fixture every-type", files("blueprint.yaml", EVERY_TYPE)));
        return seeds;
    }

    /** {@code count} mutants, spread over the seeds in turn. */
    public List<Mutant> generate(List<Seed> seeds, int count) {
        List<Mutant> mutants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Seed seed = seeds.get(i % seeds.size());
            mutants.add(mutate(i, seed));
        }
        return mutants;
    }

    private Mutant mutate(int number, Seed seed) {
        Map<String, String> files = new LinkedHashMap<>(seed.files());
        String text = files.get(seed.mainFile());
        List<String> done = new ArrayList<>();
        int rounds = random.nextInt(10) < 7 ? 1 : 2;
        if (random.nextInt(12) == 0) {
            done.add(textual(text, files, seed.mainFile()));
        } else {
            ObjectNode root = (ObjectNode) parse(text);
            for (int r = 0; r < rounds; r++) {
                done.add(structural(root));
            }
            files.put(seed.mainFile(), write(root));
        }
        return new Mutant(number, seed.name(), done, files);
    }

    // Structural mutations: on the document tree, written back as YAML.

    private String structural(ObjectNode root) {
        int pick = random.nextInt(100);
        if (pick < 9) {
            return deleteKey(root);
        } else if (pick < 20) {
            return replaceScalar(root);
        } else if (pick < 27) {
            return replaceAny(root, "null", NODES.nullNode());
        } else if (pick < 34) {
            return insertUnknownKey(root);
        } else if (pick < 39) {
            return renameKey(root);
        } else if (pick < 45) {
            return stringToOtherType(root);
        } else if (pick < 49) {
            return scalarToString(root);
        } else if (pick < 55) {
            return hugeOrControlString(root);
        } else if (pick < 61) {
            return wrongShape(root);
        } else if (pick < 73) {
            return environmentEdge(root);
        } else if (pick < 88) {
            return variableEdge(root);
        } else if (pick < 91) {
            return importEdge(root);
        } else if (pick < 95) {
            return hoistIntoVariable(root);
        } else {
            return tierEdge(root);
        }
    }

    /** Moves a value into a new variable's default and puts a whole {@code ${var.NAME}} in its place. */
    private String hoistIntoVariable(ObjectNode root) {
        Slot slot = pick(slots(root, s -> !s.path.startsWith("variables") && !s.path.startsWith("environments")
                && !s.path.startsWith("imports") && !s.path.equals("blueprint") && !s.node.isNull()));
        JsonNode value = slot.node.deepCopy();
        String type = value.isTextual() ? "string" : value.isIntegralNumber() ? "integer" : value.isNumber() ? "number"
                : value.isBoolean() ? "boolean" : value.isArray() ? "list" : "map";
        JsonNode variables = root.get("variables");
        if (variables == null || !variables.isObject()) {
            variables = NODES.objectNode();
            root.set("variables", variables);
        }
        ((ObjectNode) variables).set("hoisted", NODES.objectNode().put("type", type).set("default", value));
        slot.set(NODES.textNode("${var.hoisted}"));
        return "moved " + slot.path + " into variable hoisted of type " + type;
    }

    private String deleteKey(ObjectNode root) {
        Slot slot = pick(slots(root, s -> s.key != null));
        ((ObjectNode) slot.parent).remove(slot.key);
        return "deleted " + slot.path;
    }

    private String replaceScalar(ObjectNode root) {
        Slot slot = pick(slots(root, s -> s.node.isValueNode()));
        JsonNode value = pick(scalars());
        slot.set(value);
        return "set " + slot.path + " to " + shown(value);
    }

    private String replaceAny(ObjectNode root, String what, JsonNode value) {
        Slot slot = pick(slots(root, s -> true));
        slot.set(value);
        return "set " + slot.path + " to " + what;
    }

    private String insertUnknownKey(ObjectNode root) {
        Slot slot = pick(slots(root, s -> s.node.isObject()));
        ObjectNode target = (ObjectNode) slot.node;
        List<String> keys = new ArrayList<>(List.of("colour", "x-extra", "Region", "", "a b", "nul\u0000key",
                "esc\u001b[2Jkey", "line\u2028key", "k".repeat(300), "default", "description", "type", "production"));
        target.fieldNames().forEachRemaining(k -> keys.add(typo(k)));
        String key = pick(keys);
        target.set(key, pick(scalars()));
        return "inserted key " + shown(NODES.textNode(key)) + " into " + slot.path;
    }

    private String renameKey(ObjectNode root) {
        Slot slot = pick(slots(root, s -> s.key != null));
        String renamed = pick(List.of(typo(slot.key), slot.key.toUpperCase(), slot.key + "_1", "9" + slot.key,
                "default", slot.key + "-" + "x".repeat(40), slot.key + "\u0007"));
        ObjectNode parent = (ObjectNode) slot.parent;
        ObjectNode copy = NODES.objectNode();
        parent.properties().forEach(e -> copy.set(e.getKey().equals(slot.key) ? renamed : e.getKey(), e.getValue()));
        parent.removeAll();
        parent.setAll(copy);
        return "renamed " + slot.path + " to " + shown(NODES.textNode(renamed));
    }

    private String stringToOtherType(ObjectNode root) {
        Slot slot = pick(slots(root, s -> s.node.isTextual()));
        String text = slot.node.asText();
        JsonNode value;
        if (text.matches("-?[0-9]+")) {
            value = NODES.numberNode(new BigInteger(text));
        } else if (text.matches("-?[0-9]+\\.[0-9]+")) {
            value = NODES.numberNode(Double.parseDouble(text));
        } else {
            value = pick(List.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.numberNode(16.4),
                    NODES.numberNode(8080), NODES.numberNode(0)));
        }
        slot.set(value);
        return "set the string " + slot.path + " to " + shown(value);
    }

    private String scalarToString(ObjectNode root) {
        Slot slot = pick(slots(root, s -> s.node.isNumber() || s.node.isBoolean()));
        if (slot == null) {
            return replaceScalar(root);
        }
        slot.set(NODES.textNode(slot.node.asText()));
        return "quoted " + slot.path;
    }

    private String hugeOrControlString(ObjectNode root) {
        Slot slot = pick(slots(root, s -> s.node.isTextual()));
        String text = slot.node.asText();
        String inserted = pick(List.of(HUGE, "z".repeat(300), "\u0000", "\u2028", "\u2029", "\u001b[31mred\u001b[0m",
                "\r\n", "\t", "\u0007", "\u202e", "\u0085", "\u00a0", "🚀", "\\", "'\"", "$${", "${"));
        int at = random.nextInt(text.length() + 1);
        String value = random.nextBoolean() ? text.substring(0, at) + inserted + text.substring(at) : inserted;
        slot.set(NODES.textNode(value));
        return "set " + slot.path + " to a string of " + value.codePointCount(0, value.length())
                + " characters with " + shown(NODES.textNode(inserted.length() > 20 ? "(long run)" : inserted));
    }

    private String wrongShape(ObjectNode root) {
        Slot slot = pick(slots(root, s -> s.parent != null));
        JsonNode node = slot.node;
        JsonNode value;
        String what;
        if (node.isObject()) {
            ArrayNode list = NODES.arrayNode();
            node.forEach(list::add);
            value = random.nextBoolean() ? list : NODES.textNode(node.toString());
            what = value.isArray() ? "a list of its values" : "its JSON text";
        } else if (node.isArray()) {
            ObjectNode map = NODES.objectNode();
            for (int i = 0; i < node.size(); i++) {
                map.set("item" + i, node.get(i));
            }
            value = random.nextBoolean() ? map : node.size() > 0 ? node.get(0) : NODES.textNode("");
            what = value.isObject() ? "a mapping of its items" : "its first item";
        } else {
            value = random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("value", node);
            what = value.isArray() ? "a list of it" : "a mapping holding it";
        }
        slot.set(value);
        return "made " + slot.path + " " + what;
    }

    private String environmentEdge(ObjectNode root) {
        JsonNode environments = root.get("environments");
        int pick = random.nextInt(5);
        if (pick == 0 || environments == null || !environments.isObject()) {
            JsonNode value = pick(List.of(NODES.nullNode(), NODES.arrayNode().add("prod"), NODES.textNode("prod"),
                    NODES.objectNode(), NODES.objectNode().set("default", NODES.objectNode())));
            root.set("environments", value);
            return "set environments to " + shown(value);
        }
        ObjectNode envs = (ObjectNode) environments;
        if (pick == 1) {
            String clash = clashingTier(root, envs);
            if (clash != null) {
                return clash;
            }
        }
        String name = pick(List.of("default", "prod", "staging", "Default", "qa", "e".repeat(32), "dev-1",
                "x\u0000y"));
        ObjectNode body = NODES.objectNode();
        List<BiFunction<ObjectNode, ObjectNode, String>> bodies = List.of(
                (r, b) -> "{}",
                (r, b) -> {
                    b.put("production", pick(List.of("yes", "true", "1")));
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
                    String variable = anyKey(r.get("variables"));
                    if (variable == null) {
                        b.set("variables", NODES.arrayNode());
                        return "variables as a list";
                    }
                    b.set("variables", NODES.objectNode().set(variable, pick(scalarsAndShapes())));
                    return "variable " + variable + " set to " + shown(b.get("variables").get(variable));
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
                    b.put("region", pick(List.of("eu-west-1", "mars-1", "")));
                    return "region " + b.get("region");
                },
                (r, b) -> {
                    String section = pick(SECTIONS);
                    String tier = anyKey(r.get(section));
                    b.set(section, NODES.objectNode().set(tier == null ? "added" : tier,
                            pick(List.of(NODES.nullNode(), NODES.objectNode(), NODES.arrayNode(),
                                    NODES.objectNode().put("port", 80), NODES.objectNode().put("unknownKey", 1)))));
                    return "an override of " + section + "." + (tier == null ? "added" : tier) + ": "
                            + b.get(section).elements().next();
                },
                (r, b) -> {
                    b.set("tags", NODES.objectNode().putNull("team"));
                    return "tags with a null value";
                });
        int choice = random.nextInt(bodies.size() + 1);
        JsonNode value = choice == bodies.size() ? NODES.nullNode() : body;
        String said = choice == bodies.size() ? "null" : bodies.get(choice).apply(root, body);
        envs.set(name, value);
        return "environment " + shown(NODES.textNode(name)) + " with " + said;
    }

    /** A tier named ENV-TIER beside TIER: without an environment it gets the names TIER gets under ENV. */
    private String clashingTier(ObjectNode root, ObjectNode envs) {
        String env = anyKey(envs);
        for (String section : SECTIONS) {
            JsonNode tiers = root.get(section);
            String tier = anyKey(tiers);
            if (env != null && tier != null && tiers.isObject()) {
                ((ObjectNode) tiers).set(env + "-" + tier, tiers.get(tier).deepCopy());
                return "added " + section + "." + env + "-" + tier + " beside environment " + env;
            }
        }
        return null;
    }

    private String variableEdge(ObjectNode root) {
        JsonNode existing = root.get("variables");
        if (existing == null || !existing.isObject() || random.nextInt(8) == 0) {
            JsonNode value = pick(List.of(NODES.nullNode(), NODES.arrayNode(), NODES.textNode("x"), NODES.objectNode()));
            if (existing == null || !existing.isObject() || random.nextBoolean()) {
                root.set("variables", value);
                return "set variables to " + shown(value);
            }
        }
        ObjectNode variables = (ObjectNode) root.get("variables");
        String name = anyKey(variables);
        String other = anyKey(variables);
        int pick = random.nextInt(16);
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
                declaration.put("default", pick(List.of(5, 0, -3)));
                said = "a string defaulting to a number";
            }
            case 4 -> {
                declaration.put("type", "integer");
                declaration.put("default", pick(List.of("2", "two", "2.5")));
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
                declaration.put("type", pick(List.of("strng", "String", "int", "")));
                said = "an unknown type";
            }
            case 10 -> {
                declaration.put("type", "list");
                declaration.set("default", pick(List.of(NODES.textNode("a,b"), NODES.objectNode(), NODES.arrayNode())));
                said = "a list with default " + declaration.get("default");
            }
            case 11 -> {
                declaration.put("type", "boolean");
                declaration.set("default", pick(List.of(NODES.textNode("yes"), NODES.textNode("true"),
                        NODES.booleanNode(false), NODES.numberNode(1))));
                said = "a boolean with default " + declaration.get("default");
            }
            case 12 -> {
                declaration.put("type", "number");
                declaration.set("default", pick(List.of(NODES.numberNode(2), NODES.numberNode(2.5),
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
                declaration.put("description", pick(List.of("a", "")));
                declaration.put("sensitive", pick(List.of("yes", "true")));
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
        String declared = pick(List.of("fresh", "fresh", "9bad", "a-b", "ok_name"));
        if (declaration == null) {
            variables.putNull(declared);
        } else {
            variables.set(declared, declaration);
        }
        if (random.nextBoolean()) {
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

    private String importEdge(ObjectNode root) {
        JsonNode value = pick(List.of(NODES.textNode("shared/a\u0000b.yaml"), NODES.textNode("missing.yaml"),
                NODES.textNode("s3://bucket/key.yaml"), NODES.textNode(""), NODES.textNode("   "),
                NODES.numberNode(5), NODES.nullNode(), NODES.textNode("blueprint.yaml"),
                NODES.textNode("line\nbreak.yaml"), NODES.textNode("esc\u001b[31m.yaml"),
                NODES.objectNode().put("url", "https://example.com/b.yaml").put("sha256", "a".repeat(64)),
                NODES.objectNode().put("path", "x.yaml"), NODES.textNode("x".repeat(5000) + ".yaml")));
        JsonNode imports = root.get("imports");
        if (imports != null && imports.isArray() && random.nextBoolean()) {
            ((ArrayNode) imports).add(value);
        } else if (random.nextInt(4) == 0) {
            root.set("imports", value);
            return "set imports to " + shown(value);
        } else {
            root.set("imports", NODES.arrayNode().add(value));
        }
        return "imported " + shown(value);
    }

    private String tierEdge(ObjectNode root) {
        String section = pick(SECTIONS);
        JsonNode tiers = root.get(section);
        String tier = anyKey(tiers);
        if (tier == null) {
            root.set(section, NODES.objectNode().putNull("added"));
            return "added " + section + ".added with no value";
        }
        int pick = random.nextInt(4);
        ObjectNode parent = (ObjectNode) tiers;
        switch (pick) {
            case 0 -> parent.putNull(tier);
            case 1 -> parent.set(tier, NODES.objectNode());
            case 2 -> parent.set("other", parent.get(tier).deepCopy());
            default -> parent.remove(tier);
        }
        return List.of("nulled ", "emptied ", "copied ", "removed ").get(pick) + section + "." + tier;
    }

    // Textual mutations: on the file's text, for what no tree can hold.

    private String textual(String text, Map<String, String> files, String main) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int line = random.nextInt(lines.size());
        int pick = random.nextInt(7);
        String said;
        switch (pick) {
            case 0 -> {
                lines.add(line, lines.get(line));
                said = "duplicated line " + (line + 1);
            }
            case 1 -> {
                lines.set(line, "\t" + lines.get(line).stripLeading());
                said = "indented line " + (line + 1) + " with a tab";
            }
            case 2 -> {
                lines.set(line, lines.get(line) + "\u2028");
                said = "raw U+2028 at the end of line " + (line + 1);
            }
            case 3 -> {
                lines.set(line, lines.get(line) + "\u0000");
                said = "raw NUL at the end of line " + (line + 1);
            }
            case 4 -> {
                lines.set(line, lines.get(line) + " \u001b[2J");
                said = "raw escape sequence at the end of line " + (line + 1);
            }
            case 5 -> {
                lines.subList(line, lines.size()).clear();
                said = "cut after line " + line;
            }
            default -> {
                lines.add("---");
                lines.add("blueprint: second");
                said = "a second document";
            }
        }
        files.put(main, String.join("\n", lines) + "\n");
        return said;
    }

    // The tree and the pools.

    private static final class Slot {
        final JsonNode parent;
        final String key;
        final int index;
        final JsonNode node;
        final String path;

        Slot(JsonNode parent, String key, int index, JsonNode node, String path) {
            this.parent = parent;
            this.key = key;
            this.index = index;
            this.node = node;
            this.path = path;
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(key, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static List<Slot> slots(JsonNode root, java.util.function.Predicate<Slot> filter) {
        List<Slot> all = new ArrayList<>();
        collect(null, null, -1, root, "", all);
        all.removeIf(s -> s.parent == null || !filter.test(s));
        return all;
    }

    private static void collect(JsonNode parent, String key, int index, JsonNode node, String path, List<Slot> out) {
        out.add(new Slot(parent, key, index, node, path.isEmpty() ? "the document" : path));
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(node, e.getKey(), -1, e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node, null, i, node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private List<JsonNode> scalars() {
        return List.of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1), NODES.numberNode(3.5),
                NODES.numberNode(2.0), NODES.numberNode(65536), NODES.numberNode(new BigInteger("99999999999999999999")),
                NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode(), NODES.textNode(""),
                NODES.textNode(" "), NODES.textNode("x"), NODES.textNode("true"), NODES.textNode("12"),
                NODES.textNode("16.4"), NODES.textNode("default"), NODES.textNode("${var.nope}"),
                NODES.textNode("${databases.nope.endpoint}"), NODES.textNode("${"), NODES.textNode("w".repeat(70)),
                NODES.textNode("\u0000"), NODES.textNode("line\u2028break"), NODES.textNode("\u001b[31mred\u001b[0m"),
                NODES.textNode("services.app"), NODES.textNode("ümlaut"));
    }

    private List<JsonNode> scalarsAndShapes() {
        List<JsonNode> all = new ArrayList<>(scalars());
        all.addAll(List.of(NODES.objectNode(), NODES.objectNode().put("a", "b"), NODES.arrayNode(),
                NODES.arrayNode().add("x"), NODES.arrayNode().add(1).add(2)));
        return all;
    }

    private <T> T pick(List<T> options) {
        return options.isEmpty() ? null : options.get(random.nextInt(options.size()));
    }

    private String anyKey(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return pick(keys);
    }

    private String typo(String key) {
        if (key.length() < 2) {
            return key + "x";
        }
        int at = random.nextInt(key.length() - 1);
        return key.substring(0, at) + key.charAt(at + 1) + key.charAt(at) + key.substring(at + 2);
    }

    /** A value as the mutation log shows it: short and on one line. */
    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "…(" + text.length() + ")" : text;
    }

    private static JsonNode parse(String text) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a seed is not YAML", e);
        }
    }

    private static String write(JsonNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> files(String... pathsAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return files;
    }

    /** A fixture with a variable of every type and every tier, so that mutations reach all of them. */
    private static final String EVERY_TYPE = """
            blueprint: fixture
            region: eu-west-1
            tags: { team: data, cost-center: "4711" }
            variables:
              instanceType: { type: string, default: t3.small }
              minInstances: { type: integer, default: 1 }
              cpuTarget: { type: number, default: 55.5 }
              multiAz: { type: boolean, default: true }
              domains: { type: list, default: [ www.fixture.example.com ] }
              labels: { type: map, default: { tier: web } }
              alarmEmail: { type: string, default: ops@fixture.example.com, sensitive: false }
            environments:
              staging:
                variables: { minInstances: 1, multiAz: false }
                services: { app: { capacity: { max: 2 } } }
              prod: { production: true, variables: { minInstances: 2 } }
            state: { backend: local }
            moved: [ { from: caches.old, to: caches.sessions } ]
            network: { vpc: vpc-0123456789abcdef0, subnets: [ subnet-0123456789abcdef0, subnet-0123456789abcdef1 ] }
            loadBalancers:
              web:
                algorithm: sticky
                https: { certificate: "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" }
                healthCheck: { path: /health, intervalSeconds: 10, healthyThreshold: 3, unhealthyThreshold: 2 }
                rateLimit: { requestsPer5Minutes: 1000 }
                idleTimeoutSeconds: 120
            services:
              app:
                loadBalancer: web
                port: 8080
                image: ami-0abcdef1234567890
                instanceType: ${var.instanceType}
                capacity: { min: "${var.minInstances}", max: 4, desired: 2 }
                scaleOn: { cpuPercent: "${var.cpuTarget}" }
                environment: { DB_HOST: "${databases.main.endpoint}", MODE: "plain" }
            databases:
              main: { engine: mysql, version: "8.0", multiAz: "${var.multiAz}", readReplicas: 1, allowFrom: [ services.app ] }
            caches:
              sessions: { engine: valkey, replicas: 2, allowFrom: [ services.app ] }
            cdn:
              site:
                origin: loadBalancers.web
                aliases: "${var.domains}"
                certificate: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
            backups:
              nightly: { resources: [ databases.main ], rpoHours: 12, retentionDays: 14, copyToRegion: eu-central-1 }
            monitoring:
              notify: ${var.alarmEmail}
              alarms: { cpuPercent: 75.5, p95LatencyMs: 800 }
            policy:
              waive: [ { rule: SCF-RDS-004, reason: "fixture", until: 2030-01-31 } ]
            """;
}
