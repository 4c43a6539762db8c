package dev.scaffold.blueprint;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a blueprint: reads the file and its imports, applies the chosen environment, resolves variables,
 * interpolates, and binds the typed {@link Blueprint}. Every problem of every file is reported at once in
 * one {@link BlueprintException}.
 */
public final class BlueprintLoader {

    private final Map<String, String> processEnvironment;
    private final YamlReader reader = new YamlReader();

    /** {@code processEnvironment} answers {@code ${env.X}} and {@code SCAFFOLD_VAR_<name>}; pass {@code System.getenv()}. */
    public BlueprintLoader(Map<String, String> processEnvironment) {
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    /** The loaded blueprint; throws {@link BlueprintException} with every problem found. */
    public Blueprint load(LoadRequest request) {
        return load(request, false);
    }

    /**
     * Loads the blueprint as {@link #load} does and, when the request names no environment, also
     * under each environment it declares, reporting the problems of all at once: a mistake in the
     * {@code prod} overrides is found before anyone deploys to prod. Returns the blueprint as requested.
     */
    public Blueprint loadEveryEnvironment(LoadRequest request) {
        return load(request, request.environment() == null);
    }

    private Blueprint load(LoadRequest request, boolean everyEnvironment) {
        Diagnostics diagnostics = new Diagnostics();
        YamlNode.Mapping doc = read(request, diagnostics);
        Set<String> unknown = new LinkedHashSet<>();
        Blueprint blueprint = build(doc, request, diagnostics, unknown);
        if (everyEnvironment && doc.get("environments") instanceof YamlNode.Mapping environments) {
            for (String name : environments.entries().keySet()) {
                // What only an environment causes is reported as that environment's.
                Diagnostics underEnvironment = new Diagnostics();
                build(doc, request.inEnvironment(name), underEnvironment, unknown);
                diagnostics.absorb(underEnvironment, name);
            }
        }
        String file = request.file().toString();
        diagnostics.throwIfErrors(file);
        return blueprint.withLoadFindings(List.copyOf(unknown), diagnostics.warnings(file));
    }

    /**
     * Which stack and environment a blueprint is for, read without resolving variables or binding
     * the tiers: all that commands reading only the state need, so they run without variable values.
     */
    public StackIdentity identify(LoadRequest request) {
        Diagnostics diagnostics = new Diagnostics();
        YamlNode.Mapping doc = read(request, diagnostics);
        Environments.apply(doc, request.environment(), diagnostics);
        String name = new BlueprintBinder(diagnostics).stackName(doc);
        diagnostics.throwIfErrors(request.file().toString());
        return new StackIdentity(name, request.environment(), request.file());
    }

    /**
     * The blueprint file with its imports merged, and what holds for every environment checked; stops here when
     * the file cannot be read at all.
     */
    private YamlNode.Mapping read(LoadRequest request, Diagnostics diagnostics) {
        YamlNode.Mapping doc = new ImportResolver(reader, diagnostics).resolve(request.file());
        if (doc == null) {
            diagnostics.throwIfErrors(request.file().toString());
        }
        EnvironmentNames.check(doc, diagnostics);
        stackNameIsLiteral(doc, diagnostics);
        return doc;
    }

    /** The stack name finds the state of commands that resolve no variables, so it cannot use any. */
    private static void stackNameIsLiteral(YamlNode.Mapping doc, Diagnostics diagnostics) {
        if (doc.get("blueprint") instanceof YamlNode.Scalar s && s.value() instanceof String name
                && Placeholders.mayContain(name)) {
            diagnostics.error(s.origin(), "invalid-name", "blueprint name " + Quoted.of(name) + " cannot use '${…}': "
                    + "commands that only read the state (output, state list) find it by the name as written");
        }
    }

    /** Binds the blueprint under one environment; adds the variables it found without a value to {@code unknown}. */
    private Blueprint build(YamlNode.Mapping doc, LoadRequest request, Diagnostics diagnostics, Set<String> unknown) {
        Environments.Applied applied = Environments.apply(doc, request.environment(), diagnostics);
        YamlNode declarations = applied.document().get("variables");
        VariableResolver resolver = new VariableResolver(reader, diagnostics, processEnvironment);
        Map<String, Variable> variables = resolver.resolve(declarations, applied.variableValues(), request.environment(),
                request);
        Map<String, Variable> known = new LinkedHashMap<>();
        variables.forEach((name, variable) -> {
            if (variable.value() instanceof UnknownValue value) {
                // Only those given no value are named: one made from such a variable gets a value with it.
                if (value.givenNone().equals(name)) {
                    unknown.add(name);
                }
            } else {
                known.put(name, variable);
            }
        });
        Set<String> declared = new LinkedHashSet<>();
        if (declarations instanceof YamlNode.Mapping m) {
            declared.addAll(m.entries().keySet());
        }
        Interpolator interpolator = new Interpolator(variables::get, declared, processEnvironment, diagnostics,
                Substitutions.collecting(resolver.givenByEnvironment()));
        YamlNode.Mapping interpolated = interpolator.apply(TreeMerge.without(applied.document(), "variables"));
        return new BlueprintBinder(diagnostics, interpolator.substituted()).bind(interpolated, request.environment(),
                applied.production(), known, request.file());
    }
}
