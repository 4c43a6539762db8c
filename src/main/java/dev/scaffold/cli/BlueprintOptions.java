package dev.scaffold.cli;

import dev.scaffold.blueprint.LoadRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that reads a blueprint shares: which file, environment and variables. */
public final class BlueprintOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "blueprint.yaml",
            description = "The blueprint (default: ./${DEFAULT-VALUE}).")
    Path file;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV",
            description = "The environment of the blueprint to merge over it, e.g. staging or prod.")
    String environment;

    @Option(names = "--var", paramLabel = "NAME=VALUE", mapFallbackValue = "",
            description = "Sets a variable; repeatable. Wins over --var-file and SCAFFOLD_VAR_<NAME>.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--var-file", paramLabel = "FILE",
            description = "A YAML or JSON file of variable values; repeatable, later files win.")
    List<Path> varFiles = new ArrayList<>();

    public LoadRequest request() {
        return new LoadRequest(file, environment, vars, varFiles);
    }
}
