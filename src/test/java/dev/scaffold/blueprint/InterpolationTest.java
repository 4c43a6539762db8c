package dev.scaffold.blueprint;

import static dev.scaffold.blueprint.BlueprintFiles.HEADER;
import static dev.scaffold.blueprint.BlueprintFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolationTest {

    @TempDir
    Path dir;

    private Blueprint load(String body, Map<String, String> processEnv) {
        return new BlueprintLoader(processEnv).load(LoadRequest.of(write(dir, "blueprint.yaml", HEADER + body)));
    }

    private static final String TIERS = """
            loadBalancers: { web: {} }
            databases: { main: { engine: postgres, allowFrom: [ services.app ] } }
            caches: { sessions: { engine: redis } }
            monitoring: { notify: ops@example.com }
            """;

    @Test
    void environmentVariablesAreSubstituted() {
        Blueprint b = load("tags: { owner: \"${env.USER_NAME}-team\" }\n", Map.of("USER_NAME", "ana"));

        assertThat(b.tags()).containsEntry("owner", "ana-team");
    }

    @Test
    void tierReferencesBecomeTypedParts() {
        Blueprint b = load(TIERS + """
                services:
                  app:
                    image: ami-0abcdef1234567890
                    environment:
                      CACHE_URL: "rediss://${caches.sessions.endpoint}:6379"
                      TOPIC: ${monitoring.topicArn}
                      PLAIN: hello
                """, Map.of());

        Map<String, Expr> env = b.services().get("app").environment();
        assertThat(env.get("CACHE_URL").parts()).containsExactly(new Literal("rediss://"),
                new TierReference("caches", "sessions", "endpoint"), new Literal(":6379"));
        assertThat(env.get("CACHE_URL").isLiteral()).isFalse();
        assertThat(env.get("TOPIC").references()).containsExactly(new TierReference("monitoring", "monitoring", "topicArn"));
        assertThat(env.get("PLAIN").isLiteral()).isTrue();
        assertThat(env.get("PLAIN").literal()).isEqualTo("hello");
        assertThat(env.keySet()).containsExactly("CACHE_URL", "TOPIC", "PLAIN");
    }

    @Test
    void doubledDollarIsALiteralPlaceholder() {
        Blueprint b = load(TIERS + """
                services:
                  app:
                    image: ami-0abcdef1234567890
                    environment: { TEMPLATE: "$${HOME}/x" }
                tags: { note: "cost $${USD}" }
                """, Map.of());

        Expr template = b.services().get("app").environment().get("TEMPLATE");
        assertThat(template.isLiteral()).isTrue();
        assertThat(template.literal()).isEqualTo("${HOME}/x");
        assertThat(template).hasToString("$${HOME}/x");
        assertThat(b.tags()).containsEntry("note", "cost ${USD}");
    }

    @Test
    void variableValuesAreNotReinterpolated() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                variables: { note: { type: string, default: plain } }
                tags: { note: "${var.note}" }
                """);

        Blueprint b = new BlueprintLoader(Map.of()).load(new LoadRequest(file, null,
                Map.of("note", "${env.SECRET}"), List.of()));

        assertThat(b.tags()).containsEntry("note", "${env.SECRET}");
    }

    @Test
    void literalOfAnExpressionWithReferencesFails() {
        Expr expr = new Expr(List.of(new TierReference("databases", "main", "endpoint")));

        assertThatThrownBy(expr::literal).isInstanceOf(IllegalStateException.class);
        assertThat(expr).hasToString("${databases.main.endpoint}");
    }

    @Test
    void monitoringNotifyIsAnAddressKnownBeforeApply() {
        BlueprintException e = catchThrowableOfType(BlueprintException.class, () -> load("""
                databases: { main: { engine: postgres } }
                monitoring: { notify: "${databases.main.endpoint}" }
                """, Map.of()));

        assertThat(e.diagnostics()).extracting(Diagnostic::code, Diagnostic::message).containsExactly(tuple(
                "reference-not-allowed",
                "monitoring.notify must be known before apply; it cannot use '${databases.main.endpoint}'"));
    }

    @Test
    void malformedReferenceNamesTheAllowedForms() {
        BlueprintException e = catchThrowableOfType(BlueprintException.class, () -> load(TIERS + """
                services:
                  app: { image: ami-0abcdef1234567890, environment: { A: "${databases.main}", B: "${foo.bar}" } }
                """, Map.of()));

        assertThat(e.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "'${databases.main}' must be written ${databases.NAME.ATTRIBUTE}",
                "'${foo.bar}' is not a reference; use ${var.NAME}, ${env.NAME} or ${SECTION.NAME.ATTRIBUTE} with "
                        + "SECTION one of backups, caches, cdn, databases, loadBalancers, monitoring, queues, services");
    }

    @Test
    void attributesAreDeclaredInOnePlace() {
        assertThat(TierAttributes.of("loadBalancers")).containsExactly("dnsName", "arn", "zoneId");
        assertThat(TierAttributes.of("databases")).containsExactly("endpoint", "port", "readerEndpoints", "secretArn");
        assertThat(TierAttributes.of("queues")).containsExactly("url", "arn", "deadLetterUrl");
        assertThat(TierAttributes.sections()).containsExactlyInAnyOrder("loadBalancers", "services", "databases",
                "caches", "queues", "cdn", "backups", "monitoring");
    }
}
