package dev.scaffold.blueprint;

import static dev.scaffold.blueprint.BlueprintFiles.HEADER;
import static dev.scaffold.blueprint.BlueprintFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A variable's default (and an environment's value for it) may use other variables: they are resolved, in
 * whatever order they are declared, with the values they finally have; a circle is an error at the place
 * that closes it.
 */
class VariableDefaultsTest {

    @TempDir
    Path dir;

    private Blueprint load(String yaml, String env, Map<String, String> vars) {
        Path file = write(dir, "blueprint.yaml", HEADER + yaml);
        return new BlueprintLoader(Map.of()).load(new LoadRequest(file, env, vars, List.of()));
    }

    private BlueprintException failure(String yaml) {
        Path file = write(dir, "blueprint.yaml", HEADER + yaml);
        return catchThrowableOfType(BlueprintException.class,
                () -> new BlueprintLoader(Map.of()).loadEveryEnvironment(LoadRequest.of(file)));
    }

    @Test
    void aDefaultThatRefersToAVariableDeclaredLaterGetsItsValue() {
        Blueprint b = load("""
                variables:
                  path: { type: string, default: "/x${var.b}" }
                  b:    { type: string, default: health }
                loadBalancers: { web: { healthCheck: { path: "${var.path}" } } }
                """, null, Map.of());

        assertThat(b.loadBalancers().get("web").healthCheck().path()).isEqualTo("/xhealth");
    }

    @Test
    void theReferredVariableHasItsFinalValueFromTheEnvironmentOrTheCommandLine() {
        String yaml = """
                variables:
                  path: { type: string, default: "/x${var.b}" }
                  b:    { type: string, default: health }
                environments: { staging: { variables: { b: ready } } }
                loadBalancers: { web: { healthCheck: { path: "${var.path}" } } }
                """;

        assertThat(load(yaml, "staging", Map.of()).variables().get("path").value()).isEqualTo("/xready");
        assertThat(load(yaml, "staging", Map.of("b", "live")).variables().get("path").value()).isEqualTo("/xlive");
    }

    @Test
    void aWholeReferenceTakesTheOtherVariablesTypedValue() {
        Blueprint b = load("""
                variables:
                  base: { type: integer, default: 3 }
                  min:  { type: integer, default: "${var.base}" }
                services: { app: { image: ami-0abcdef1234567890, capacity: { min: "${var.min}", max: 5 } } }
                """, null, Map.of());

        assertThat(b.services().get("app").capacity().min()).isEqualTo(3);
    }

    @Test
    void escapesAndTheProcessEnvironmentWorkInDefaultsAsElsewhere() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                variables:
                  note: { type: string, default: "$${literal} for ${env.TEAM}" }
                tags: { note: "${var.note}" }
                """);

        Blueprint b = new BlueprintLoader(Map.of("TEAM", "web")).load(LoadRequest.of(file));

        assertThat(b.tags()).containsEntry("note", "${literal} for web");
    }

    @Test
    void aValueMadeFromASensitiveVariableIsSensitive() {
        Blueprint b = load("""
                variables:
                  token: { type: string, default: s3cret, sensitive: true }
                  url:   { type: string, default: "https://x/?t=${var.token}" }
                """, null, Map.of());

        assertThat(b.variables().get("url").sensitive()).isTrue();
        assertThat(b.variables().get("url").toString()).doesNotContain("s3cret");
    }

    @Test
    void variablesThatReferToEachOtherAreACircleReportedWithItsPosition() {
        BlueprintException e = failure("""
                variables:
                  a: { type: string, default: "x-${var.b}" }
                  b: { type: string, default: "y-${var.a}" }
                tags: { a: "${var.a}" }
                """);

        assertThat(e.diagnostics()).extracting(d -> d.line() + ":" + d.column() + " " + d.code() + " " + d.message())
                .containsExactly("5:31 variable-cycle the values of variables 'a' → 'b' → 'a' refer to each other "
                        + "in a circle; give one of them a value that does not refer to the others");
    }

    @Test
    void aDefaultThatRefersToItselfIsACircle() {
        BlueprintException e = failure("variables: { a: { type: string, default: \"${var.a}\" } }\n");

        assertThat(e.diagnostics()).extracting(Diagnostic::code).containsExactly("variable-cycle");
    }

    @Test
    void aDefaultCannotReferToATierWhoseValueIsKnownOnlyAfterApply() {
        BlueprintException e = failure("""
                variables: { host: { type: string, default: "${databases.main.endpoint}" } }
                databases: { main: { engine: postgres } }
                """);

        assertThat(e.diagnostics()).extracting(Diagnostic::code, Diagnostic::message).containsExactly(
                tuple("reference-not-allowed", "the default of variable 'host' must be "
                        + "known before apply; it cannot use '${databases.main.endpoint}'"));
    }

    @Test
    void aDefaultThatRefersToAnUndeclaredVariableSaysSo() {
        BlueprintException e = failure("variables: { a: { type: string, default: \"${var.nope}\" } }\n");

        assertThat(e.diagnostics()).extracting(Diagnostic::code).containsExactly("unknown-variable");
    }

    @Test
    void aWholeReferenceOfTheWrongTypeIsTheVariablesValueProblem() {
        BlueprintException e = failure("""
                variables:
                  name: { type: string, default: two }
                  size: { type: integer, default: "${var.name}" }
                """);

        assertThat(e.diagnostics()).extracting(Diagnostic::code, Diagnostic::message).containsExactly(
                tuple("variable-value", "expected an integer for the default of "
                        + "variable 'size', got the string 'two' (the value of variable 'name')"));
    }
}
