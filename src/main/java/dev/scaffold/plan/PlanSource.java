package dev.scaffold.plan;

import dev.scaffold.graph.ResourceAddress;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a saved plan was made from, so that {@code scaffold apply FILE} needs nothing else, from any
 * directory and any machine that has the blueprint: the blueprint, its environment, the variable
 * values, the targets, and whether AWS was read.
 *
 * <p>Sensitive variables are left out: their values never reach a file. Apply takes them from the
 * environment ({@code SCAFFOLD_VAR_<NAME>}), and the salted digests the plan holds of every value
 * made from them tell whether they are the values the plan was made with
 * ({@link SensitiveValues#restored}); the blueprint digest leaves them out.
 *
 * @param blueprint the blueprint file, relative to the directory of the saved plan, with {@code /}
 * @param environment the environment, or {@code null}
 * @param variables each non-sensitive variable's value as {@code --var} takes it (JSON for lists and maps)
 * @param sensitiveVariables the names of the variables left out
 * @param targets the {@code --target} addresses, empty for all
 * @param refreshed whether the plan was made after reading AWS; {@code false} with {@code --refresh=false},
 *     when a plan without changes may not say that AWS matches
 */
public record PlanSource(String blueprint, String environment, Map<String, String> variables,
                         Set<String> sensitiveVariables, Set<ResourceAddress> targets, boolean refreshed) {

    public PlanSource {
        Objects.requireNonNull(blueprint, "blueprint");
        variables = Collections.unmodifiableMap(new TreeMap<>(variables));
        sensitiveVariables = Collections.unmodifiableSet(new TreeSet<>(sensitiveVariables));
        targets = Collections.unmodifiableSet(new TreeSet<>(targets));
    }
}
