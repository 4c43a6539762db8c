package dev.scaffold.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion.VersionFlag;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema editors use and the loader {@code validate} uses must agree: what one accepts the
 * other accepts, and a structural mistake (a key, a type, a range, an enum, a pattern) is rejected
 * by both. Rules the schema cannot express (references, imports, variable values) are the loader's alone.
 */
class SchemaLoaderAgreementTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CORPUS = Path.of("src/test/resources/invalid");

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = JsonSchemaFactory.getInstance(VersionFlag.V202012).getSchema(BlueprintSchema.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"blueprints/web-app.yaml", "blueprints/minimal.yaml", "blueprints/load-balancer.yaml"})
    void bothAcceptTheExamples(String file) throws IOException {
        Path path = Path.of(file);
        Map<String, String> vars = file.endsWith("load-balancer.yaml")
                ? Map.of("certificate", "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")
                : Map.of();
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
        "line-separator-in-value", "long-value-is-shortened"})
    void bothRejectAStructuralMistake(String corpusCase) throws IOException {
        Path file = CORPUS.resolve(corpusCase).resolve("blueprint.yaml");

        assertThat(schema.validate(YAML.readTree(file.toFile()))).as("schema errors for %s", corpusCase).isNotEmpty();
        assertThatThrownBy(() -> new BlueprintLoader(Map.of()).loadEveryEnvironment(LoadRequest.of(file)))
                .isInstanceOf(BlueprintException.class);
    }
}
