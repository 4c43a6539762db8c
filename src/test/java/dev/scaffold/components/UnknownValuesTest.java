package dev.scaffold.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.BlueprintException;
import dev.scaffold.blueprint.BlueprintLoader;
import dev.scaffold.blueprint.Diagnostic;
import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.blueprint.Severity;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A variable without a value in a command that needs none (validate, graph, a destroy): checked as an unknown
 * of its type where it is used, named in warnings, and expanded as the text {@code ${var.NAME}}.
 */
class UnknownValuesTest {

    private static final String BLUEPRINT = """
            blueprint: shop
            region: us-east-1
            variables:
              certificate: { type: string }
              minimum:     { type: integer }
              token:       { type: string, sensitive: true }
              base:        { type: string }
              path:        { type: string, default: "/${var.base}/health" }
            loadBalancers:
              web:
                https: { certificate: "${var.certificate}" }
                healthCheck: { path: "${var.path}" }
            services:
              app:
                loadBalancer: web
                image: ami-0abcdef1234567890
                capacity: { min: "${var.minimum}", max: 4 }
                environment: { TOKEN: "Bearer ${var.token}", CERT: "${var.certificate}" }
            """;

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void writeBlueprint() throws IOException {
        file = dir.resolve("blueprint.yaml");
        Files.writeString(file, BLUEPRINT);
    }

    @Test
    void givenNoValues_whenLoadedForACommandThatNeedsNone_thenItIsValidAndSaysWhichWereNotGivenAndWhere() {
        Blueprint loaded = new BlueprintLoader(Map.of()).loadEveryEnvironment(LoadRequest.of(file).withUnknownValues());

        assertThat(loaded.unknownVariables()).containsExactly("certificate", "minimum", "token", "base");
        assertThat(loaded.warnings()).allMatch(w -> w.severity() == Severity.WARNING && w.code().equals("unknown-value"))
                .extracting(w -> w.line() + ":" + w.column() + " " + w.message())
                .contains("4:3 variable 'certificate' has no value, so it was checked as an unknown string where it is"
                                + " used; plan and apply need one: give it with --var certificate=…, a --var-file or"
                                + " SCAFFOLD_VAR_certificate, or give it a default",
                        "11:27 variable 'certificate' has no value, so it was checked here as an unknown string",
                        "17:22 variable 'minimum' has no value, so it was checked here as an unknown integer",
                        "12:26 variable 'path' is made from 'base', which has no value, so it was checked here as an"
                                + " unknown string");
    }

    @Test
    void givenNoValues_whenLoadedForPlan_thenEachIsStillAnError() {
        BlueprintException refused = catchThrowableOfType(BlueprintException.class,
                () -> new BlueprintLoader(Map.of()).load(LoadRequest.of(file)));

        assertThat(refused.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR)
                .extracting(Diagnostic::code).containsOnly("missing-variable").hasSize(4);
    }

    @Test
    void givenAnUnknownStringWhereAnIntegerBelongs_whenLoaded_thenItsTypeIsStillChecked() throws IOException {
        Files.writeString(file, BLUEPRINT.replace("min: \"${var.minimum}\"", "min: \"${var.certificate}\""));

        BlueprintException refused = catchThrowableOfType(BlueprintException.class,
                () -> new BlueprintLoader(Map.of()).load(LoadRequest.of(file).withUnknownValues()));

        assertThat(refused.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR)
                .extracting(d -> d.line() + ":" + d.column() + " " + d.message())
                .containsExactly("17:22 expected an integer for services.app.capacity.min, got an unknown string"
                        + " (the value of variable 'certificate')");
    }

    @Test
    void givenNoValues_whenExpanded_thenEveryResourceIsThereAndTemplatesSeeTheVariableAsWritten() {
        Blueprint loaded = new BlueprintLoader(Map.of()).load(LoadRequest.of(file).withUnknownValues());

        List<ResourceSpec> specs = new Components().expand(loaded);

        ResourceSpec listener = spec(specs, "loadBalancers.web.listener-https");
        assertThat(listener.attributes()).containsEntry("certificateArn", "${var.certificate}");
        assertThat(spec(specs, "loadBalancers.web.target-group").attributes())
                .containsEntry("healthCheckPath", "${var.path}");
        Object userData = spec(specs, "services.app.launch-template").attributes().get("userData");
        assertThat(String.valueOf(userData)).contains("TOKEN=Bearer ${var.token}\n", "CERT=${var.certificate}\n");
    }

    private static ResourceSpec spec(List<ResourceSpec> specs, String address) {
        return specs.stream().filter(s -> s.address().equals(ResourceAddress.parse(address))).findFirst().orElseThrow();
    }
}
