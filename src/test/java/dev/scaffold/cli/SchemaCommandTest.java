package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaffold.blueprint.BlueprintSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SchemaCommandTest {

    private final StringWriter out = new StringWriter();
    private final CommandLine scaffold = ScaffoldCommand.commandLineFor();

    private int run(String... args) {
        scaffold.setOut(new PrintWriter(out, true));
        scaffold.setErr(new PrintWriter(new StringWriter(), true));
        return scaffold.execute(args);
    }

    @Test
    void schemaPrintsTheDraft202012SchemaOfTheBlueprint() throws IOException {
        int exit = run("schema");

        JsonNode printed = new ObjectMapper().readTree(out.toString());
        assertThat(exit).isZero();
        assertThat(printed.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(printed.path("properties").has("databases")).isTrue();
    }

    @Test
    void schemaWritesTheFileGivenWithOut(@TempDir Path temp) throws IOException {
        Path file = Files.createDirectories(temp.resolve("editor")).resolve("blueprint.schema.json");

        int exit = run("schema", "--out", file.toString());

        assertThat(exit).isZero();
        assertThat(Files.readString(file)).isEqualTo(BlueprintSchema.text());
        assertThat(out.toString()).isEqualTo("Wrote " + file + System.lineSeparator());
    }

    @Test
    void schemaOutIntoADirectoryThatDoesNotExistIsAnErrorAndMakesNoDirectory(@TempDir Path temp) {
        Path file = temp.resolve("edtior/blueprint.schema.json");

        CommandLineRun run = CommandLineRun.of("schema", "--out", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).isEqualTo("error: cannot write the schema to " + file + ": there is no directory "
                + file.getParent() + "; create it first, or give --out a file in a directory that exists\n");
        assertThat(temp.resolve("edtior")).doesNotExist();
    }

    @Test
    void schemaWithFragmentPrintsTheSchemaOfAFileBlueprintsImportWhichRequiresNoStackName() throws IOException {
        int exit = run("schema", "--fragment");

        JsonNode printed = new ObjectMapper().readTree(out.toString());
        assertThat(exit).isZero();
        assertThat(printed.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(printed.path("$id").asText()).endsWith("/blueprint-fragment-v1.schema.json");
        assertThat(printed.path("properties").has("databases")).isTrue();
        assertThat(printed.has("required")).isFalse();
        assertThat(out.toString()).isEqualTo(BlueprintSchema.fragmentText());
    }

    @Test
    void schemaWritesTheFragmentSchemaToTheFileGivenWithOut(@TempDir Path temp) throws IOException {
        Path file = temp.resolve(BlueprintSchema.FRAGMENT_FILE_NAME);

        int exit = run("schema", "--fragment", "--out", file.toString());

        assertThat(exit).isZero();
        assertThat(Files.readString(file)).isEqualTo(BlueprintSchema.fragmentText());
    }

    @Test
    void helpSaysHowEditorsUseEitherSchema() {
        int exit = run("schema", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--fragment")
                .contains("$schema=blueprint.schema.json").contains("$schema=blueprint-fragment.schema.json");
    }
}
