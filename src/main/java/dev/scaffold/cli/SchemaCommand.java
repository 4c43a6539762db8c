package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.blueprint.BlueprintSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scaffold schema}: prints the JSON Schema of a blueprint or of a fragment, for editors and other tools. */
@Command(name = "schema",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the JSON Schema of the blueprint format (draft 2020-12).",
            "Save it beside a blueprint that starts with "
                    + "'# yaml-language-server: $schema=" + BlueprintSchema.FILE_NAME + "' "
                    + "and editors complete and check it.",
            "With --fragment, prints the schema of a fragment instead: a file that blueprints import "
                    + "(imports: [ FILE ]), which has a blueprint's sections and needs none of them, not even "
                    + "'blueprint:'. Start a fragment with "
                    + "'# yaml-language-server: $schema=" + BlueprintSchema.FRAGMENT_FILE_NAME + "'."
        })
public final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the schema to FILE (replacing it; its directory must exist) instead of standard output.")
    Path out;

    @Option(names = "--fragment",
            description = "Print the schema of a fragment, a file that blueprints import, "
                    + "e.g. scaffold schema --fragment --out " + BlueprintSchema.FRAGMENT_FILE_NAME)
    boolean fragment;

    @Override
    public Integer call() {
        String schema = fragment ? BlueprintSchema.fragmentText() : BlueprintSchema.text();
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(schema);
        } else {
            write(schema, out);
            stdout.println("Wrote " + out);
        }
        stdout.flush();
        return 0;
    }

    /** Writes the schema into a directory that exists: a mistyped one is an error, never made silently. */
    private static void write(String schema, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw ScaffoldException.failure("cannot write the schema to " + file + ": there is no directory " + parent
                    + "; create it first, or give --out a file in a directory that exists");
        }
        try {
            Files.writeString(file, schema, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot write the schema to " + file + ": " + e.getMessage(), e);
        }
    }
}
