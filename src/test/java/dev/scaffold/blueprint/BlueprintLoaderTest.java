package dev.scaffold.blueprint;

import static dev.scaffold.blueprint.BlueprintFiles.HEADER;
import static dev.scaffold.blueprint.BlueprintFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scaffold.ScaffoldException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlueprintLoaderTest {

    @TempDir
    Path dir;

    private BlueprintException failure(Path file) {
        return catchThrowableOfType(BlueprintException.class,
                () -> new BlueprintLoader(Map.of()).load(LoadRequest.of(file)));
    }

    @Test
    void threeSeparateProblemsAreAllReportedAtOnce() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                services:
                  app:
                    image: ami-0abcdef1234567890
                    port: 0
                    capacity: { min: 4, max: 2 }
                databases:
                  main: { engine: oracle }
                """);

        BlueprintException e = failure(file);

        assertThat(e.diagnostics()).extracting(d -> d.line() + ":" + d.column() + " " + d.code())
                .containsExactly("6:11 range", "7:22 min-max", "9:19 unknown-value");
        assertThat(e.getMessage()).isEqualTo(file + " has 3 problems");
        assertThat(e.kind()).isEqualTo(ScaffoldException.Kind.INVALID_INPUT);
        assertThat(e.problems()).anySatisfy(line -> assertThat(line).startsWith(file + ":9:19: error: unknown engine 'oracle'"));
    }

    @Test
    void singleProblemIsTheMessageItself() {
        Path file = write(dir, "blueprint.yaml", "blueprint: shop\n");

        BlueprintException e = failure(file);

        assertThat(e.getMessage()).isEqualTo(file + ":1:1: error: the blueprint needs 'region', in this file, "
                + "a file it imports or each environment");
    }

    @Test
    void diagnosticPrintsAsFileLineColumn() {
        Diagnostic d = new Diagnostic("b.yaml", 3, 7, Severity.ERROR, "range", "port must be between 1 and 65535, got 0");

        assertThat(d).hasToString("b.yaml:3:7: error: port must be between 1 and 65535, got 0");
        assertThat(new Diagnostic("--var", 0, 0, Severity.WARNING, "x", "m")).hasToString("--var: warning: m");
    }

    @Test
    void missingFileIsAClearError() {
        BlueprintException e = failure(dir.resolve("nope.yaml"));

        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("file-not-found");
            assertThat(d.toString()).isEqualTo(dir.resolve("nope.yaml") + ": error: file not found");
        });
    }

    @Test
    void tenMegabyteFileFailsQuicklyWithoutParsing() throws IOException {
        Path file = dir.resolve("huge.yaml");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write(HEADER + "tags:\n");
            for (int i = 0; Files.size(file) < 10L * 1024 * 1024 && i < 400_000; i++) {
                w.write("  key" + i + ": value-value-value\n");
            }
        }
        long start = System.nanoTime();

        BlueprintException e = failure(file);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("too-large");
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("at most 3 MB");
        });
    }

    @Test
    void exceptionCarriesNoStackTrace() {
        BlueprintException e = failure(write(dir, "blueprint.yaml", "region: us-east-1\n"));

        assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void nonUtf8FileIsAClearError() throws IOException {
        Path file = dir.resolve("blueprint.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});

        assertThat(failure(file).diagnostics()).extracting(Diagnostic::code).containsExactly("encoding");
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "[".repeat(200) + "]".repeat(200);
        Path file = write(dir, "blueprint.yaml", HEADER + "tags: " + deep + "\n");

        assertThat(failure(file).diagnostics()).extracting(Diagnostic::code).containsExactly("too-deep");
    }

    @Test
    void aliasesWithinLimitsAreExpanded() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                caches:
                  a: &cache { engine: redis, replicas: 2 }
                  b: *cache
                """);

        Blueprint b = new BlueprintLoader(Map.of()).load(LoadRequest.of(file));

        assertThat(b.caches().get("b").replicas()).isEqualTo(2);
        assertThat(b.caches().keySet()).containsExactly("a", "b");
    }

    @Test
    void defaultsAreSecure() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                databases:
                  main: { engine: mysql }
                caches:
                  c: { engine: valkey }
                """);

        Blueprint b = new BlueprintLoader(Map.of()).load(LoadRequest.of(file));

        Database db = b.databases().get("main");
        assertThat(db.deletionProtection()).isTrue();
        assertThat(db.skipFinalSnapshot()).isFalse();
        assertThat(db.multiAz()).isTrue();
        assertThat(db.backupRetentionDays()).isEqualTo(7);
        assertThat(db.port()).isEqualTo(3306);
        assertThat(b.caches().get("c").replicas()).isEqualTo(1);
        assertThat(b.production()).isFalse();
        assertThat(b.policy().waivers()).isEmpty();
    }

    @Test
    void mapsKeepTheOrderOfTheFile() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                databases:
                  zeta: { engine: postgres }
                  alpha: { engine: postgres }
                  mid: { engine: postgres }
                """);

        Blueprint b = new BlueprintLoader(Map.of()).load(LoadRequest.of(file));

        assertThat(b.databases().keySet()).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void unknownVarFileNameIsOnlyAWarning() {
        Path file = write(dir, "blueprint.yaml", HEADER + "variables: { size: { type: integer, default: 1 } }\n");
        Path vars = write(dir, "vars.yaml", "size: 3\nother: 4\n");

        Blueprint b = new BlueprintLoader(Map.of()).load(new LoadRequest(file, null, Map.of(), List.of(vars)));

        assertThat(b.variables().get("size").value()).isEqualTo(3L);
    }

    @Test
    void mergeKeyMergesUnderTheExplicitKeys() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                databases:
                  main: &db { engine: postgres, storageGb: 100, readReplicas: 1 }
                  copy: { <<: *db, readReplicas: 2 }
                """);

        Database copy = new BlueprintLoader(Map.of()).load(LoadRequest.of(file)).databases().get("copy");

        assertThat(copy.storageGb()).isEqualTo(100);
        assertThat(copy.readReplicas()).isEqualTo(2);
        assertThat(copy.engine()).isEqualTo(Database.Engine.POSTGRES);
    }

    @Test
    void syntaxErrorNamesWhatWasBeingParsed() {
        Path file = write(dir, "blueprint.yaml", HEADER + "tags: { team: web\nservices: {}\n");

        assertThat(failure(file).diagnostics()).singleElement().hasToString(
                file + ":4:9: error: syntax error: expected ',' or '}', but got : (while parsing a flow mapping at line 3)");
    }

    @Test
    void tabIndentedJsonVarFileIsRead() {
        Path file = write(dir, "blueprint.yaml", HEADER + "variables: { zones: { type: list, default: [] } }\n");
        Path vars = write(dir, "vars.json", "{\n\t\"zones\": [\n\t\t\"a\",\n\t\t\"b\"\n\t]\n}\n");

        Blueprint b = new BlueprintLoader(Map.of()).load(new LoadRequest(file, null, Map.of(), List.of(vars)));

        assertThat(b.variables().get("zones").value()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void aLargeBlueprintWithoutAliasesIsNotTakenForAnAliasBomb() throws IOException {
        StringBuilder yaml = new StringBuilder(HEADER).append("loadBalancers:\n");
        for (int i = 0; i < 14_000; i++) {
            yaml.append(String.format("  lb-%05d: { algorithm: sticky, redirectHttp: false, healthCheck: { path: /health,"
                    + " intervalSeconds: 10, healthyThreshold: 3, unhealthyThreshold: 2 }, idleTimeoutSeconds: 60 }%n", i));
        }
        Path file = write(dir, "blueprint.yaml", yaml.toString());

        Blueprint b = new BlueprintLoader(Map.of()).load(LoadRequest.of(file));

        assertThat(Files.size(file)).isGreaterThan(2_400_000L);
        assertThat(b.loadBalancers()).hasSize(14_000);
    }

    @Test
    void whatAParserStumbledOnIsQuotedShortened() {
        Path file = write(dir, "blueprint.json", "{\"blueprint\": " + "x".repeat(5000) + "}\n");

        BlueprintException e = failure(file);

        assertThat(e.problems()).singleElement().satisfies(line -> assertThat(line)
                .startsWith(file + ":1:")
                .contains("syntax error: Unrecognized token '" + "x".repeat(Quoted.MAX_SHOWN - 1) + "…' (")
                .hasSizeLessThan(file.toString().length() + 250));
    }

    @Test
    void tierWrittenWithoutABodyIsRefusedAsTheSchemaRefusesIt() {
        Path file = write(dir, "blueprint.yaml", HEADER + "loadBalancers:\n  web:\n");

        BlueprintException e = failure(file);

        assertThat(e.problems()).containsExactly(file + ":4:7: error: loadBalancers.web has no value; "
                + "write 'web: {}' for one with every default");
    }

    @Test
    void tierWrittenAsAnEmptyMappingGetsEveryDefault() {
        Path file = write(dir, "blueprint.yaml", HEADER + "loadBalancers:\n  web: {}\n");

        LoadBalancer web = new BlueprintLoader(Map.of()).load(LoadRequest.of(file)).loadBalancers().get("web");

        assertThat(web.healthCheck().path()).isEqualTo("/");
    }

    @Test
    void diagnosticsOfTheMainFileComeFirstThenByPosition() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                variables: { size: { type: integer, default: big } }
                services:
                  app: { image: ami-0abcdef1234567890, port: 0 }
                imports: [ base.yaml ]
                """);
        write(dir, "base.yaml", "tags: { \"aws:x\": y }\n");

        assertThat(failure(file).diagnostics()).extracting(d -> Path.of(d.file()).getFileName() + ":" + d.line())
                .containsExactly("blueprint.yaml:3", "blueprint.yaml:5", "base.yaml:1");
    }

    @Test
    void onlyTrueAndFalseAreBooleans() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                tags: { country: no, switch: on }
                databases: { main: { engine: postgres, multiAz: yes } }
                """);

        BlueprintException e = failure(file);

        assertThat(e.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("expected true or false for databases.main.multiAz, got 'yes'");
    }
}
