package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.regex.RegularExpression;
import dev.scaffold.blueprint.BlueprintMutations.Mutant;
import dev.scaffold.blueprint.BlueprintMutations;
import dev.scaffold.blueprint.MutationSeeds;
import dev.scaffold.report.StarterBlueprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scaffold validate} and the JSON Schema that {@code scaffold schema} prints agree on a generated corpus
 * of mutated blueprints (see {@link BlueprintMutations}): validate exits 3 exactly when the schema rejects the
 * blueprint, or for one of the reasons listed in {@link #SEMANTIC}; it never prints a Java exception; and every
 * line it prints is one problem with its {@code file:line:column}.
 *
 * <p>The schema is applied as an editor applies it, to each file validate reads as written (the main file
 * with {@code scaffold schema}, each file it imports, a fragment, with {@code scaffold schema --fragment}), and
 * also to the documents validate checks: the file with its imports merged, and that merged with each of its
 * environments (whose entries the schema lets be partial).
 *
 * <p>One disagreement is by design and counted apart: a value in a fragment that the importing file (or a later
 * import) replaces never reaches the blueprint, so validate, which checks the blueprint as merged, does not see
 * it, while an editor marks it in the fragment. Such a rejection is explained when the fragment, without the
 * values the merge replaces, is accepted.
 */
class ValidateAgreesWithSchemaTest {

    /**
     * The corpus: this many mutants, from a fixed seed, so every run checks the same blueprints. To look further,
     * run it with {@code -Dmutants=N -DmutationSeed=S}.
     */
    private static final int MUTANTS = Integer.getInteger("mutants", 620);
    private static final long SEED = Long.getLong("mutationSeed", 20_240_611L);

    /**
     * Every reason validate may reject a blueprint the schema accepts, by diagnostic code: what JSON Schema cannot
     * express, since it needs another file, the values of variables, or one part of the document compared with
     * another. A rejection is explained when each of its errors has one of these codes.
     */
    static final Map<String, String> SEMANTIC = Map.ofEntries(
            Map.entry("unknown-tier", "a reference names a tier that the document does not declare"),
            Map.entry("unknown-variable", "${var.NAME} names a variable that is not declared"),
            Map.entry("missing-variable", "a variable has no default and no value was given"),
            Map.entry("variable-value", "a variable's value does not fit its type, or where it is used"),
            Map.entry("variable-type", "a list or map variable is used inside a longer string"),
            Map.entry("variable-cycle", "the values of variables refer to each other in a circle"),
            Map.entry("missing-env", "${env.NAME} names an environment variable that is not set"),
            Map.entry("missing-region", "the region may come from an import, so one file alone may lack it"),
            Map.entry("import-not-found", "an imported file does not exist"),
            Map.entry("missing-file", "a file the blueprint names (a service's user-data template) does not exist"),
            Map.entry("import-cycle", "files import each other in a circle"),
            Map.entry("import-unsupported", "s3:// and https imports are in the format but not read yet"),
            Map.entry("name-clash", "two environments (or none and one) would give tiers the same AWS names"),
            Map.entry("min-max", "a capacity's min, desired and max are compared with each other"),
            Map.entry("shared-load-balancer", "the services that name a load balancer are compared with each other"),
            Map.entry("scale-on-requests", "a service's scaling metric is compared with its loadBalancer"),
            Map.entry("same-region", "a backup's copyToRegion is compared with the stack's region"),
            Map.entry("move-conflict", "a moved entry is compared with the tiers the document declares"),
            Map.entry("interpolation", "an unterminated ${ inside a free-form string"),
            Map.entry("invalid-reference", "${…} inside a free-form string is not a reference"),
            Map.entry("unknown-attribute", "${SECTION.NAME.ATTRIBUTE} names an attribute the section does not offer"),
            Map.entry("reference-not-allowed", "a free-form string that must be known before apply uses a tier's "
                    + "attribute"));

    private static final ObjectMapper STRICT_YAML = BlueprintMutations.YAML.copy()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @TempDir
    Path work;

    @Test
    void validateAndTheSchemaAgreeOnEveryMutatedBlueprint() throws IOException {
        Schemas schemas = schemas();
        List<Mutant> mutants = new BlueprintMutations(SEED).generate(
                MutationSeeds.all(Path.of(""), starters()), MUTANTS);
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();

        for (Mutant mutant : mutants) {
            Path main = mutant.writeTo(work.resolve("m" + mutant.number()));
            Optional<Rejection> schemaRejection = schemaRejection(schemas, mutant);
            CommandLineRun run = CommandLineRun.of(environment(), "validate", "-f", main.toString());
            boolean schemaRejects = schemaRejection.filter(r -> !r.onlyOverridden()).isPresent();
            Outcome outcome = outcome(schemaRejects, run, main);
            if (schemaRejection.isPresent() && !schemaRejects && outcome.name.equals(BOTH_ACCEPT)) {
                outcome = new Outcome(OVERRIDDEN_ONLY, outcome.problems);
            }
            outcomes.merge(outcome.name, 1, Integer::sum);
            if (!outcome.problems.isEmpty()) {
                disagreements.add(mutant + "\n    " + String.join("\n    ", outcome.problems)
                        + schemaRejection.map(r -> "\n    schema: " + r.reason()).orElse(""));
            }
        }

        System.out.println("mutated blueprints: " + mutants.size() + ", outcomes: " + outcomes);
        assertThat(disagreements).as("%d disagreements:%n%s", disagreements.size(),
                String.join(System.lineSeparator(), disagreements)).isEmpty();
        assertThat(mutants).hasSizeGreaterThanOrEqualTo(500);
        // A corpus that only ever breaks blueprints, or never does, would test little.
        assertThat(outcomes.getOrDefault(BOTH_ACCEPT, 0)).isGreaterThanOrEqualTo(50);
        assertThat(outcomes.getOrDefault(BOTH_REJECT, 0)).isGreaterThanOrEqualTo(300);
        assertThat(outcomes.getOrDefault(SEMANTIC_ONLY, 0)).isGreaterThanOrEqualTo(20);
    }

    private static final String BOTH_ACCEPT = "both accept";
    private static final String BOTH_REJECT = "both reject";
    private static final String SEMANTIC_ONLY = "validate alone rejects, for a listed reason";
    private static final String OVERRIDDEN_ONLY = "the schema alone rejects, a fragment's value the merge replaces";

    /** The schemas an editor uses: the blueprint's for the main file, the fragment's for the files it imports. */
    private record Schemas(JsonSchema blueprint, JsonSchema fragment) {}

    /** Why the schema rejects a mutant, and whether only fragments' values that the merge replaces are to blame. */
    private record Rejection(String reason, boolean onlyOverridden) {}

    private record Outcome(String name, List<String> problems) {}

    private Outcome outcome(boolean schemaRejects, CommandLineRun run, Path main) throws IOException {
        List<String> problems = new ArrayList<>();
        if ((run.out() + run.err()).contains("Exception") || run.err().contains("\tat ")) {
            problems.add("prints a Java exception: " + clip(run.err()));
        }
        for (String line : run.err().lines().toList()) {
            if (!line.matches(".+:\\d+:\\d+: (error|warning): .+") && !line.matches("error: .+ has \\d+ problems")) {
                problems.add("prints a line without file:line:column: " + clip(line));
            }
        }
        if (run.exitCode() != 0 && run.exitCode() != ExitCodes.INVALID_INPUT) {
            problems.add("exits " + run.exitCode() + ": " + clip(run.err()));
            return new Outcome("exits " + run.exitCode(), problems);
        }
        boolean rejects = run.exitCode() == ExitCodes.INVALID_INPUT;
        if (schemaRejects == rejects) {
            return new Outcome(rejects ? BOTH_REJECT : BOTH_ACCEPT, problems);
        }
        if (schemaRejects) {
            problems.add("the schema rejects it, validate accepts it");
            return new Outcome("schema alone rejects", problems);
        }
        List<String> unexplained = errorCodes(main).stream().filter(code -> !SEMANTIC.containsKey(code)).toList();
        if (!unexplained.isEmpty()) {
            problems.add("the schema accepts it, validate rejects it with " + unexplained + ": " + clip(run.err()));
        }
        return new Outcome(SEMANTIC_ONLY, problems);
    }

    /** The codes of the errors {@code validate --json} reports. */
    private static List<String> errorCodes(Path main) throws IOException {
        CommandLineRun json = CommandLineRun.of(environment(), "validate", "--json", "-f", main.toString());
        List<String> codes = new ArrayList<>();
        new ObjectMapper().readTree(json.out()).forEach(d -> {
            if (d.path("severity").asText().equals("error")) {
                codes.add(d.path("code").asText());
            }
        });
        return codes.isEmpty() ? List.of("(none)") : codes;
    }

    /**
     * Why the schema rejects the files validate reads or the documents made of them; empty when it accepts them
     * all.
     */
    private static Optional<Rejection> schemaRejection(Schemas schemas, Mutant mutant) {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : mutant.files().entrySet()) {
            if (!MutationSeeds.isBlueprintFile(file.getKey())) {
                continue;
            }
            try (MappingIterator<JsonNode> read = STRICT_YAML.readerFor(JsonNode.class).readValues(file.getValue())) {
                List<JsonNode> all = read.readAll();
                if (all.size() != 1 || all.get(0) == null || all.get(0).isMissingNode()) {
                    return Optional.of(new Rejection(file.getKey() + " is not one YAML document", false));
                }
                documents.put(file.getKey(), all.get(0));
            } catch (IOException | RuntimeException notYaml) {
                return Optional.of(new Rejection(file.getKey() + " is not YAML: "
                        + clip(String.valueOf(notYaml.getMessage())), false));
            }
        }
        Set<String> read = new LinkedHashSet<>();
        JsonNode merged = withImports(mutant.mainFile(), documents, new ArrayList<>(), read);
        Map<String, JsonNode> complete = new LinkedHashMap<>();
        complete.put(mutant.mainFile(), documents.get(mutant.mainFile()));
        complete.put("the main file with its imports", withoutKeys(merged, "environments"));
        if (merged.path("environments") instanceof ObjectNode environments) {
            environments.properties().forEach(env -> {
                if (env.getValue().isObject()) {
                    complete.put("environment " + env.getKey(), merge(withoutKeys(merged, "environments"),
                            withoutKeys(env.getValue(), "production", "variables")));
                }
            });
        }
        for (Map.Entry<String, JsonNode> document : complete.entrySet()) {
            Optional<String> rejected = rejection(schemas.blueprint(), document.getKey(), document.getValue());
            if (rejected.isPresent()) {
                return rejected.map(reason -> new Rejection(reason, false));
            }
        }
        Optional<Rejection> overridden = Optional.empty();
        for (String fragment : read) {
            if (fragment.equals(mutant.mainFile())) {
                continue;
            }
            Optional<String> rejected = rejection(schemas.fragment(), fragment, documents.get(fragment));
            if (rejected.isEmpty()) {
                continue;
            }
            JsonNode used = withoutOverridden(documents.get(fragment), merged);
            if (rejection(schemas.fragment(), fragment, used).isPresent()) {
                return rejected.map(reason -> new Rejection(reason, false));
            }
            overridden = rejected.map(reason -> new Rejection(reason + " (a value the merge replaces)", true));
        }
        return overridden;
    }

    private static Optional<String> rejection(JsonSchema schema, String name, JsonNode document) {
        var messages = schema.validate(document);
        return messages.isEmpty() ? Optional.empty()
                : Optional.of(name + ": " + clip(messages.iterator().next().getMessage()));
    }

    /**
     * {@code fragment} without the values that {@code merged}, the blueprint it ends up in, holds otherwise: those
     * the importing file or a later import replaced. Its imports stay: they are read, not merged.
     */
    private static JsonNode withoutOverridden(JsonNode fragment, JsonNode merged) {
        if (!(fragment instanceof ObjectNode object)) {
            return fragment;
        }
        ObjectNode used = object.deepCopy();
        removeOverridden(used, merged, true);
        return used;
    }

    private static void removeOverridden(ObjectNode fragment, JsonNode merged, boolean top) {
        List<String> replaced = new ArrayList<>();
        fragment.properties().forEach(e -> {
            JsonNode mine = e.getValue();
            JsonNode theirs = merged.isObject() ? merged.get(e.getKey()) : null;
            if (top && e.getKey().equals("imports")) {
                return;
            }
            if (mine instanceof ObjectNode nested && theirs != null && theirs.isObject()) {
                removeOverridden(nested, theirs, false);
            } else if (!mine.equals(theirs)) {
                replaced.add(e.getKey());
            }
        });
        fragment.remove(replaced);
    }

    /**
     * The file with the files it imports merged under it, as the loader merges them (imports it cannot find left
     * out, an imported file's own stack name too); {@code read} collects every file read.
     */
    private static JsonNode withImports(String file, Map<String, JsonNode> documents, List<String> chain,
            Set<String> read) {
        JsonNode document = documents.get(file);
        read.add(file);
        if (!document.isObject() || chain.contains(file)) {
            return document;
        }
        chain.add(file);
        JsonNode merged = new ObjectMapper().createObjectNode();
        for (JsonNode item : document.path("imports")) {
            String imported = item.isTextual() && !item.asText().contains("\0")
                    ? Path.of(file).resolveSibling(item.asText()).normalize().toString() : null;
            if (documents.containsKey(imported)) {
                merged = merge(merged, withoutKeys(withImports(imported, documents, chain, read), "blueprint"));
            }
        }
        chain.remove(file);
        return withoutKeys(merge(merged, document), "imports");
    }

    /** Mappings merge key by key, anything else of the overlay replaces the base. */
    private static JsonNode merge(JsonNode base, JsonNode overlay) {
        if (!base.isObject() || !overlay.isObject()) {
            return overlay.deepCopy();
        }
        ObjectNode merged = base.deepCopy();
        overlay.properties().forEach(e -> merged.set(e.getKey(), merged.has(e.getKey())
                ? merge(merged.get(e.getKey()), e.getValue()) : e.getValue().deepCopy()));
        return merged;
    }

    private static JsonNode withoutKeys(JsonNode node, String... keys) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = node.deepCopy();
        copy.remove(List.of(keys));
        return copy;
    }

    /**
     * The schemas as {@code scaffold schema} and {@code scaffold schema --fragment} print them, read with
     * ECMAScript's meaning of a pattern's final {@code $} (the end of the text), as JSON Schema says and editors
     * do; Java's {@code $} also matches before a final line break.
     */
    private static Schemas schemas() {
        return new Schemas(schema("schema"), schema("schema", "--fragment"));
    }

    private static JsonSchema schema(String... command) {
        CommandLineRun printed = CommandLineRun.of(command);
        assertThat(printed.exitCode()).isZero();
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .regularExpressionFactory(ValidateAgreesWithSchemaTest::ecmaScriptEnd)
                .build();
        return JsonSchemaFactory.getInstance(VersionFlag.V202012).getSchema(printed.out(), config);
    }

    private static RegularExpression ecmaScriptEnd(String regex) {
        String java = regex.endsWith("$") && !regex.endsWith("\\$") ? regex.substring(0, regex.length() - 1) + "\\z" : regex;
        Pattern pattern = Pattern.compile(java);
        return value -> pattern.matcher(value).find();
    }

    private static Map<String, String> starters() {
        StarterBlueprint starter = new StarterBlueprint();
        Map<String, String> rendered = new LinkedHashMap<>();
        for (String template : starter.templates().keySet()) {
            rendered.put(template, starter.render(template, new StarterBlueprint.Values("shop", "eu-central-1"))
                    .orElseThrow());
        }
        return rendered;
    }

    /** The load-balancer example's certificate comes from the environment, as a pipeline would give it. */
    private static Map<String, String> environment() {
        return Map.of("SCAFFOLD_VAR_certificate",
                "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
    }

    private static String clip(String text) {
        String one = text.strip().lines().collect(Collectors.joining(" | "));
        return one.length() > 1500 ? one.substring(0, 1500) + "…" : one;
    }
}
