package dev.scaffold.blueprint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Substitutes {@code ${var.NAME}} and {@code ${env.NAME}} in every string of the document. A string that is
 * exactly one {@code ${var.NAME}} becomes the variable's typed value; tier references are left in place for
 * the binder.
 */
final class Interpolator {

    private final Map<String, Variable> variables;
    private final Set<String> declared;
    private final Map<String, String> processEnvironment;
    private final Diagnostics diagnostics;

    /** {@code declared} includes variables that failed to resolve, so their uses are not reported twice. */
    Interpolator(Map<String, Variable> variables, Set<String> declared, Map<String, String> processEnvironment,
            Diagnostics diagnostics) {
        this.variables = variables;
        this.declared = declared;
        this.processEnvironment = processEnvironment;
        this.diagnostics = diagnostics;
    }

    /** The document with variables substituted; pass it without its {@code variables} declarations. */
    YamlNode.Mapping apply(YamlNode.Mapping doc) {
        return (YamlNode.Mapping) walk(doc);
    }

    private YamlNode walk(YamlNode node) {
        if (node instanceof YamlNode.Mapping m) {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                entries.put(e.key(), new YamlNode.Entry(e.key(), e.keyOrigin(), walk(e.value())));
            }
            return new YamlNode.Mapping(m.origin(), entries, m.weight());
        }
        if (node instanceof YamlNode.Sequence s) {
            List<YamlNode> items = new ArrayList<>();
            s.items().forEach(i -> items.add(walk(i)));
            return new YamlNode.Sequence(s.origin(), items, s.weight());
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        if (scalar.value() instanceof String text && Placeholders.mayContain(text)) {
            return substitute(scalar, text);
        }
        return scalar;
    }

    private YamlNode substitute(YamlNode.Scalar scalar, String text) {
        Placeholders.Split split = Placeholders.split(text);
        if (split.error() != null) {
            return scalar; // reported by the binder, which reads every string it uses
        }
        Placeholders.Placeholder whole = split.whole();
        if (whole != null && whole.inner().startsWith("var.")) {
            Variable v = variable(whole.inner().substring(4), scalar.origin());
            return v == null ? scalar : toNode(v.value(), scalar.origin());
        }
        StringBuilder out = new StringBuilder();
        for (Placeholders.Segment segment : split.segments()) {
            if (segment instanceof Placeholders.Text t) {
                out.append(Placeholders.escape(t.text()));
                continue;
            }
            String inner = ((Placeholders.Placeholder) segment).inner();
            if (inner.startsWith("var.")) {
                Variable v = variable(inner.substring(4), scalar.origin());
                if (v != null && (v.value() instanceof List || v.value() instanceof Map)) {
                    diagnostics.error(scalar.origin(), "type", "variable '" + v.name() + "' is a " + v.type().keyword()
                            + " and cannot be part of a string; use it as the whole value");
                } else if (v != null) {
                    out.append(Placeholders.escape(String.valueOf(v.value())));
                }
            } else if (inner.startsWith("env.")) {
                String name = inner.substring(4);
                String value = processEnvironment.get(name);
                if (value == null) {
                    diagnostics.error(scalar.origin(), "missing-env", "environment variable '" + name + "' is not set");
                } else {
                    out.append(Placeholders.escape(value));
                }
            } else {
                out.append("${").append(inner).append('}');
            }
        }
        String result = out.toString();
        return new YamlNode.Scalar(scalar.origin(), result, result);
    }

    private Variable variable(String name, Origin at) {
        Variable v = variables.get(name);
        if (v == null && !declared.contains(name)) {
            diagnostics.error(at, "unknown-variable", "variable '" + name + "' is not declared"
                    + Suggestions.hint(name, declared, "declared"));
        }
        return v;
    }

    private static YamlNode toNode(Object value, Origin at) {
        if (value instanceof List<?> list) {
            List<YamlNode> items = new ArrayList<>();
            list.forEach(i -> items.add(toNode(i, at)));
            return new YamlNode.Sequence(at, items, items.size() + 1L);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put((String) k, new YamlNode.Entry((String) k, at, toNode(v, at))));
            return new YamlNode.Mapping(at, entries, entries.size() + 1L);
        }
        if (value instanceof String s) {
            String escaped = Placeholders.escape(s);
            return new YamlNode.Scalar(at, escaped, escaped);
        }
        return new YamlNode.Scalar(at, value, String.valueOf(value));
    }
}
