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

/**
 * Makes adversarial blueprints, deterministically: each is a valid seed blueprint (the examples under
 * {@code blueprints/}, the {@code init} starters and the test fixtures) with one or two mutations applied to
 * the main file or to a fragment it imports, such as a key deleted, a value of the wrong type, an unknown key,
 * a null, a huge string, control characters, U+2028, NUL, a number where a string belongs, a wrong shape, a
 * broken environment, variable or import, a fragment's stack name. The same seed number always gives the same
 * blueprints.
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

    /**
     * One mutated blueprint.
     *
     * @param files the files to write, the main one first; the others are fragments it imports
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

    private final MutationChoices choose;
    private final SectionMutations sections;

    public BlueprintMutations(long seed) {
        this.choose = new MutationChoices(seed);
        this.sections = new SectionMutations(choose);
    }

    /** {@code count} mutants, spread over the seeds in turn. */
    public List<Mutant> generate(List<MutationSeeds.Seed> seeds, int count) {
        List<Mutant> mutants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MutationSeeds.Seed seed = seeds.get(i % seeds.size());
            mutants.add(mutate(i, seed));
        }
        return mutants;
    }

    /**
     * Mutates one file of the seed: mostly the main one, and in a seed with fragments (the files it imports) one
     * of those a third of the time, as a shared baseline gets broken too.
     */
    private Mutant mutate(int number, MutationSeeds.Seed seed) {
        Map<String, String> files = new LinkedHashMap<>(seed.files());
        // The files it imports; a file it names otherwise (a user-data template) is not YAML and never mutated.
        List<String> fragments = files.keySet().stream().skip(1).filter(MutationSeeds::isBlueprintFile).toList();
        boolean inFragment = !fragments.isEmpty() && choose.below(3) == 0;
        String target = inFragment ? choose.pick(fragments) : seed.mainFile();
        String text = files.get(target);
        List<String> done = new ArrayList<>();
        int rounds = choose.below(10) < 7 ? 1 : 2;
        if (choose.below(12) == 0) {
            done.add(textual(text, files, target));
        } else {
            ObjectNode root = (ObjectNode) parse(text);
            for (int r = 0; r < rounds; r++) {
                done.add(inFragment && choose.below(8) == 0 ? fragmentName(root) : structural(root));
            }
            files.put(target, write(root));
        }
        if (inFragment) {
            done.replaceAll(said -> "in " + target + ": " + said);
        }
        return new Mutant(number, seed.name(), done, files);
    }

    /** A fragment's own stack name, which the importing blueprint's replaces: added, of any form, or removed. */
    private String fragmentName(ObjectNode root) {
        if (root.has("blueprint") && choose.coin()) {
            root.remove("blueprint");
            return "removed blueprint";
        }
        JsonNode name = choose.pick(List.of(NODES.textNode("shared"), NODES.textNode("Not_A-Stack"),
                NODES.textNode("${var.name}"), NODES.nullNode(), NODES.numberNode(5), NODES.objectNode()));
        root.set("blueprint", name);
        return "set blueprint to " + shown(name);
    }

    // Structural mutations: on the document tree, written back as YAML.

    private String structural(ObjectNode root) {
        int pick = choose.below(100);
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
            return sections.environmentEdge(root);
        } else if (pick < 88) {
            return sections.variableEdge(root);
        } else if (pick < 91) {
            return sections.importEdge(root);
        } else if (pick < 95) {
            return hoistIntoVariable(root);
        } else {
            return sections.tierEdge(root);
        }
    }

    /** Moves a value into a new variable's default and puts a whole {@code ${var.NAME}} in its place. */
    private String hoistIntoVariable(ObjectNode root) {
        Slot slot = choose.pick(slots(root, s -> !s.path.startsWith("variables") && !s.path.startsWith("environments")
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
        Slot slot = choose.pick(slots(root, s -> s.key != null));
        ((ObjectNode) slot.parent).remove(slot.key);
        return "deleted " + slot.path;
    }

    private String replaceScalar(ObjectNode root) {
        Slot slot = choose.pick(slots(root, s -> s.node.isValueNode()));
        JsonNode value = choose.pick(choose.scalars());
        slot.set(value);
        return "set " + slot.path + " to " + shown(value);
    }

    private String replaceAny(ObjectNode root, String what, JsonNode value) {
        Slot slot = choose.pick(slots(root, s -> true));
        slot.set(value);
        return "set " + slot.path + " to " + what;
    }

    private String insertUnknownKey(ObjectNode root) {
        Slot slot = choose.pick(slots(root, s -> s.node.isObject()));
        ObjectNode target = (ObjectNode) slot.node;
        List<String> keys = new ArrayList<>(List.of("colour", "x-extra", "Region", "", "a b", "nul\u0000key",
                "esc\u001b[2Jkey", "line\u2028key", "k".repeat(300), "default", "description", "type", "production"));
        target.fieldNames().forEachRemaining(k -> keys.add(choose.typo(k)));
        String key = choose.pick(keys);
        target.set(key, choose.pick(choose.scalars()));
        return "inserted key " + shown(NODES.textNode(key)) + " into " + slot.path;
    }

    private String renameKey(ObjectNode root) {
        Slot slot = choose.pick(slots(root, s -> s.key != null));
        String renamed = choose.pick(List.of(choose.typo(slot.key), slot.key.toUpperCase(), slot.key + "_1", "9" + slot.key,
                "default", slot.key + "-" + "x".repeat(40), slot.key + "\u0007"));
        ObjectNode parent = (ObjectNode) slot.parent;
        ObjectNode copy = NODES.objectNode();
        parent.properties().forEach(e -> copy.set(e.getKey().equals(slot.key) ? renamed : e.getKey(), e.getValue()));
        parent.removeAll();
        parent.setAll(copy);
        return "renamed " + slot.path + " to " + shown(NODES.textNode(renamed));
    }

    private String stringToOtherType(ObjectNode root) {
        Slot slot = choose.pick(slots(root, s -> s.node.isTextual()));
        String text = slot.node.asText();
        JsonNode value;
        if (text.matches("-?[0-9]+")) {
            value = NODES.numberNode(new BigInteger(text));
        } else if (text.matches("-?[0-9]+\\.[0-9]+")) {
            value = NODES.numberNode(Double.parseDouble(text));
        } else {
            value = choose.pick(List.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.numberNode(16.4),
                    NODES.numberNode(8080), NODES.numberNode(0)));
        }
        slot.set(value);
        return "set the string " + slot.path + " to " + shown(value);
    }

    private String scalarToString(ObjectNode root) {
        Slot slot = choose.pick(slots(root, s -> s.node.isNumber() || s.node.isBoolean()));
        if (slot == null) {
            return replaceScalar(root);
        }
        slot.set(NODES.textNode(slot.node.asText()));
        return "quoted " + slot.path;
    }

    private String hugeOrControlString(ObjectNode root) {
        Slot slot = choose.pick(slots(root, s -> s.node.isTextual()));
        String text = slot.node.asText();
        String inserted = choose.pick(List.of(HUGE, "z".repeat(300), "\u0000", "\u2028", "\u2029", "\u001b[31mred\u001b[0m",
                "\r\n", "\t", "\u0007", "\u202e", "\u0085", "\u00a0", "🚀", "\\", "'\"", "$${", "${"));
        int at = choose.below(text.length() + 1);
        String value = choose.coin() ? text.substring(0, at) + inserted + text.substring(at) : inserted;
        slot.set(NODES.textNode(value));
        return "set " + slot.path + " to a string of " + value.codePointCount(0, value.length())
                + " characters with " + shown(NODES.textNode(inserted.length() > 20 ? "(long run)" : inserted));
    }

    private String wrongShape(ObjectNode root) {
        Slot slot = choose.pick(slots(root, s -> s.parent != null));
        JsonNode node = slot.node;
        JsonNode value;
        String what;
        if (node.isObject()) {
            ArrayNode list = NODES.arrayNode();
            node.forEach(list::add);
            value = choose.coin() ? list : NODES.textNode(node.toString());
            what = value.isArray() ? "a list of its values" : "its JSON text";
        } else if (node.isArray()) {
            ObjectNode map = NODES.objectNode();
            for (int i = 0; i < node.size(); i++) {
                map.set("item" + i, node.get(i));
            }
            value = choose.coin() ? map : node.size() > 0 ? node.get(0) : NODES.textNode("");
            what = value.isObject() ? "a mapping of its items" : "its first item";
        } else {
            value = choose.coin() ? NODES.arrayNode().add(node) : NODES.objectNode().set("value", node);
            what = value.isArray() ? "a list of it" : "a mapping holding it";
        }
        slot.set(value);
        return "made " + slot.path + " " + what;
    }

    // Textual mutations: on the file's text, for what no tree can hold.

    private String textual(String text, Map<String, String> files, String file) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int line = choose.below(lines.size());
        int pick = choose.below(7);
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
        files.put(file, String.join("\n", lines) + "\n");
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

    /** A value as the mutation log shows it: short and on one line. */
    static String shown(JsonNode value) {
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

}
