package dev.scaffold.blueprint;

import static dev.scaffold.blueprint.BlueprintFiles.HEADER;
import static dev.scaffold.blueprint.BlueprintFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportsAndEnvironmentsTest {

    @TempDir
    Path dir;

    private Blueprint load(Path file, String env) {
        return new BlueprintLoader(Map.of()).load(new LoadRequest(file, env, Map.of(), List.of()));
    }

    private BlueprintException failure(Path file, String env) {
        return catchThrowableOfType(BlueprintException.class, () -> load(file, env));
    }

    @Test
    void importedFileIsMergedFirstAndTheImportingFileWins() {
        write(dir, "shared/base.yaml", """
                tags: { team: web, owner: base }
                databases: { main: { engine: postgres, storageGb: 100 } }
                blueprint: base
                """);
        Path file = write(dir, "app/blueprint.yaml", HEADER + """
                imports: [ ../shared/base.yaml ]
                tags: { owner: app }
                databases: { main: { readReplicas: 1 } }
                """);

        Blueprint b = load(file, null);

        assertThat(b.tags()).containsExactly(Map.entry("team", "web"), Map.entry("owner", "app"));
        assertThat(b.databases().get("main").storageGb()).isEqualTo(100);
        assertThat(b.databases().get("main").readReplicas()).isEqualTo(1);
    }

    @Test
    void importsOfImportsAreRelativeToTheirOwnFile() {
        write(dir, "lib/net/network.yaml",
                "network: { vpc: vpc-0123456789abcdef0, subnets: [ subnet-0123456789abcdef0, subnet-0123456789abcdef1 ] }\n");
        write(dir, "lib/base.yaml", "imports: [ net/network.yaml ]\n");
        Path file = write(dir, "blueprint.yaml", HEADER + "imports: [ lib/base.yaml ]\n");

        Blueprint b = load(file, null);

        assertThat(b.network()).isEqualTo(new Network("vpc-0123456789abcdef0",
                List.of("subnet-0123456789abcdef0", "subnet-0123456789abcdef1")));
    }

    @Test
    void diamondImportIsNotACycle() {
        write(dir, "common.yaml", "tags: { shared: yes-really }\n");
        write(dir, "a.yaml", "imports: [ common.yaml ]\n");
        write(dir, "b.yaml", "imports: [ common.yaml ]\n");
        Path file = write(dir, "blueprint.yaml", HEADER + "imports: [ a.yaml, b.yaml ]\n");

        assertThat(load(file, null).tags()).containsEntry("shared", "yes-really");
    }

    @Test
    void importCycleIsNamed() {
        write(dir, "a.yaml", "imports: [ b.yaml ]\n");
        write(dir, "b.yaml", "imports: [ a.yaml ]\n");
        Path file = write(dir, "blueprint.yaml", HEADER + "imports: [ a.yaml ]\n");

        BlueprintException e = failure(file, null);

        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo(dir.resolve("b.yaml").toString());
            assertThat(d.message()).isEqualTo("import cycle: " + dir.resolve("a.yaml") + " → " + dir.resolve("b.yaml")
                    + " → " + dir.resolve("a.yaml"));
        });
    }

    @Test
    void anImportedFragmentNeedsNoStackNameOfItsOwn() {
        write(dir, "shared/tags.yaml", "tags: { team: web, cost-center: \"4711\" }\n");
        Path file = write(dir, "blueprint.yaml", HEADER + "imports: [ shared/tags.yaml ]\n");

        Blueprint b = load(file, null);

        assertThat(b.name()).isEqualTo("shop");
        assertThat(b.tags()).containsExactly(Map.entry("team", "web"), Map.entry("cost-center", "4711"));
    }

    @Test
    void aFragmentThatNamesAStackIsImportedAndTheImportingFilesNameWins() {
        write(dir, "base.yaml", "blueprint: base\ntags: { team: web }\n");
        Path file = write(dir, "blueprint.yaml", HEADER + "imports: [ base.yaml ]\n");

        assertThat(load(file, null).name()).isEqualTo("shop");
    }

    @Test
    void theMainFileMustNameTheStackEvenWhenAFragmentDoes() {
        write(dir, "base.yaml", "blueprint: base\n");
        Path file = write(dir, "blueprint.yaml", "region: us-east-1\nimports: [ base.yaml ]\n");

        assertThat(failure(file, null).problems()).containsExactly(file + ":1:1: error: the blueprint needs "
                + "'blueprint: NAME', the stack name; only a file it imports may leave it out: a file without one is a"
                + " fragment, checked as part of the blueprint that imports it (validate that one), or add 'blueprint:"
                + " NAME' to make it one");
    }

    @Test
    void aFragmentMayGiveTheRegionDeclareAndUseVariablesImportAndAddToEnvironments() {
        write(dir, "shared/alarms.yaml", """
                variables:
                  alarmEmail: { type: string, description: where alarms go }
                monitoring:
                  notify: ${var.alarmEmail}
                environments:
                  prod: { production: true, monitoring: { alarms: { cpuPercent: 70 } } }
                """);
        write(dir, "shared/baseline.yaml", """
                region: eu-central-1
                imports: [ alarms.yaml ]
                monitoring: { alarms: { cpuPercent: 90 } }
                """);
        Path file = write(dir, "blueprint.yaml", """
                blueprint: shop
                imports: [ shared/baseline.yaml ]
                variables:
                  alarmEmail: { type: string, default: ops@shop.example.com }
                environments:
                  staging: {}
                """);

        Blueprint none = load(file, null);
        Blueprint prod = load(file, "prod");

        assertThat(none.region()).isEqualTo("eu-central-1");
        assertThat(none.monitoring().notifyEmail().literal()).isEqualTo("ops@shop.example.com");
        assertThat(none.monitoring().alarms().cpuPercent()).isEqualTo(90.0);
        assertThat(prod.production()).isTrue();
        assertThat(prod.monitoring().alarms().cpuPercent()).isEqualTo(70.0);
        assertThat(load(file, "staging").production()).isFalse();
    }

    @Test
    void theStackOfABlueprintImportingAFragmentIsIdentifiedWithoutVariables() {
        write(dir, "shared/tags.yaml", "tags: { team: web }\n");
        Path file = write(dir, "blueprint.yaml", HEADER + "imports: [ shared/tags.yaml ]\n"
                + "variables: { certificate: { type: string } }\n");

        StackIdentity stack = new BlueprintLoader(Map.of()).identify(new LoadRequest(file, null, Map.of(), List.of()));

        assertThat(stack.name()).isEqualTo("shop");
    }

    @Test
    void anImportPathWithANulIsRefusedWithItsPosition() {
        Path file = write(dir, "blueprint.yaml", HEADER + "imports: [ \"shared/a\\0b.yaml\" ]\n");

        assertThat(failure(file, null).problems()).containsExactly(file + ":3:12: error: an import must be a path "
                + "relative to " + file + ", without control characters, got 'shared/a\\0b.yaml'");
    }

    @Test
    void anEnvironmentNamedDefaultIsRefusedEvenWhereOnlyTheStackIsIdentified() {
        Path file = write(dir, "blueprint.yaml", HEADER + "environments: { default: {}, prod: {} }\n");

        BlueprintException e = catchThrowableOfType(BlueprintException.class,
                () -> new BlueprintLoader(Map.of()).identify(new LoadRequest(file, "prod", Map.of(), List.of())));

        assertThat(e.diagnostics()).extracting(d -> d.line() + ":" + d.column() + " " + d.code())
                .containsExactly("3:17 reserved-name");
    }

    @Test
    void fileImportingItselfIsACycle() {
        Path file = write(dir, "blueprint.yaml", HEADER + "imports: [ blueprint.yaml ]\n");

        assertThat(failure(file, null).diagnostics()).extracting(Diagnostic::code).containsExactly("import-cycle");
    }

    @Test
    void problemsInImportedFilesCarryThatFilesPath() {
        write(dir, "base.yaml", "databases:\n  main: { engine: postgres, readReplicas: 99 }\n");
        Path file = write(dir, "blueprint.yaml", HEADER + "imports: [ base.yaml ]\n");

        assertThat(failure(file, null).diagnostics()).extracting(Diagnostic::toString).containsExactly(
                dir.resolve("base.yaml") + ":2:43: error: databases.main.readReplicas must be between 0 and 15, got 99");
    }

    @Test
    void environmentMergesMapsAndReplacesLists() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                services: { app: { image: ami-0abcdef1234567890 } }
                databases:
                  main: { engine: postgres, multiAz: true, storageGb: 50, allowFrom: [ services.app ] }
                environments:
                  staging:
                    databases: { main: { multiAz: false, allowFrom: [] } }
                """);

        Database db = load(file, "staging").databases().get("main");

        assertThat(db.multiAz()).isFalse();
        assertThat(db.storageGb()).isEqualTo(50);
        assertThat(db.allowFrom()).isEmpty();
        assertThat(load(file, null).databases().get("main").allowFrom()).hasSize(1);
    }

    @Test
    void productionFlagComesFromTheEnvironment() {
        Path file = write(dir, "blueprint.yaml", HEADER + "environments: { prod: { production: true }, dev: {} }\n");

        assertThat(load(file, "prod").production()).isTrue();
        assertThat(load(file, "dev").production()).isFalse();
        assertThat(load(file, null).production()).isFalse();
    }

    @Test
    void unknownEnvironmentSuggestsAndListsTheKnownOnes() {
        Path file = write(dir, "blueprint.yaml", HEADER + "environments: { staging: {}, prod: {} }\n");

        assertThat(failure(file, "stagin").diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "--env: error: unknown environment 'stagin' — did you mean 'staging'? known: staging, prod");
    }

    @Test
    void environmentOverridesAreCheckedWhereTheyAreWritten() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                environments:
                  prod:
                    blueprint: other
                    databses: {}
                """);

        assertThat(failure(file, "prod").diagnostics())
                .extracting(d -> d.line() + ":" + d.column() + " " + d.code() + " " + d.message())
                .containsExactly("5:5 unknown-key an environment cannot override 'blueprint'",
                        "6:5 unknown-key unknown key 'databses' — did you mean 'databases'?");
    }

    @Test
    void environmentVariablesMustBeDeclared() {
        Path file = write(dir, "blueprint.yaml", HEADER + """
                variables: { size: { type: integer, default: 1 } }
                environments: { prod: { variables: { sise: 2 } } }
                """);

        assertThat(failure(file, "prod").diagnostics()).extracting(Diagnostic::message)
                .containsExactly("unknown variable 'sise' in environments.prod.variables — did you mean 'size'?");
    }
}
