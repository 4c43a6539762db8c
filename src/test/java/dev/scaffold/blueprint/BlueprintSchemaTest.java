package dev.scaffold.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import dev.scaffold.report.StarterBlueprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BlueprintSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(VersionFlag.V202012);

    /** A small valid blueprint that the invalid cases each break in one place. */
    private static final String BASE = """
            blueprint: shop
            region: us-east-1
            loadBalancers:
              web: { healthCheck: { path: /health } }
            services:
              app: { loadBalancer: web, port: 8080, image: ami-0123456789abcdef0, capacity: { min: 1, max: 2 } }
            databases:
              main: { engine: postgres, readReplicas: 1, allowFrom: [ services.app ] }
            caches:
              sessions: { engine: redis, replicas: 1 }
            policy:
              waive: [ { rule: SCF-RDS-004, reason: "staging runs single-AZ", until: 2027-03-31 } ]
            """;

    private static JsonNode schemaDocument;
    private static JsonSchema schema;
    private static JsonNode fragmentDocument;
    private static JsonSchema fragmentSchema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schemaDocument = JSON.readTree(BlueprintSchema.text());
        fragmentDocument = JSON.readTree(BlueprintSchema.fragmentText());
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        schema = FACTORY.getSchema(schemaDocument, config);
        fragmentSchema = FACTORY.getSchema(fragmentDocument, config);
    }

    /** The two documents {@code scaffold schema} prints: the blueprint's and, with --fragment, a fragment's. */
    static Stream<Arguments> documents() throws IOException {
        return Stream.of(Arguments.of("blueprint", JSON.readTree(BlueprintSchema.text())),
                Arguments.of("fragment", JSON.readTree(BlueprintSchema.fragmentText())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void schemaIsAValidDraft202012Schema(String name, JsonNode schemaDocument) {
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(metaSchema.validate(schemaDocument)).isEmpty();
        assertThat(schemaDocument.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schemaDocument.path("$id").asText()).startsWith("https://");
    }

    @Test
    void theTwoSchemasHaveTheirOwnIdsAndTheSameKeysAndDefinitions() {
        assertThat(fragmentDocument.path("$id").asText()).isNotEqualTo(schemaDocument.path("$id").asText())
                .endsWith("/" + "blueprint-fragment-v1.schema.json");
        assertThat(names(fragmentDocument.path("properties"))).isEqualTo(names(schemaDocument.path("properties")));
        assertThat(fragmentDocument.path("$defs")).isEqualTo(schemaDocument.path("$defs"));
        assertThat(fragmentDocument.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void aFragmentRequiresNothingOutsideTheItemsOfAList() {
        List<String> requirements = new ArrayList<>();

        walkRequirements(fragmentDocument, "#", requirements);

        assertThat(requirements).isEmpty();
        // The blueprint's own requirements are where the walk looks: it would find them there.
        List<String> blueprintRequirements = new ArrayList<>();
        walkRequirements(schemaDocument, "#", blueprintRequirements);
        assertThat(blueprintRequirements).contains("#/required", "#/properties/services/additionalProperties/required",
                "#/properties/variables/additionalProperties/required");
    }

    static Stream<Arguments> completeFragments() {
        return Stream.of(
                Arguments.of("tags alone, no stack name", "tags: { team: web, cost-center: \"4711\" }\n"),
                Arguments.of("a stack name, which is ignored, of any form", "blueprint: Not_A_Stack\n"),
                Arguments.of("a service without its image", "services: { app: { port: 8080 } }\n"),
                Arguments.of("a database without its engine", "databases: { main: { multiAz: true } }\n"),
                Arguments.of("a redirect without https", "loadBalancers: { web: { redirectHttp: true } }\n"),
                Arguments.of("a cdn with aliases and no origin or certificate",
                        "cdn: { site: { aliases: [ www.shop.example.com ] } }\n"),
                Arguments.of("an s3 state without bucket or key", "state: { backend: s3 }\n"),
                Arguments.of("a bucket for the importing file's s3 state", "state: { bucket: acme-state }\n"),
                Arguments.of("a variable's description without its type",
                        "variables: { alarmEmail: { description: where alarms go } }\n"),
                Arguments.of("imports, region and environments",
                        "imports: [ tags.yaml ]\nregion: eu-west-1\nenvironments: { prod: { production: true } }\n"),
                Arguments.of("an empty scaleOn", "services: { app: { scaleOn: {} } }\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completeFragments")
    void aFragmentMayLeaveOutWhatABlueprintNeeds(String name, String yaml) throws IOException {
        assertThat(messages(fragmentSchema.validate(YAML.readTree(yaml)))).isEmpty();
    }

    static Stream<Arguments> invalidFragments() {
        return Stream.of(
                Arguments.of("an unknown key", "databse: {}\n", ""),
                Arguments.of("a wrong type", "databases: { main: { readReplicas: two } }\n", "/databases/main/readReplicas"),
                Arguments.of("out of range", "services: { app: { port: 70000 } }\n", "/services/app/port"),
                Arguments.of("a null", "tags:\n", "/tags"),
                Arguments.of("a bad region", "region: mars-north-1\n", "/region"),
                Arguments.of("a waiver without its reason (items of a list are whole)",
                        "policy: { waive: [ { rule: SCF-RDS-004, until: 2027-03-31 } ] }\n", "/policy/waive/0"),
                Arguments.of("a moved entry without to", "moved: [ { from: databases.old } ]\n", "/moved"),
                Arguments.of("a certificate and a domain", "loadBalancers: { web: { https: { domain: a.example.com, "
                        + "certificate: \"arn:aws:acm:us-east-1:123456789012:certificate/abc\" } } }\n",
                        "/loadBalancers/web/https"),
                Arguments.of("subnet ids in the default vpc",
                        "network: { vpc: default, subnets: [ subnet-0123456789abcdef0, subnet-0123456789abcdef1 ] }\n",
                        "/network/vpc"),
                Arguments.of("a bucket beside a local backend", "state: { backend: local, bucket: acme-state }\n",
                        "/state"),
                Arguments.of("an environment named default", "environments: { default: {} }\n", "/environments"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFragments")
    void aFragmentIsCheckedAsStrictlyAsABlueprintOtherwise(String name, String yaml, String location)
            throws IOException {
        Set<ValidationMessage> messages = fragmentSchema.validate(YAML.readTree(yaml));

        assertThat(messages).extracting(m -> m.getInstanceLocation().toString()).contains(location);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void schemaUsesOnlyDraft202012Keywords(String name, JsonNode schemaDocument) {
        // The meta-schema allows unknown keywords, so a misspelt one ("requried") would silently do nothing.
        Set<String> keywords = Set.of("$schema", "$id", "$ref", "$defs", "$comment", "$anchor",
                "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items",
                "contains", "properties", "patternProperties", "additionalProperties", "propertyNames",
                "unevaluatedItems", "unevaluatedProperties", "type", "const", "enum", "multipleOf", "maximum",
                "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems",
                "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties", "required",
                "dependentRequired", "title", "description", "default", "deprecated", "examples", "format");
        List<String> unknown = new ArrayList<>();

        walk(schemaDocument, "#", false, (pointer, node) -> node.fieldNames().forEachRemaining(field -> {
            if (!keywords.contains(field)) {
                unknown.add(pointer + "/" + field);
            }
        }));

        assertThat(unknown).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyReferenceResolves(String name, JsonNode schemaDocument) {
        List<String> dangling = new ArrayList<>();

        walk(schemaDocument, "#", false, (pointer, node) -> {
            if (node.has("$ref") && schemaDocument.at(node.get("$ref").asText().substring(1)).isMissingNode()) {
                dangling.add(pointer + " -> " + node.get("$ref").asText());
            }
        });

        assertThat(dangling).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyPropertyHasADescription(String name, JsonNode schemaDocument) {
        List<String> undescribed = new ArrayList<>();

        walk(schemaDocument, "#", false, (pointer, node) -> {
            if (pointer.contains("/if") || pointer.contains("/then") || pointer.contains("/else")) {
                return; // conditions restate properties, they do not declare them
            }
            node.path("properties").properties().forEach(property -> {
                if (!property.getValue().has("description")) {
                    undescribed.add(pointer + "/properties/" + property.getKey());
                }
            });
            JsonNode additional = node.path("additionalProperties");
            if (additional.isObject() && !additional.has("description")) {
                undescribed.add(pointer + "/additionalProperties");
            }
        });

        assertThat(undescribed).isEmpty();
    }

    static Stream<String> starterTemplates() {
        return new StarterBlueprint().templates().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("starterTemplates")
    void everyInitTemplateRendersAValidBlueprint(String template) throws IOException {
        String text = new StarterBlueprint().render(template, new StarterBlueprint.Values("shop", "eu-central-1"))
                .orElseThrow();

        assertThat(messages(validate(text))).isEmpty();
    }

    @Test
    void theBaseDocumentOfTheInvalidCasesIsValid() throws IOException {
        assertThat(messages(validate(BASE))).isEmpty();
    }

    @Test
    void theDesignExampleIsValid() throws IOException {
        String design = """
                blueprint: shop
                region: us-east-1
                tags: { team: web, cost-center: "4711" }
                variables:
                  instanceType: { type: string, default: t3.small }
                  minInstances: { type: integer, default: 2 }
                  alarmEmail:   { type: string }
                environments:
                  prod: { production: true }
                  staging:
                    variables: { instanceType: t3.micro, minInstances: 1 }
                    databases: { main: { multiAz: false, readReplicas: 0 } }
                imports: [ ../shared/baseline.yaml, { url: "https://example.com/b.yaml", sha256: %s } ]
                state: { backend: s3, bucket: acme-scaffold-state, key: shop.json }
                moved: [ { from: databases.orders, to: databases.main } ]
                network: { vpc: default, subnets: default }
                loadBalancers:
                  web:
                    algorithm: least-outstanding-requests
                    https: { certificate: "arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e", tlsPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06 }
                    redirectHttp: true
                    healthCheck: { path: /health }
                    rateLimit: { requestsPer5Minutes: 2000 }
                services:
                  app:
                    loadBalancer: web
                    port: 8080
                    image: ami-0abcdef1234567890
                    instanceType: ${var.instanceType}
                    capacity: { min: "${var.minInstances}", max: 12 }
                    scaleOn: { cpuPercent: 60 }
                    userData: templates/user-data/app.sh.ftl
                    environment: { DB_HOST: "${databases.main.endpoint}" }
                databases:
                  main:
                    engine: postgres
                    version: "16.4"
                    instanceClass: db.t4g.medium
                    storageGb: 50
                    multiAz: true
                    readReplicas: 2
                    backupRetentionDays: 7
                    deletionProtection: true
                    skipFinalSnapshot: false
                    allowFrom: [ services.app ]
                caches:
                  sessions: { engine: redis, nodeType: cache.t4g.small, replicas: 1, allowFrom: [ services.app ] }
                cdn:
                  site:
                    origin: loadBalancers.web
                    staticAssets: { paths: [ "/static/*" ] }
                    priceClass: PriceClass_100
                    aliases: [ www.shop.example.com ]
                    certificate: "arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"
                    webAcl: true
                backups:
                  nightly: { resources: [ databases.main ], rpoHours: 24, retentionDays: 35, copyToRegion: us-west-2 }
                monitoring:
                  notify: ${var.alarmEmail}
                  alarms: { cpuPercent: 80, http5xxPercent: 1, p95LatencyMs: 500, replicaLagSeconds: 30 }
                policy:
                  waive: [ { rule: SCF-RDS-004, reason: "staging runs single-AZ", until: 2027-03-31 } ]
                """.formatted("a".repeat(64));

        assertThat(messages(validate(design))).isEmpty();
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                Arguments.of("unknown top-level key", BASE + "databse: {}\n", ""),
                Arguments.of("unknown key in a tier", BASE.replace("image:", "imag:"), "/services/app"),
                Arguments.of("wrong type", BASE.replace("readReplicas: 1", "readReplicas: two"),
                        "/databases/main/readReplicas"),
                Arguments.of("port 70000", BASE.replace("port: 8080", "port: 70000"), "/services/app/port"),
                Arguments.of("port as a string", BASE.replace("port: 8080", "port: \"8080\""), "/services/app/port"),
                Arguments.of("malformed variable reference", BASE.replace("port: 8080", "port: \"${var.}\""),
                        "/services/app/port"),
                Arguments.of("bad region", BASE.replace("us-east-1", "us-east"), "/region"),
                Arguments.of("made-up region", BASE.replace("us-east-1", "mars-north-1"), "/region"),
                Arguments.of("upper-case stack name", BASE.replace("blueprint: shop", "blueprint: Shop"), "/blueprint"),
                Arguments.of("one-letter stack name", BASE.replace("blueprint: shop", "blueprint: s"), "/blueprint"),
                Arguments.of("missing stack name", BASE.replace("blueprint: shop\n", ""), ""),
                Arguments.of("unknown database engine", BASE.replace("engine: postgres", "engine: oracle"),
                        "/databases/main/engine"),
                Arguments.of("unknown cache engine", BASE.replace("engine: redis", "engine: memcached"),
                        "/caches/sessions/engine"),
                Arguments.of("waiver without reason", BASE.replace("reason: \"staging runs single-AZ\", ", ""),
                        "/policy/waive/0"),
                Arguments.of("waiver with an empty reason", BASE.replace("\"staging runs single-AZ\"", "\"\""),
                        "/policy/waive/0/reason"),
                Arguments.of("waiver until no date", BASE.replace("2027-03-31", "next spring"),
                        "/policy/waive/0/until"),
                Arguments.of("replicas 16", BASE.replace("replicas: 1 }", "replicas: 16 }"), "/caches/sessions/replicas"),
                Arguments.of("readReplicas 16", BASE.replace("readReplicas: 1", "readReplicas: 16"),
                        "/databases/main/readReplicas"),
                Arguments.of("negative capacity", BASE.replace("min: 1", "min: -1"), "/services/app/capacity/min"),
                Arguments.of("allowFrom not a service", BASE.replace("[ services.app ]", "[ app ]"),
                        "/databases/main/allowFrom/0"),
                Arguments.of("variable default of another type",
                        BASE + "variables:\n  n: { type: integer, default: two }\n", "/variables/n/default"),
                Arguments.of("scaling on two metrics",
                        BASE.replace("capacity:", "scaleOn: { cpuPercent: 60, requestsPerTarget: 100 }, capacity:"),
                        "/services/app/scaleOn"),
                Arguments.of("s3 state without a bucket", BASE + "state: { backend: s3, key: shop.json }\n", "/state"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void invalidDocumentsAreRejectedWhereTheyAreWrong(String name, String yaml, String location) throws IOException {
        Set<ValidationMessage> messages = validate(yaml);

        assertThat(messages).extracting(m -> m.getInstanceLocation().toString()).contains(location);
    }

    @Test
    void anUnknownKeyIsNamedInTheMessage() throws IOException {
        Set<ValidationMessage> messages = validate(BASE + "databse: {}\n");

        assertThat(messages(messages)).anyMatch(m -> m.contains("databse"));
    }

    @Test
    void environmentsHoldPartialTiersAndVariableValues() throws IOException {
        String yaml = BASE + """
                environments:
                  staging:
                    variables: { minInstances: 1, domains: [ a.example.com ] }
                    databases: { main: { multiAz: false, readReplicas: 0 } }
                    services: { app: { capacity: { max: 1 } } }
                  prod: { production: true, region: us-west-2 }
                """;

        assertThat(messages(validate(yaml))).isEmpty();
    }

    @Test
    void numericAndBooleanFieldsAcceptAWholeVariableReference() throws IOException {
        String yaml = BASE
                .replace("port: 8080", "port: \"${var.port}\"")
                .replace("readReplicas: 1", "readReplicas: \"${var.replicas}\", multiAz: \"${var.multi_az}\"");

        assertThat(messages(validate(yaml))).isEmpty();
    }

    static Stream<Path> exampleBlueprints() throws IOException {
        Path examples = projectDirectory().resolve("blueprints");
        if (!Files.isDirectory(examples)) {
            // Until the example blueprints land on this branch, check the mechanism on one stand-in.
            return Stream.of(projectDirectory().resolve("src/test/resources/schema/placeholder-blueprint.yaml"));
        }
        try (Stream<Path> files = Files.walk(examples)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .collect(Collectors.toList());
            assertThat(yaml).as("blueprints under %s", examples).isNotEmpty();
            return yaml.stream();
        }
    }

    /** An example is checked as what it is: a fragment when another example imports it, else a blueprint. */
    @ParameterizedTest
    @MethodSource("exampleBlueprints")
    void everyExampleBlueprintValidates(Path blueprint) throws IOException {
        JsonSchema as = importedByAnExample(blueprint) ? fragmentSchema : schema;

        assertThat(messages(as.validate(YAML.readTree(Files.readString(blueprint))))).as(blueprint.toString()).isEmpty();
    }

    @Test
    void theExamplesImportAFragmentWithoutAStackName() throws IOException {
        List<Path> fragments = exampleBlueprints().filter(BlueprintSchemaTest::importedByAnExample).toList();

        assertThat(fragments).isNotEmpty();
        for (Path fragment : fragments) {
            assertThat(YAML.readTree(fragment.toFile()).has("blueprint")).as(fragment.toString()).isFalse();
            assertThat(messages(schema.validate(YAML.readTree(fragment.toFile())))).as(fragment.toString())
                    .anyMatch(m -> m.contains("blueprint"));
        }
    }

    private static boolean importedByAnExample(Path file) {
        try (Stream<Path> examples = exampleBlueprints()) {
            return examples.anyMatch(example -> {
                try {
                    for (JsonNode imported : YAML.readTree(example.toFile()).path("imports")) {
                        if (example.resolveSibling(imported.asText()).normalize().equals(file.normalize())) {
                            return true;
                        }
                    }
                    return false;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path projectDirectory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    private static Set<ValidationMessage> validate(String yaml) throws IOException {
        return schema.validate(YAML.readTree(yaml));
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Where {@code node} requires something of a mapping the merge of a fragment can complete: every {@code required},
     * {@code dependentRequired} and {@code minProperties}, except in {@code $defs}, the items of a list, and the
     * conditions and prohibitions ({@code if}, {@code not}) that only use {@code required} to ask whether a key is there.
     */
    private static void walkRequirements(JsonNode node, String pointer, List<String> found) {
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            String at = pointer + "/" + key;
            switch (key) {
                case "required", "dependentRequired", "minProperties" -> found.add(at);
                case "properties", "patternProperties" ->
                        e.getValue().properties().forEach(p -> walkRequirements(p.getValue(), at + "/" + p.getKey(), found));
                case "allOf", "anyOf", "oneOf" -> {
                    for (int i = 0; i < e.getValue().size(); i++) {
                        walkRequirements(e.getValue().get(i), at + "/" + i, found);
                    }
                }
                case "additionalProperties", "then", "else" -> walkRequirements(e.getValue(), at, found);
                default -> {
                    // $defs, items, not, if, literals and annotations
                }
            }
        }
    }

    /** Visits every subschema of {@code node}, with its JSON pointer, without entering literal values. */
    private static void walk(JsonNode node, String pointer, boolean isMap, BiConsumer<String, JsonNode> visitor) {
        if (!node.isObject()) {
            return;
        }
        if (isMap) {
            node.properties().forEach(e -> walk(e.getValue(), pointer + "/" + e.getKey(), false, visitor));
            return;
        }
        visitor.accept(pointer, node);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "properties", "patternProperties", "$defs", "dependentSchemas" ->
                        walk(value, pointer + "/" + key, true, visitor);
                case "allOf", "anyOf", "oneOf", "prefixItems" -> {
                    for (int i = 0; i < value.size(); i++) {
                        walk(value.get(i), pointer + "/" + key + "/" + i, false, visitor);
                    }
                }
                case "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
                        "unevaluatedItems", "unevaluatedProperties" -> walk(value, pointer + "/" + key, false, visitor);
                default -> {
                    // a literal (const, enum, default, ...) or an annotation: nothing to enter
                }
            }
        }
    }
}
