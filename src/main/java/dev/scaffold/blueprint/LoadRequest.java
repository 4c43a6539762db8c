package dev.scaffold.blueprint;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to load: the blueprint file, the environment to merge over it ({@code null} for none), the raw
 * {@code --var k=v} values and the {@code --var-file}s, lowest precedence first.
 *
 * @param unknownValues whether a variable without a value is checked as an unknown value of its type rather
 *     than refused: for commands that need no value, such as {@code validate}, {@code graph} and a destroy
 */
public record LoadRequest(Path file, String environment, Map<String, String> vars, List<Path> varFiles,
                          boolean unknownValues) {

    public LoadRequest {
        environment = environment == null || environment.isBlank() ? null : environment;
        vars = vars == null ? Map.of() : Ordered.copy(vars);
        varFiles = varFiles == null ? List.of() : List.copyOf(varFiles);
    }

    /** A request in which every variable must have a value. */
    public LoadRequest(Path file, String environment, Map<String, String> vars, List<Path> varFiles) {
        this(file, environment, vars, varFiles, false);
    }

    /** A request for {@code file} with no environment and no variables. */
    public static LoadRequest of(Path file) {
        return new LoadRequest(file, null, Map.of(), List.of());
    }

    /** The same request, with a variable that has no value checked as unknown instead of refused. */
    public LoadRequest withUnknownValues() {
        return new LoadRequest(file, environment, vars, varFiles, true);
    }

    /** The same request under another environment. */
    LoadRequest inEnvironment(String name) {
        return new LoadRequest(file, name, vars, varFiles, unknownValues);
    }
}
