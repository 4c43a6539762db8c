package dev.scaffold.blueprint;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to load: the blueprint file, the environment to merge over it ({@code null} for none), the raw
 * {@code --var k=v} values and the {@code --var-file}s, lowest precedence first.
 */
public record LoadRequest(Path file, String environment, Map<String, String> vars, List<Path> varFiles) {

    public LoadRequest {
        environment = environment == null || environment.isBlank() ? null : environment;
        vars = vars == null ? Map.of() : Ordered.copy(vars);
        varFiles = varFiles == null ? List.of() : List.copyOf(varFiles);
    }

    /** A request for {@code file} with no environment and no variables. */
    public static LoadRequest of(Path file) {
        return new LoadRequest(file, null, Map.of(), List.of());
    }
}
