package dev.scaffold.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion.VersionFlag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema editors use and the loader {@code validate} uses must agree: what one accepts the
 * other accepts, and a structural mistake (a key, a type, a range, an enum, a pattern) is rejected
 * by both. Rules the schema cannot express (references, imports, variable values) are the loader's alone.
 */
class SchemaLoaderAgreementTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CORPUS = Path.of("src/test/resources/invalid");

    private static final Path FRAGMENTS = Path.of("src/test/resources/schema/fragments");

    private static JsonSchema schema;
    private static JsonSchema fragmentSchema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = JsonSchemaFactory.getInstance(VersionFlag.V202012).getSchema(BlueprintSchema.text());
        fragmentSchema = JsonSchemaFactory.getInstance(VersionFlag.V202012).getSchema(BlueprintSchema.fragmentText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"blueprints/web-app.yaml", "blueprints/minimal.yaml", "blueprints/load-balancer.yaml"})
    void bothAcceptTheExamples(String file) throws IOException {
        Path path = Path.of(file);
        Map<String, String> vars = switch (path.getFileName().toString()) {
            case "load-balancer.yaml" ->
                    Map.of("certificate", "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
            case "minimal.yaml", "web-app.yaml" -> Map.of("image", "ami-0abcdef1234567890");
            default -> Map.of();
        };
        LoadRequest request = new LoadRequest(path, null, vars, List.of());

        assertThat(schema.validate(YAML.readTree(path.toFile()))).isEmpty();
        assertThat(new BlueprintLoader(Map.of()).loadEveryEnvironment(request).file()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "unknown-key-with-suggestion", "unknown-top-level-key", "wrong-type-integer", "wrong-type-section",
        "quoted-port", "port-too-large", "port-zero", "bad-region", "bad-stack-name", "bad-tier-name",
        "bad-environment-name", "bad-ami-id", "unknown-engine", "unknown-cache-engine", "unknown-algorithm",
        "replicas-16", "retention-36", "retention-zero", "waiver-empty-reason", "waiver-without-reason",
        "waiver-without-until", "missing-blueprint", "missing-service-image", "scale-on-two-metrics",
        "https-certificate-and-domain", "production-not-boolean", "s3-state-without-bucket",
        "wrong-variable-default-type", "cdn-certificate-wrong-region", "environment-named-default",
        "variable-without-type", "string-variable-default-true", "number-where-a-string-belongs", "null-environments",
        "null-environment", "nul-in-import-path", "tier-without-body", "escape-sequence-in-value",
        "line-separator-in-value", "long-value-is-shortened", "queue-visibility-over-12-hours", "queue-retention-15-days",
        "queue-max-receives-zero", "queue-producer-not-a-service"})
    void bothRejectAStructuralMistake(String corpusCase) throws IOException {
        Path file = CORPUS.resolve(corpusCase).resolve("blueprint.yaml");

        assertThat(schema.validate(YAML.readTree(file.toFile()))).as("schema errors for %s", corpusCase).isNotEmpty();
        assertThatThrownBy(() -> new BlueprintLoader(Map.of()).loadEveryEnvironment(LoadRequest.of(file)))
                .isInstanceOf(BlueprintException.class);
    }

    @Test
    void bothAcceptABlueprintMadeOfFragmentsEachAsWhatItIs() throws IOException {
        Path main = FRAGMENTS.resolve("blueprint.yaml");

        assertThat(schema.validate(YAML.readTree(main.toFile()))).isEmpty();
        for (String fragment : List.of("shared/baseline.yaml", "shared/network.yaml", "shared/web.yaml")) {
            assertThat(fragmentSchema.validate(YAML.readTree(FRAGMENTS.resolve(fragment).toFile()))).as(fragment).isEmpty();
        }
        assertThat(fragmentSchema.validate(YAML.readTree(Path.of("blueprints/shared/baseline.yaml").toFile()))).isEmpty();
        Blueprint loaded = new BlueprintLoader(Map.of()).loadEveryEnvironment(LoadRequest.of(main));
        assertThat(loaded.name()).isEqualTo("fixture-fragments");
        assertThat(loaded.region()).isEqualTo("eu-west-1");
        assertThat(loaded.tags()).containsEntry("team", "payments").containsEntry("cost-center", "4711");
        assertThat(loaded.services().get("app").image()).isEqualTo("ami-0abcdef1234567890");
    }

    @Test
    void onlyTheFragmentSchemaAcceptsAFragmentWithoutAStackNameAndTheLoaderImportsIt() throws IOException {
        Path fragment = write("shared/tags.yaml", "tags: { team: web }\n");
        Path main = write("blueprint.yaml", "blueprint: shop\nregion: us-east-1\nimports: [ shared/tags.yaml ]\n");

        assertThat(fragmentSchema.validate(YAML.readTree(fragment.toFile()))).isEmpty();
        assertThat(schema.validate(YAML.readTree(fragment.toFile()))).isNotEmpty();
        assertThat(new BlueprintLoader(Map.of()).loadEveryEnvironment(LoadRequest.of(main)).tags())
                .containsEntry("team", "web");
    }

    static Stream<Arguments> fragmentMistakes() {
        return Stream.of(
                Arguments.of("an unknown key", "tags: { team: web }\ndatabse: {}\n", "2:1"),
                Arguments.of("a wrong type", "databases: { main: { engine: postgres, readReplicas: two } }\n", "1:54"),
                Arguments.of("a value out of range", "services: { app: { image: ami-0abcdef1234567890, port: 70000 } }\n",
                        "1:56"),
                Arguments.of("a null", "tags: { team: web }\nmonitoring:\n", "2:12"),
                Arguments.of("a bad region", "environments: { prod: { region: mars-north-1 } }\n", "1:33"),
                Arguments.of("an environment named default", "environments: { default: {} }\n", "1:17"),
                Arguments.of("a waiver without its reason",
                        "policy: { waive: [ { rule: SCF-RDS-004, until: 2030-01-31 } ] }\n", "1:20"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fragmentMistakes")
    void bothRejectAStructuralMistakeInAFragmentAndTheLoaderSaysWhereInIt(String mistake, String fragmentText,
            String position) throws IOException {
        Path fragment = write("shared/base.yaml", fragmentText);
        Path main = write("blueprint.yaml", "blueprint: shop\nregion: us-east-1\nimports: [ shared/base.yaml ]\n");

        assertThat(fragmentSchema.validate(YAML.readTree(fragment.toFile()))).isNotEmpty();
        BlueprintException e = catchThrowableOfType(BlueprintException.class,
                () -> new BlueprintLoader(Map.of()).loadEveryEnvironment(LoadRequest.of(main)));
        assertThat(e).isNotNull();
        assertThat(e.problems()).anyMatch(p -> p.startsWith(fragment + ":" + position + ": error: "));
    }

    /**
     * validate checks the blueprint as merged: a fragment's value that the importing file replaces never reaches
     * it and is not checked, while an editor, applying the fragment schema to the file, marks it.
     */
    @Test
    void aFragmentsValueThatTheImportingFileReplacesIsMarkedByTheSchemaAlone() throws IOException {
        Path fragment = write("shared/base.yaml", "region: mars-north-1\ntags: { team: 5 }\n");
        Path main = write("blueprint.yaml", "blueprint: shop\nregion: us-east-1\nimports: [ shared/base.yaml ]\n"
                + "tags: { team: web }\n");

        assertThat(fragmentSchema.validate(YAML.readTree(fragment.toFile())))
                .extracting(m -> m.getInstanceLocation().toString()).contains("$.region", "$.tags.team");
        Blueprint loaded = new BlueprintLoader(Map.of()).loadEveryEnvironment(LoadRequest.of(main));
        assertThat(loaded.region()).isEqualTo("us-east-1");
        assertThat(loaded.tags()).containsExactly(Map.entry("team", "web"));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
