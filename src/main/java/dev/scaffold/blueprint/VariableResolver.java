package dev.scaffold.blueprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resolves the declared {@code variables} to typed values. Precedence, lowest first: the declaration's
 * default, the environment's {@code variables}, {@code SCAFFOLD_VAR_<name>}, each {@code --var-file} in
 * order, each {@code --var}. Values given as strings are converted to the declared type.
 *
 * <p>Values written in the blueprint (defaults and an environment's values) are interpolated like the rest of
 * the document: {@code ${var.OTHER}} is OTHER's resolved value, {@code ${env.NAME}} the process environment's,
 * {@code $${} a literal {@code ${}. Variables whose values refer to each other in a circle are an error;
 * a tier reference is refused, since a variable's value is known before apply. Values given from outside (the
 * command line, files, the process environment) are taken as they are.
 */
final class VariableResolver {

    static final String ENV_PREFIX = "SCAFFOLD_VAR_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Map<String, VariableType> TYPES = ComputeBinder.keywords(VariableType.values());
    private static final List<String> DECLARATION_KEYS = List.of("type", "default", "description", "sensitive");

    private final YamlReader reader;
    private final Diagnostics diagnostics;
    private final BindContext ctx;
    private final BindContext givenValues;
    private final Map<String, String> processEnvironment;
    /** Where the value of each variable an environment gives is written, with what names it there. */
    private final Map<String, Written> fromEnvironment = new LinkedHashMap<>();

    private record Declaration(String name, VariableType type, YamlNode.Entry entry, YamlNode fallback,
            boolean sensitive) {}

    /** Where a value comes from: written in the blueprint (interpolated when used) or given from outside. */
    private sealed interface Source permits Written, Given {}

    /** A default or an environment's value: {@code what} names it in messages. */
    record Written(YamlNode node, String what, boolean isDefault) implements Source {}

    /** A value given from outside, already converted; {@code null} when that failed (and was reported). */
    private record Given(Object value) implements Source {}

    /** A resolved value and whether a sensitive variable went into it. */
    private record Resolved(Object value, boolean sensitive) {}

    /** One resolution: the values found so far and the variables being resolved, to find circles. */
    private final class Run {
        final Map<String, Declaration> declared;
        final Map<String, List<Source>> sources;
        final Map<String, Resolved> resolved = new HashMap<>();
        final Set<String> failed = new HashSet<>();
        final List<String> resolving = new ArrayList<>();
        /** Whether a variable without a value is an unknown value rather than a problem. */
        final boolean unknownValues;

        Run(Map<String, Declaration> declared, Map<String, List<Source>> sources, boolean unknownValues) {
            this.declared = declared;
            this.sources = sources;
            this.unknownValues = unknownValues;
        }

        /** The value of {@code name}, resolving what it refers to first; {@code null} when it has none. */
        Resolved resolve(String name, Origin usedAt) {
            if (resolved.containsKey(name)) {
                return resolved.get(name);
            }
            if (failed.contains(name)) {
                return null;
            }
            int at = resolving.indexOf(name);
            if (at >= 0) {
                reportCircle(name, at, usedAt);
                return null;
            }
            List<Source> given = sources.getOrDefault(name, List.of());
            if (given.isEmpty()) {
                if (!unknownValues) {
                    return null;
                }
                Declaration d = declared.get(name);
                Resolved unknown = new Resolved(new UnknownValue(name, d.type()), d.sensitive());
                resolved.put(name, unknown);
                return unknown;
            }
            resolving.add(name);
            Source chosen = given.get(given.size() - 1);
            if (chosen instanceof Written w && !w.isDefault()) {
                fromEnvironment.put(name, w);
            }
            Resolved value = evaluate(declared.get(name), chosen);
            resolving.remove(resolving.size() - 1);
            if (value == null) {
                failed.add(name);
            } else if (!failed.contains(name)) {
                resolved.put(name, value);
            }
            return failed.contains(name) ? null : value;
        }

        private void reportCircle(String name, int from, Origin usedAt) {
            List<String> circle = new ArrayList<>(resolving.subList(from, resolving.size()));
            circle.add(name);
            failed.addAll(circle);
            diagnostics.error(usedAt, "variable-cycle", "the values of variables " + String.join(" → ",
                    circle.stream().map(Quoted::of).toList()) + " refer to each other in a circle;"
                    + " give one of them a value that does not refer to the others");
        }

        Resolved evaluate(Declaration d, Source source) {
            if (source instanceof Given g) {
                return g.value() == null ? null : new Resolved(g.value(), d.sensitive());
            }
            Written w = (Written) source;
            Set<String> sensitiveUsed = new HashSet<>();
            Interpolator interpolator = new Interpolator(other -> {
                Resolved r = resolve(other, w.node().origin());
                if (r == null) {
                    return null;
                }
                if (r.sensitive()) {
                    sensitiveUsed.add(other);
                }
                return new Variable(other, declared.get(other).type(), r.value(), r.sensitive());
            }, declared.keySet(), processEnvironment, diagnostics);
            YamlNode applied = interpolator.applyTo(w.node());
            if (interpolator.usedUnknown() && !interpolator.failed()) {
                // Made from a variable without a value, so without one itself.
                return new Resolved(new UnknownValue(d.name(), d.type(), interpolator.unknownUsed()),
                        d.sensitive() || !sensitiveUsed.isEmpty());
            }
            YamlNode interpolated = literal(applied, w.what());
            if (interpolated == null || interpolator.failed()) {
                return null;
            }
            // A default is checked as the schema checks it; other values, and whatever came from a variable, are
            // the variable's values, which the schema cannot see.
            Object value = convert(interpolated, d.type(), w.what(),
                    new BindContext(diagnostics, interpolator.substituted(), !w.isDefault()));
            // A value made from a secret is one too, so that it never prints.
            return value == null ? null : new Resolved(value, d.sensitive() || !sensitiveUsed.isEmpty());
        }
    }

    VariableResolver(YamlReader reader, Diagnostics diagnostics, Map<String, String> processEnvironment) {
        this.reader = reader;
        this.diagnostics = diagnostics;
        this.ctx = new BindContext(diagnostics);
        this.givenValues = new BindContext(diagnostics, Substitutions.none(), true);
        this.processEnvironment = processEnvironment;
    }

    /**
     * The variables whose value an environment's {@code variables} gives (and no value from outside overrides),
     * with where that value is written: a problem with the value is that environment's, and is shown there.
     */
    Map<String, Written> givenByEnvironment() {
        return Map.copyOf(fromEnvironment);
    }

    Map<String, Variable> resolve(YamlNode declarations, YamlNode.Mapping environmentValues, String environment,
            LoadRequest request) {
        Map<String, Declaration> declared = declarations(declarations);
        maskSensitive(declared, environmentValues, request);
        Map<String, List<Source>> sources = new LinkedHashMap<>();
        declared.keySet().forEach(name -> sources.put(name, new ArrayList<>()));
        for (Declaration d : declared.values()) {
            if (d.fallback() != null) {
                sources.get(d.name()).add(new Written(d.fallback(), "the default of variable " + Quoted.of(d.name()), true));
            }
        }
        if (environmentValues != null) {
            String where = "environments." + Quoted.bare(environment) + ".variables";
            for (YamlNode.Entry e : given(environmentValues, declared, where, true)) {
                sources.get(e.key()).add(new Written(e.value(), "variable " + Quoted.of(e.key()) + " in " + where, false));
            }
        }
        for (Declaration d : declared.values()) {
            String raw = processEnvironment.get(ENV_PREFIX + d.name());
            if (raw != null) {
                sources.get(d.name()).add(new Given(fromString(raw, d, Origin.of(ENV_PREFIX + d.name()))));
            }
        }
        for (Path varFile : request.varFiles()) {
            YamlNode node = reader.readFile(varFile, varFile.toString(), diagnostics);
            if (node instanceof YamlNode.Mapping m) {
                m.entries().values().stream().filter(e -> isSensitive(declared, e.key()))
                        .forEach(e -> diagnostics.mask(texts(e.value())));
                for (YamlNode.Entry e : given(m, declared, varFile.toString(), false)) {
                    Declaration d = declared.get(e.key());
                    sources.get(d.name()).add(new Given(convert(e.value(), d.type(), "variable " + Quoted.of(d.name()),
                            givenValues)));
                }
            } else if (node != null) {
                diagnostics.error(node.origin(), "not-a-mapping", "a variables file must map variable names to values");
            }
        }
        request.vars().forEach((name, raw) -> {
            Declaration d = declared.get(name);
            if (d == null) {
                diagnostics.error(Origin.of("--var"), "unknown-variable", "unknown variable " + Quoted.of(name)
                        + Suggestions.hint(name, declared.keySet(), "declared"));
            } else {
                sources.get(name).add(new Given(fromString(raw, d, Origin.of("--var"))));
            }
        });
        return values(new Run(declared, sources, request.unknownValues()));
    }

    /** Every variable's value; the values that lost to a later source are still checked, as the schema checks them. */
    private Map<String, Variable> values(Run run) {
        for (Declaration d : run.declared.values()) {
            run.resolve(d.name(), d.entry().keyOrigin());
        }
        for (Declaration d : run.declared.values()) {
            List<Source> all = run.sources.get(d.name());
            for (Source overridden : all.subList(0, Math.max(0, all.size() - 1))) {
                if (overridden instanceof Written) {
                    run.evaluate(d, overridden);
                }
            }
        }
        Map<String, Variable> values = new LinkedHashMap<>();
        for (Declaration d : run.declared.values()) {
            Resolved r = run.resolved.get(d.name());
            if (r != null && r.value() instanceof UnknownValue && run.sources.get(d.name()).isEmpty()) {
                diagnostics.warning(d.entry().keyOrigin(), "unknown-value", "variable " + Quoted.of(d.name())
                        + " has no value, so it was checked as an unknown " + d.type().keyword() + " where it is used;"
                        + " plan and apply need one: give it with --var " + Quoted.bare(d.name()) + "=…, a --var-file"
                        + " or " + ENV_PREFIX + Quoted.bare(d.name()) + ", or give it a default");
            }
            if (r != null) {
                if (r.sensitive() && !(r.value() instanceof UnknownValue)) {
                    // A value made from a secret, e.g. "Bearer ${var.token}", never shows in a message either.
                    diagnostics.mask(leaves(r.value()));
                }
                values.put(d.name(), new Variable(d.name(), d.type(), r.value(), r.sensitive()));
            } else if (!run.failed.contains(d.name())) {
                diagnostics.error(d.entry().keyOrigin(), "missing-variable", "variable " + Quoted.of(d.name())
                        + " has no value; give it with --var " + Quoted.bare(d.name()) + "=…, a --var-file or "
                        + ENV_PREFIX + Quoted.bare(d.name()) + ", or give it a default");
            }
        }
        return values;
    }

    /**
     * Shows every value given to a sensitive variable as {@code (sensitive)} in messages, before any is
     * checked: one of the wrong type must not be quoted back.
     */
    private void maskSensitive(Map<String, Declaration> declared, YamlNode.Mapping environmentValues,
            LoadRequest request) {
        for (Declaration d : declared.values()) {
            if (!d.sensitive()) {
                continue;
            }
            if (d.fallback() != null) {
                diagnostics.mask(texts(d.fallback()));
            }
            if (environmentValues != null && environmentValues.entry(d.name()) != null) {
                diagnostics.mask(texts(environmentValues.entry(d.name()).value()));
            }
            String fromEnvironment = processEnvironment.get(ENV_PREFIX + d.name());
            String fromCommandLine = request.vars().get(d.name());
            diagnostics.mask(Stream.of(fromEnvironment, fromCommandLine).filter(Objects::nonNull).toList());
        }
    }

    private static boolean isSensitive(Map<String, Declaration> declared, String name) {
        return declared.containsKey(name) && declared.get(name).sensitive();
    }

    /** The text of every scalar in a node, keys included, as the file spells them. */
    private static List<String> texts(YamlNode node) {
        List<String> texts = new ArrayList<>();
        if (node instanceof YamlNode.Mapping m) {
            m.entries().values().forEach(e -> {
                texts.add(e.key());
                texts.addAll(texts(e.value()));
            });
        } else if (node instanceof YamlNode.Sequence s) {
            s.items().forEach(item -> texts.addAll(texts(item)));
        } else if (node instanceof YamlNode.Scalar scalar && scalar.text() != null) {
            texts.add(scalar.text());
        }
        return texts;
    }

    /** The text of every leaf of a resolved value, keys included. */
    private static List<String> leaves(Object value) {
        List<String> leaves = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                leaves.add(String.valueOf(k));
                leaves.addAll(leaves(v));
            });
        } else if (value instanceof Collection<?> list) {
            list.forEach(item -> leaves.addAll(leaves(item)));
        } else if (value != null) {
            leaves.add(String.valueOf(value));
        }
        return leaves;
    }

    private Map<String, Declaration> declarations(YamlNode node) {
        Map<String, Declaration> declared = new LinkedHashMap<>();
        if (node == null) {
            return declared;
        }
        if (!(node instanceof YamlNode.Mapping map)) {
            diagnostics.error(node.origin(), "type", "variables must be a mapping of names to declarations, got "
                    + node.describe());
            return declared;
        }
        for (YamlNode.Entry entry : map.entries().values()) {
            if (!NAME.matcher(entry.key()).matches()) {
                diagnostics.error(entry.keyOrigin(), "invalid-name", "variable name " + Quoted.of(entry.key())
                        + " must be letters, digits and '_', not starting with a digit");
                continue;
            }
            if (Fields.isNull(entry.value())) {
                diagnostics.error(entry.value().origin(), "no-value", "variable " + Quoted.of(entry.key())
                        + " has no declaration; declare it with its type, e.g. '" + entry.key() + ": { type: string }'");
                continue;
            }
            Fields f = Fields.open(entry.value(), "variables." + entry.key(), ctx, DECLARATION_KEYS);
            if (f == null) {
                continue;
            }
            if (f.mapping().entry("type") == null) {
                ctx.error(entry.keyOrigin(), "required", "variable " + Quoted.of(entry.key()) + " needs a 'type': "
                        + String.join(", ", TYPES.keySet()));
            }
            VariableType type = f.choice("type", TYPES, null);
            boolean sensitive = f.bool("sensitive", false);
            f.string("description", null);
            if (type != null) {
                declared.put(entry.key(), new Declaration(entry.key(), type, entry, f.node("default"), sensitive));
            }
        }
        return declared;
    }

    /** The entries of {@code given} that name a declared variable; the others are reported. */
    private List<YamlNode.Entry> given(YamlNode.Mapping given, Map<String, Declaration> declared, String source,
            boolean strict) {
        List<YamlNode.Entry> known = new ArrayList<>();
        for (YamlNode.Entry e : given.entries().values()) {
            if (declared.containsKey(e.key())) {
                known.add(e);
                continue;
            }
            String message = "unknown variable " + Quoted.of(e.key()) + " in " + source
                    + Suggestions.hint(e.key(), declared.keySet(), "declared");
            if (strict) {
                diagnostics.error(e.keyOrigin(), "unknown-variable", message);
            } else {
                diagnostics.warning(e.keyOrigin(), "unknown-variable", message);
            }
        }
        return known;
    }

    /** A value given as text (--var, SCAFFOLD_VAR_): read as YAML unless the variable is a string. */
    private Object fromString(String raw, Declaration d, Origin at) {
        String what = "variable " + Quoted.of(d.name());
        if (d.type() == VariableType.STRING || raw.isBlank()) {
            return convert(new YamlNode.Scalar(at, raw, raw), d.type(), what, givenValues);
        }
        YamlNode parsed = reader.readText(raw, at.file(), diagnostics);
        if (parsed instanceof YamlNode.Scalar s) {
            parsed = new YamlNode.Scalar(at, s.value(), raw); // positions inside a --var value mean nothing
        }
        return parsed == null ? null : convert(parsed, d.type(), what, givenValues);
    }

    /**
     * The node's strings as plain text: escapes undone, and a tier reference refused, since a variable's value
     * must be known before apply. {@code null} after a reported problem.
     */
    private YamlNode literal(YamlNode node, String what) {
        if (node instanceof YamlNode.Mapping m) {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                YamlNode value = literal(e.value(), what);
                if (value == null) {
                    return null;
                }
                entries.put(e.key(), new YamlNode.Entry(e.key(), e.keyOrigin(), value));
            }
            return new YamlNode.Mapping(m.origin(), entries, m.weight());
        }
        if (node instanceof YamlNode.Sequence s) {
            List<YamlNode> items = new ArrayList<>();
            for (YamlNode item : s.items()) {
                YamlNode value = literal(item, what);
                if (value == null) {
                    return null;
                }
                items.add(value);
            }
            return new YamlNode.Sequence(s.origin(), items, s.weight());
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        if (!(scalar.value() instanceof String text)) {
            return scalar;
        }
        String plain = ctx.exprs.literal(text, scalar.origin(), what);
        return plain == null ? null : new YamlNode.Scalar(scalar.origin(), plain, plain);
    }

    /** The node as a value of {@code type}: String, Long, Double, Boolean, List or Map; {@code null} if reported. */
    private Object convert(YamlNode node, VariableType type, String what, BindContext checking) {
        return switch (type) {
            case STRING -> Fields.text(node, checking, what);
            case INTEGER -> Fields.integer(node, checking, what);
            case NUMBER -> Fields.number(node, checking, what);
            case BOOLEAN -> Fields.bool(node, checking, what);
            case LIST -> {
                if (node instanceof YamlNode.Sequence seq) {
                    List<Object> items = new ArrayList<>();
                    seq.items().forEach(n -> items.add(plain(n)));
                    yield Collections.unmodifiableList(items);
                }
                checking.error(node.origin(), "type", "expected a list for " + what + ", got " + Fields.shown(node));
                yield null;
            }
            case MAP -> {
                if (node instanceof YamlNode.Mapping) {
                    yield plain(node);
                }
                checking.error(node.origin(), "type", "expected a mapping for " + what + ", got " + Fields.shown(node));
                yield null;
            }
        };
    }

    private static Object plain(YamlNode node) {
        if (node instanceof YamlNode.Sequence seq) {
            List<Object> items = new ArrayList<>();
            seq.items().forEach(n -> items.add(plain(n)));
            return Collections.unmodifiableList(items);
        }
        if (node instanceof YamlNode.Mapping m) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.entries().values().forEach(e -> map.put(e.key(), plain(e.value())));
            return Collections.unmodifiableMap(map);
        }
        return ((YamlNode.Scalar) node).value();
    }
}
