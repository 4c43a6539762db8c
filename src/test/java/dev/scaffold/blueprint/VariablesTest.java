package dev.scaffold.blueprint;

import static dev.scaffold.blueprint.BlueprintFiles.HEADER;
import static dev.scaffold.blueprint.BlueprintFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariablesTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void blueprintWithVariables() {
        file = write(dir, "blueprint.yaml", HEADER + """
                variables:
                  size:    { type: integer, default: 1 }
                  ratio:   { type: number, default: 0.5 }
                  enabled: { type: boolean, default: false }
                  zones:   { type: list, default: [a, b] }
                  labels:  { type: map, default: { tier: web } }
                  name:    { type: string, default: from-default }
                  secret:  { type: string, default: x, sensitive: true }
                environments:
                  staging:
                    variables: { name: from-environment }
                services:
                  app:
                    image: ami-0abcdef1234567890
                    environment: { SIZE: "size-${var.name}" }
                    capacity: { min: "${var.size}", max: 20 }
                tags: "${var.labels}"
                """);
    }

    private Blueprint load(String env, Map<String, String> processEnv, Map<String, String> vars, List<Path> varFiles) {
        return new BlueprintLoader(processEnv).load(new LoadRequest(file, env, vars, varFiles));
    }

    private Object value(Blueprint b, String name) {
        return b.variables().get(name).value();
    }

    @Test
    void defaultsAreTyped() {
        Blueprint b = load(null, Map.of(), Map.of(), List.of());

        assertThat(value(b, "size")).isEqualTo(1L);
        assertThat(value(b, "ratio")).isEqualTo(0.5);
        assertThat(value(b, "enabled")).isEqualTo(false);
        assertThat(value(b, "zones")).isEqualTo(List.of("a", "b"));
        assertThat(value(b, "labels")).isEqualTo(Map.of("tier", "web"));
        assertThat(b.variables().get("secret").sensitive()).isTrue();
        assertThat(b.variables().get("size").type()).isEqualTo(VariableType.INTEGER);
    }

    @Test
    void eachSourceOverridesTheOneBelowIt() {
        Path varFile = write(dir, "vars.yaml", "name: from-var-file\n");
        Map<String, String> processEnv = Map.of("SCAFFOLD_VAR_name", "from-process-env");

        assertThat(value(load(null, Map.of(), Map.of(), List.of()), "name")).isEqualTo("from-default");
        assertThat(value(load("staging", Map.of(), Map.of(), List.of()), "name")).isEqualTo("from-environment");
        assertThat(value(load("staging", processEnv, Map.of(), List.of()), "name")).isEqualTo("from-process-env");
        assertThat(value(load("staging", processEnv, Map.of(), List.of(varFile)), "name")).isEqualTo("from-var-file");
        assertThat(value(load("staging", processEnv, Map.of("name", "from-var"), List.of(varFile)), "name"))
                .isEqualTo("from-var");
    }

    @Test
    void laterVarFilesWin() {
        Path first = write(dir, "first.json", "{\"size\": 2, \"name\": \"first\"}");
        Path second = write(dir, "second.yaml", "size: 3\n");

        Blueprint b = load(null, Map.of(), Map.of(), List.of(first, second));

        assertThat(value(b, "size")).isEqualTo(3L);
        assertThat(value(b, "name")).isEqualTo("first");
    }

    @Test
    void stringValuesAreConvertedToTheDeclaredType() {
        Blueprint b = load(null, Map.of("SCAFFOLD_VAR_enabled", "true"),
                Map.of("size", "4", "ratio", "1.25", "zones", "[x, y, z]", "labels", "{ tier: api }"), List.of());

        assertThat(value(b, "size")).isEqualTo(4L);
        assertThat(value(b, "ratio")).isEqualTo(1.25);
        assertThat(value(b, "enabled")).isEqualTo(true);
        assertThat(value(b, "zones")).isEqualTo(List.of("x", "y", "z"));
        assertThat(value(b, "labels")).isEqualTo(Map.of("tier", "api"));
    }

    @Test
    void wholeVariableStringTakesTheVariableType() {
        Blueprint b = load(null, Map.of(), Map.of("size", "3"), List.of());

        assertThat(b.services().get("app").capacity()).isEqualTo(new Service.Capacity(3, 20, null));
        assertThat(b.tags()).containsExactly(Map.entry("tier", "web"));
    }

    @Test
    void variableInsideAStringIsInterpolatedAsText() {
        Blueprint b = load(null, Map.of(), Map.of("name", "large"), List.of());

        assertThat(b.services().get("app").environment().get("SIZE")).isEqualTo(Expr.of("size-large"));
    }

    @Test
    void unconvertibleValuesAreReportedWithTheirSource() {
        BlueprintException e = catchThrowableOfType(BlueprintException.class,
                () -> load(null, Map.of("SCAFFOLD_VAR_enabled", "maybe"), Map.of("size", "abc"), List.of()));

        assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "SCAFFOLD_VAR_enabled: error: expected true or false for variable 'enabled', got 'maybe'",
                "--var: error: expected an integer for variable 'size', got 'abc'");
    }

    @Test
    void unknownCommandLineVariableIsAnError() {
        BlueprintException e = catchThrowableOfType(BlueprintException.class,
                () -> load(null, Map.of(), Map.of("sise", "2"), List.of()));

        assertThat(e.diagnostics()).singleElement().extracting(Diagnostic::message)
                .isEqualTo("unknown variable 'sise' — did you mean 'size'?");
    }

    @Test
    void requiredVariableCanComeFromTheProcessEnvironment() {
        Path required = write(dir, "required.yaml", HEADER + """
                variables: { alarmEmail: { type: string } }
                monitoring: { notify: "${var.alarmEmail}" }
                """);

        Blueprint b = new BlueprintLoader(Map.of("SCAFFOLD_VAR_alarmEmail", "ops@example.com"))
                .load(LoadRequest.of(required));

        assertThat(b.monitoring().notifyEmail()).isEqualTo(Expr.of("ops@example.com"));
    }

    @Test
    void aVariableWithoutATypeIsRefusedAsTheSchemaRefusesIt() {
        Path untyped = write(dir, "untyped.yaml", HEADER + "variables: { n: { default: 3 }, s: { type: ~, default: x } }\n");

        BlueprintException e = catchThrowableOfType(BlueprintException.class,
                () -> new BlueprintLoader(Map.of()).load(LoadRequest.of(untyped)));

        assertThat(e.problems()).containsExactly(
                untyped + ":3:14: error: variable 'n' needs a 'type': string, integer, number, boolean, list, map",
                untyped + ":3:44: error: variables.s.type has no value; give it one or remove the key");
    }

    @Test
    void aBareDeclarationIsRefusedWithTheDeclarationToWrite() {
        Path bare = write(dir, "bare.yaml", HEADER + "variables:\n  owner:\n");

        BlueprintException e = catchThrowableOfType(BlueprintException.class,
                () -> new BlueprintLoader(Map.of("SCAFFOLD_VAR_owner", "ana")).load(LoadRequest.of(bare)));

        assertThat(e.diagnostics()).extracting(Diagnostic::code).containsExactly("no-value");
        assertThat(e.getMessage()).endsWith("variable 'owner' has no declaration; declare it with its type, "
                + "e.g. 'owner: { type: string }'");
    }

    @Test
    void aStringDefaultMustBeAString() {
        Path typed = write(dir, "typed.yaml", HEADER + "variables: { flag: { type: string, default: true } }\n");

        BlueprintException e = catchThrowableOfType(BlueprintException.class,
                () -> new BlueprintLoader(Map.of()).load(LoadRequest.of(typed)));

        assertThat(e.diagnostics()).extracting(Diagnostic::code, Diagnostic::message).containsExactly(tuple("type",
                "expected a string for the default of variable 'flag', got the boolean true (quote it: \"true\")"));
    }

    @Test
    void sensitiveValueNeverPrints() {
        Blueprint b = load(null, Map.of(), Map.of("secret", "hunter2"), List.of());

        assertThat(b.variables().get("secret").value()).isEqualTo("hunter2");
        assertThat(b.toString()).doesNotContain("hunter2").contains("value=(sensitive)");
    }

    @Test
    void aSensitiveValueOfTheWrongTypeIsNeverQuotedBackNorIsOneMadeFromIt() {
        Path secrets = write(dir, "secrets.yaml", HEADER + """
                variables:
                  pin:    { type: integer, sensitive: true }
                  flag:   { type: boolean, sensitive: true }
                  token:  { type: string, sensitive: true }
                  bearer: { type: string, default: "Bearer ${var.token}" }
                services:
                  app: { image: ami-0abcdef1234567890, port: "${var.token}", environment: { A: "${var.bearer}" } }
                """);
        Path varFile = write(dir, "secrets.vars.yaml", "flag: TOPSECRET-in-a-file\n");

        BlueprintException e = catchThrowableOfType(BlueprintException.class, () -> new BlueprintLoader(
                Map.of("SCAFFOLD_VAR_pin", "TOPSECRET-from-env")).load(new LoadRequest(secrets, null,
                Map.of("token", "TOPSECRET-hunter2"), List.of(varFile))));

        assertThat(e.diagnostics()).extracting(Diagnostic::message).containsExactlyInAnyOrder(
                "expected an integer for variable 'pin', got '(sensitive)'",
                "expected true or false for variable 'flag', got '(sensitive)'",
                "expected an integer for services.app.port, got the string '(sensitive)' (the value of variable 'token')");
        assertThat(e.getMessage()).doesNotContain("TOPSECRET");
    }
}
