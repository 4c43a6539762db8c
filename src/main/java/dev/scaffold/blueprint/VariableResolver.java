package dev.scaffold.blueprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves the declared {@code variables} to typed values. Precedence, lowest first: the declaration's
 * default, the environment's {@code variables}, {@code SCAFFOLD_VAR_<name>}, each {@code --var-file} in
 * order, each {@code --var}. Values given as strings are converted to the declared type.
 */
final class VariableResolver {

    static final String ENV_PREFIX = "SCAFFOLD_VAR_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Map<String, VariableType> TYPES = ComputeBinder.keywords(VariableType.values());
    private static final List<String> DECLARATION_KEYS = List.of("type", "default", "description", "sensitive");

    private final YamlReader reader;
    private final Diagnostics diagnostics;
    private final BindContext ctx;
    private final Map<String, String> processEnvironment;
    private final Set<String> failed = new HashSet<>();

    private record Declaration(String name, VariableType type, YamlNode.Entry entry, boolean sensitive) {}

    VariableResolver(YamlReader reader, Diagnostics diagnostics, Map<String, String> processEnvironment) {
        this.reader = reader;
        this.diagnostics = diagnostics;
        this.ctx = new BindContext(diagnostics);
        this.processEnvironment = processEnvironment;
    }

    Map<String, Variable> resolve(YamlNode declarations, YamlNode.Mapping environmentValues, String environment,
            LoadRequest request) {
        Map<String, Declaration> declared = declarations(declarations);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Declaration d : declared.values()) {
            YamlNode fallback = d.entry().value() instanceof YamlNode.Mapping m ? m.get("default") : null;
            if (fallback != null) {
                put(values, d, convert(fallback, d.type(), "the default of variable '" + d.name() + "'"));
            }
        }
        if (environmentValues != null) {
            fromNodes(environmentValues, declared, values, "environments." + environment + ".variables", true);
        }
        for (Declaration d : declared.values()) {
            String raw = processEnvironment.get(ENV_PREFIX + d.name());
            if (raw != null) {
                put(values, d, fromString(raw, d, Origin.of(ENV_PREFIX + d.name())));
            }
        }
        for (Path varFile : request.varFiles()) {
            YamlNode node = reader.readFile(varFile, varFile.toString(), diagnostics);
            if (node instanceof YamlNode.Mapping m) {
                fromNodes(m, declared, values, varFile.toString(), false);
            } else if (node != null) {
                diagnostics.error(node.origin(), "not-a-mapping", "a variables file must map variable names to values");
            }
        }
        request.vars().forEach((name, raw) -> {
            Declaration d = declared.get(name);
            if (d == null) {
                diagnostics.error(Origin.of("--var"), "unknown-variable", "unknown variable '" + name + "'"
                        + Suggestions.hint(name, declared.keySet(), "declared"));
            } else {
                put(values, d, fromString(raw, d, Origin.of("--var")));
            }
        });
        Map<String, Variable> resolved = new LinkedHashMap<>();
        for (Declaration d : declared.values()) {
            if (!values.containsKey(d.name())) {
                if (failed.contains(d.name())) {
                    continue;
                }
                diagnostics.error(d.entry().keyOrigin(), "missing-variable", "variable '" + d.name() + "' has no value; "
                        + "give it with --var " + d.name() + "=…, a --var-file or " + ENV_PREFIX + d.name());
                continue;
            }
            resolved.put(d.name(), new Variable(d.name(), d.type(), values.get(d.name()), d.sensitive()));
        }
        return resolved;
    }

    /** Records a value; a {@code null} one failed to convert (reported), so the variable is not also "missing". */
    private void put(Map<String, Object> values, Declaration d, Object value) {
        if (value != null) {
            values.put(d.name(), value);
        } else {
            failed.add(d.name());
        }
    }

    private Map<String, Declaration> declarations(YamlNode node) {
        Map<String, Declaration> declared = new LinkedHashMap<>();
        if (node == null || node instanceof YamlNode.Scalar s && s.isNull()) {
            return declared;
        }
        if (!(node instanceof YamlNode.Mapping map)) {
            diagnostics.error(node.origin(), "type", "variables must be a mapping of names to declarations, got "
                    + node.describe());
            return declared;
        }
        for (YamlNode.Entry entry : map.entries().values()) {
            if (!NAME.matcher(entry.key()).matches()) {
                diagnostics.error(entry.keyOrigin(), "invalid-name", "variable name '" + entry.key()
                        + "' must be letters, digits and '_', not starting with a digit");
                continue;
            }
            // 'name:' alone declares a required string, like Terraform's empty variable block.
            YamlNode body = entry.value() instanceof YamlNode.Scalar s && s.isNull()
                    ? TreeMerge.empty(entry.value().origin()) : entry.value();
            Fields f = Fields.open(body, "variables." + entry.key(), ctx, DECLARATION_KEYS);
            if (f == null) {
                continue;
            }
            VariableType type = f.has("type") ? f.choice("type", TYPES, null) : inferred(f.node("default"));
            boolean sensitive = f.bool("sensitive", false);
            if (type != null) {
                declared.put(entry.key(), new Declaration(entry.key(), type, entry, sensitive));
            }
        }
        return declared;
    }

    private static VariableType inferred(YamlNode fallback) {
        if (fallback instanceof YamlNode.Sequence) {
            return VariableType.LIST;
        }
        if (fallback instanceof YamlNode.Mapping) {
            return VariableType.MAP;
        }
        if (fallback instanceof YamlNode.Scalar s) {
            if (s.value() instanceof Boolean) {
                return VariableType.BOOLEAN;
            }
            if (s.value() instanceof Long) {
                return VariableType.INTEGER;
            }
            if (s.value() instanceof Double) {
                return VariableType.NUMBER;
            }
        }
        return VariableType.STRING;
    }

    private void fromNodes(YamlNode.Mapping given, Map<String, Declaration> declared, Map<String, Object> values,
            String source, boolean strict) {
        for (YamlNode.Entry e : given.entries().values()) {
            Declaration d = declared.get(e.key());
            if (d == null) {
                String message = "unknown variable '" + e.key() + "' in " + source
                        + Suggestions.hint(e.key(), declared.keySet(), "declared");
                if (strict) {
                    diagnostics.error(e.keyOrigin(), "unknown-variable", message);
                } else {
                    diagnostics.warning(e.keyOrigin(), "unknown-variable", message);
                }
                continue;
            }
            put(values, d, convert(e.value(), d.type(), "variable '" + d.name() + "'"));
        }
    }

    /** A value given as text (--var, SCAFFOLD_VAR_): read as YAML unless the variable is a string. */
    private Object fromString(String raw, Declaration d, Origin at) {
        String what = "variable '" + d.name() + "'";
        if (d.type() == VariableType.STRING || raw.isBlank()) {
            return convert(new YamlNode.Scalar(at, raw, raw), d.type(), what);
        }
        YamlNode parsed = reader.readText(raw, at.file(), diagnostics);
        if (parsed instanceof YamlNode.Scalar s) {
            parsed = new YamlNode.Scalar(at, s.value(), raw); // positions inside a --var value mean nothing
        }
        return parsed == null ? null : convert(parsed, d.type(), what);
    }

    /** The node as a value of {@code type}: String, Long, Double, Boolean, List or Map; {@code null} if reported. */
    private Object convert(YamlNode node, VariableType type, String what) {
        return switch (type) {
            case STRING -> Fields.text(node, ctx, what);
            case INTEGER -> Fields.integer(node, ctx, what);
            case NUMBER -> Fields.number(node, ctx, what);
            case BOOLEAN -> Fields.bool(node, ctx, what);
            case LIST -> {
                if (node instanceof YamlNode.Sequence seq) {
                    List<Object> items = new ArrayList<>();
                    seq.items().forEach(n -> items.add(plain(n)));
                    yield Collections.unmodifiableList(items);
                }
                diagnostics.error(node.origin(), "type", "expected a list for " + what + ", got " + Fields.shown(node));
                yield null;
            }
            case MAP -> {
                if (node instanceof YamlNode.Mapping) {
                    yield plain(node);
                }
                diagnostics.error(node.origin(), "type", "expected a mapping for " + what + ", got " + Fields.shown(node));
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
