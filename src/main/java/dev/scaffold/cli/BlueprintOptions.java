package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.blueprint.LoadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The options every command that reads a blueprint shares: which file, environment and variables. */
public final class BlueprintOptions {

    static final String DEFAULT_FILE = "blueprint.yaml";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = DEFAULT_FILE,
            description = "The blueprint (default: ./${DEFAULT-VALUE}).")
    Path file;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV",
            description = "The environment of the blueprint to merge over it, e.g. staging or prod.")
    String environment;

    final Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--var-file", paramLabel = "FILE",
            description = "A YAML or JSON file of variable values; repeatable, later files win.")
    List<Path> varFiles = new ArrayList<>();

    /** Each {@code --var NAME=VALUE}; one without {@code =} is a usage error before any work. */
    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Sets a variable; repeatable. Wins over --var-file and SCAFFOLD_VAR_<NAME>."
                    + " NAME= sets the empty string.")
    void vars(List<String> assignments) {
        vars.clear();
        for (String assignment : assignments == null ? List.<String>of() : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new ParameterException(mixee.commandLine(), "--var " + assignment + " gives no value;"
                        + " write --var " + (equals == 0 ? "NAME" : assignment) + "=VALUE, or "
                        + (equals == 0 ? "NAME" : assignment) + "= for an empty one");
            }
            vars.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
    }

    /**
     * The blueprint options as the user gave them, for hints that print the exact command to run, e.g.
     * {@code " -f blueprints/shop.yaml -e prod --var certificate=arn:…"}; empty when none was given. The value
     * of a variable in {@code sensitive} is never printed: such a {@code --var} is left out, to be given again.
     */
    String given(Set<String> sensitive) {
        StringBuilder given = new StringBuilder();
        CommandLine.ParseResult parsed = mixee.commandLine().getParseResult();
        if (parsed != null && parsed.hasMatchedOption("-f")) {
            given.append(" -f ").append(ShellWord.of(file));
        }
        if (environment != null) {
            given.append(" -e ").append(ShellWord.of(environment));
        }
        varFiles.forEach(varFile -> given.append(" --var-file ").append(ShellWord.of(varFile)));
        vars.forEach((name, value) -> {
            if (!sensitive.contains(name)) {
                given.append(" --var ").append(ShellWord.of(name + "=" + value));
            }
        });
        return given.toString();
    }

    /** Whether any blueprint option was given (a saved plan takes none). */
    boolean anyGiven() {
        CommandLine.ParseResult parsed = mixee.commandLine().getParseResult();
        return parsed != null && (parsed.hasMatchedOption("-f") || parsed.hasMatchedOption("-e")
                || parsed.hasMatchedOption("--var") || parsed.hasMatchedOption("--var-file"));
    }

    /**
     * What to load. A file named on the command line that is not there, the blueprint or a {@code --var-file}, is
     * an I/O failure (exit 1), reported before anything is read, with what to do about it; a file the blueprint
     * names is the blueprint's problem (exit 3).
     */
    public LoadRequest request() {
        for (Path varFile : varFiles) {
            if (!Files.isRegularFile(varFile)) {
                throw ScaffoldException.failure((Files.isDirectory(varFile) ? varFile + " is a directory, not a variables"
                        + " file" : "there is no variables file at " + varFile) + "; check the path given with --var-file");
            }
        }
        if (!Files.isRegularFile(file)) {
            throw ScaffoldException.failure(Files.isDirectory(file)
                    ? file + " is a directory; give the blueprint file with -f, e.g. -f " + file.resolve(DEFAULT_FILE)
                    : "there is no blueprint at " + file + (file.equals(Path.of(DEFAULT_FILE))
                            ? "; write one with 'scaffold init', or give yours with -f FILE"
                            : "; check the path given with -f"));
        }
        return new LoadRequest(file, environment, vars, varFiles);
    }
}
