package dev.scaffold.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.scaffold.ScaffoldException;
import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.blueprint.Variable;
import dev.scaffold.engine.Stack;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.PlanSource;
import dev.scaffold.state.PrettyJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the command line saves a plan with what it was made from, and finds that again for
 * {@code scaffold apply FILE} on another machine or in another directory.
 */
final class SavedPlans {

    private SavedPlans() {
    }

    /**
     * What a plan saved to {@code planFile} was made from: the blueprint relative to the plan file's
     * directory, the environment, every variable's value but the sensitive ones, the targets, and whether
     * the plan read AWS.
     */
    static PlanSource source(Stack stack, Path planFile, Set<ResourceAddress> targets, boolean refreshed) {
        Path directory = planFile.toAbsolutePath().normalize().getParent();
        Path blueprint = stack.blueprint().file().toAbsolutePath().normalize();
        String relative = directory.relativize(blueprint).toString().replace('\\', '/');
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> sensitive = new TreeSet<>();
        for (Variable variable : stack.blueprint().variables().values()) {
            if (variable.sensitive()) {
                sensitive.add(variable.name());
            } else {
                values.put(variable.name(), asGiven(variable.value()));
            }
        }
        return new PlanSource(relative, stack.environment(), values, sensitive, targets, refreshed);
    }

    /**
     * What to load for a saved plan: its blueprint, environment and variables. The sensitive variables
     * the plan left out come from {@code SCAFFOLD_VAR_<NAME>}; one missing is an input error (exit 3).
     */
    static LoadRequest request(PlanSource source, Path planFile, Map<String, String> environment) {
        Path blueprint = blueprintOf(source, planFile);
        if (!Files.isRegularFile(blueprint)) {
            throw ScaffoldException.failure("the saved plan " + planFile + " was made from the blueprint "
                    + source.blueprint() + " beside it, which is not at " + blueprint + "; keep the plan file"
                    + " where it was saved relative to the blueprint (in CI: the same path in the checkout)");
        }
        List<String> missing = new ArrayList<>();
        for (String name : source.sensitiveVariables()) {
            if (environment.get("SCAFFOLD_VAR_" + name) == null) {
                missing.add("SCAFFOLD_VAR_" + name);
            }
        }
        if (!missing.isEmpty()) {
            throw ScaffoldException.invalidInput("a saved plan never holds sensitive values, and this one was made"
                    + " with " + String.join(", ", source.sensitiveVariables()) + "; set " + String.join(", ", missing)
                    + " in the environment of apply to the values the plan was made with");
        }
        return new LoadRequest(blueprint, source.environment(), source.variables(), List.of());
    }

    /** The blueprint a saved plan was made from, found from the plan file's directory. */
    static Path blueprintOf(PlanSource source, Path planFile) {
        return planFile.toAbsolutePath().normalize().getParent().resolve(source.blueprint()).normalize();
    }

    /**
     * The command that makes the plan again, as it was made, e.g.
     * {@code scaffold plan --destroy -f blueprints/shop.yaml -e prod --var certificate=arn:… --out p.plan}: its mode,
     * blueprint, environment, variables (a sensitive one comes from {@code SCAFFOLD_VAR_<NAME>}, as for apply),
     * targets, and {@code awsOptions}, this run's.
     */
    static String replan(PlanSource source, Path planFile, PlanMode mode, String awsOptions) {
        StringBuilder command = new StringBuilder("scaffold plan");
        if (mode == PlanMode.DESTROY) {
            command.append(" --destroy");
        }
        command.append(blueprintOptions(source, planFile));
        source.targets().forEach(target -> command.append(" --target ").append(ShellWord.of(target)));
        return command.append(awsOptions).append(" --out ").append(ShellWord.of(planFile)).toString();
    }

    /** The command that applies the blueprint a saved plan was made from, with what it was made with. */
    static String applyBlueprint(PlanSource source, Path planFile, String awsOptions) {
        return "scaffold apply" + blueprintOptions(source, planFile) + awsOptions;
    }

    private static String blueprintOptions(PlanSource source, Path planFile) {
        StringBuilder options = new StringBuilder(" -f ").append(ShellWord.of(shown(blueprintOf(source, planFile))));
        if (source.environment() != null) {
            options.append(" -e ").append(ShellWord.of(source.environment()));
        }
        source.variables().forEach((name, value) -> options.append(" --var ").append(ShellWord.of(name + "=" + value)));
        return options.toString();
    }

    // Relative to where the user is, when it is under it; otherwise as it is.
    private static String shown(Path file) {
        Path here = Path.of("").toAbsolutePath();
        return file.startsWith(here) ? here.relativize(file).toString() : file.toString();
    }

    /** A variable's value as --var takes it: a string as it is, anything else as JSON, which YAML reads. */
    private static String asGiven(Object value) {
        if (value instanceof String text) {
            return text;
        }
        try {
            return PrettyJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a variable's value is not JSON: " + value, e);
        }
    }
}
