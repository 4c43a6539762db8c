package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InitCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine scaffold = ScaffoldCommand.commandLineFor();

    private int run(String... args) {
        scaffold.setOut(new PrintWriter(out, true));
        scaffold.setErr(new PrintWriter(err, true));
        return scaffold.execute(args);
    }

    @Test
    void initWritesTheWebAppStarterIntoANewDirectory() throws IOException {
        Path dir = temp.resolve("shop");

        int exit = run("init", dir.toString());

        Path blueprint = dir.resolve("blueprint.yaml");
        assertThat(exit).isZero();
        assertThat(blueprint).exists();
        String text = Files.readString(blueprint);
        assertThat(text).startsWith("# yaml-language-server: $schema=blueprint.schema.json")
                .contains("blueprint: shop\n", "region: us-east-1\n", "readReplicas: 2", "caches:", "cdn:",
                        "backups:", "monitoring:", "staging:", "prod:")
                .doesNotContain("<#", "[=");
        assertThat(out.toString()).contains("Wrote " + blueprint, "template web-app", "run: scaffold validate",
                "scaffold schema --out " + dir.resolve("blueprint.schema.json"));
    }

    @Test
    void initUsesTheNamedTemplateStackNameAndRegion() throws IOException {
        int exit = run("init", "--template", "minimal", "--name", "orders-api", "--region", "eu-west-1",
                temp.toString());

        String text = Files.readString(temp.resolve("blueprint.yaml"));
        assertThat(exit).isZero();
        assertThat(text).contains("blueprint: orders-api\n", "region: eu-west-1\n", "loadBalancers:", "services:")
                .doesNotContain("databases:");
    }

    @Test
    void initRefusesToReplaceAnExistingBlueprint() throws IOException {
        Path blueprint = temp.resolve("blueprint.yaml");
        Files.writeString(blueprint, "blueprint: mine\n");

        int exit = run("init", temp.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(blueprint).hasContent("blueprint: mine");
        assertThat(err.toString()).contains(blueprint + " already exists");
        assertThat(out.toString()).doesNotContain("Wrote");
    }

    @Test
    void anUnknownTemplateIsAUsageErrorListingTheTemplates() {
        Path dir = temp.resolve("shop");

        int exit = run("init", "--template", "serverless", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("error: unknown template 'serverless'", "web-app", "minimal");
        assertThat(dir.resolve("blueprint.yaml")).doesNotExist();
    }

    @Test
    void aMistypedTemplateGetsTheRightOneSuggested() {
        int exit = run("init", "--template", "web-ap", temp.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("error: unknown template 'web-ap' (did you mean web-app?); the templates are:");
    }

    @Test
    void theStackNameIsMadeFromTheDirectoryName() throws IOException {
        Path dir = temp.resolve("2024 My Shop_API!");

        int exit = run("init", "--template", "minimal", dir.toString());

        assertThat(exit).isZero();
        assertThat(Files.readString(dir.resolve("blueprint.yaml"))).contains("blueprint: my-shop-api\n");
        assertThat(out.toString()).contains("stack my-shop-api");
    }

    @Test
    void aRegionValidateWouldRejectIsAUsageErrorAndNothingIsWritten() {
        int exit = run("init", "--region", "mars-1", temp.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("error: invalid --region 'mars-1': give an AWS region name such as"
                + " us-east-1");
        assertThat(temp.resolve("blueprint.yaml")).doesNotExist();
    }

    @Test
    void aBlueprintInitWritesForARegionValidatesAsWritten() {
        assertThat(run("init", "--region", "eu-central-2", temp.toString())).isZero();

        CommandLineRun validate = CommandLineRun.of("validate", "-f", temp.resolve("blueprint.yaml").toString());

        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("region eu-central-2");
    }

    @Test
    void anInvalidStackNameIsAUsageError() {
        int exit = run("init", "--name", "My_Shop", temp.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("error: invalid --name 'My_Shop'");
        assertThat(temp.resolve("blueprint.yaml")).doesNotExist();
    }

    @Test
    void initWritesAGitignoreThatKeepsTheStateAndSavedPlansOutOfGit() throws IOException {
        Path dir = temp.resolve("shop");

        int exit = run("init", dir.toString());

        Path gitignore = dir.resolve(".gitignore");
        assertThat(exit).isZero();
        assertThat(Files.readAllLines(gitignore)).contains(".scaffold/", "*.plan");
        assertThat(Files.readString(gitignore)).startsWith("# scaffold's state");
        assertThat(out.toString()).contains("Added .scaffold/ and *.plan to " + gitignore);
    }

    @Test
    void initAddsOnlyTheMissingPatternsToAnExistingGitignore() throws IOException {
        Path gitignore = temp.resolve(".gitignore");
        Files.writeString(gitignore, "node_modules/\n.scaffold/");

        int exit = run("init", temp.toString());

        assertThat(exit).isZero();
        assertThat(Files.readAllLines(gitignore)).startsWith("node_modules/", ".scaffold/")
                .containsOnlyOnce(".scaffold/").contains("*.plan");
        assertThat(out.toString()).contains("Added *.plan to " + gitignore);
    }

    @Test
    void aGitignoreWithEveryPatternIsLeftAsItIs() throws IOException {
        Path gitignore = temp.resolve(".gitignore");
        Files.writeString(gitignore, "*.plan\n.scaffold/\n");

        int exit = run("init", temp.toString());

        assertThat(exit).isZero();
        assertThat(gitignore).hasContent("*.plan\n.scaffold/");
        assertThat(out.toString()).doesNotContain(".gitignore");
    }

    @Test
    void aRefusedInitLeavesTheGitignoreAlone() throws IOException {
        Files.writeString(temp.resolve("blueprint.yaml"), "blueprint: mine\n");

        run("init", temp.toString());

        assertThat(temp.resolve(".gitignore")).doesNotExist();
    }
}
