package dev.scaffold.blueprint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Substitutes {@code ${var.NAME}} and {@code ${env.NAME}} in every string of the document. A string that is
 * exactly one {@code ${var.NAME}} becomes the variable's typed value; tier references are left in place for
 * the binder.
 */
final class Interpolator {

    private final Function<String, Variable> variables;
    private final Set<String> declared;
    private final Map<String, String> processEnvironment;
    private final Diagnostics diagnostics;
    private final Substitutions substituted;
    private boolean failed;
    private boolean usedUnknown;
    private String unknownUsed;

    /**
     * {@code variables} answers a variable's value, or {@code null} when it has none (already reported);
     * {@code declared} includes variables that failed to resolve, so their uses are not reported twice.
     */
    Interpolator(Function<String, Variable> variables, Set<String> declared, Map<String, String> processEnvironment,
            Diagnostics diagnostics) {
        this(variables, declared, processEnvironment, diagnostics, Substitutions.collecting());
    }

    /** As above, recording substitutions in {@code substituted} (which knows the values environments give). */
    Interpolator(Function<String, Variable> variables, Set<String> declared, Map<String, String> processEnvironment,
            Diagnostics diagnostics, Substitutions substituted) {
        this.substituted = substituted;
        this.variables = variables;
        this.declared = declared;
        this.processEnvironment = processEnvironment;
        this.diagnostics = diagnostics;
    }

    /** The document with variables substituted; pass it without its {@code variables} declarations. */
    YamlNode.Mapping apply(YamlNode.Mapping doc) {
        return (YamlNode.Mapping) walk(doc);
    }

    /** One value with variables substituted, e.g. a variable's default. */
    YamlNode applyTo(YamlNode value) {
        return walk(value);
    }

    /** Where a whole {@code ${var.NAME}} was replaced by the value of NAME, so problems there name the variable. */
    Substitutions substituted() {
        return substituted;
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
            if (v == null) {
                return scalar;
            }
            YamlNode value = v.value() instanceof UnknownValue unknown ? standIn(unknown, scalar.origin())
                    : toNode(v.value(), scalar.origin());
            substituted.add(value, v.name());
            return value;
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
                if (v != null && v.value() instanceof UnknownValue unknown && unknown.type() != VariableType.LIST
                        && unknown.type() != VariableType.MAP) {
                    // Part of a string: the string is known only in part, so it is checked as a string alone.
                    used(unknown, scalar.origin());
                    substituted.addUnknown(scalar.origin(), VariableType.STRING);
                    out.append(Placeholders.escape(unknown.text()));
                } else if (v != null && (v.value() instanceof List || v.value() instanceof Map
                        || v.value() instanceof UnknownValue)) {
                    report(scalar.origin(), "variable-type", "variable " + Quoted.of(v.name()) + " is a " + v.type().keyword()
                            + " and cannot be part of a string; use it as the whole value");
                } else if (v != null) {
                    out.append(Placeholders.escape(String.valueOf(v.value())));
                }
            } else if (inner.startsWith("env.")) {
                String name = inner.substring(4);
                String value = processEnvironment.get(name);
                if (value == null) {
                    report(scalar.origin(), "missing-env", "environment variable " + Quoted.of(name) + " is not set");
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

    /** Whether a problem was reported while substituting. */
    boolean failed() {
        return failed;
    }

    /** Whether a variable without a value was put in anywhere, so that what was substituted is not known either. */
    boolean usedUnknown() {
        return usedUnknown;
    }

    /** The variable given no value that the last unknown put in comes from, or {@code null} when none was. */
    String unknownUsed() {
        return unknownUsed;
    }

    /**
     * What an unknown value stands as where it is the whole value: the text {@code ${var.NAME}} (an empty list or
     * mapping for a list or map), recorded as unknown so that it is checked for its type alone.
     */
    private YamlNode standIn(UnknownValue unknown, Origin at) {
        used(unknown, at);
        substituted.addUnknown(at, unknown.type());
        return switch (unknown.type()) {
            case LIST -> new YamlNode.Sequence(at, List.of(), 1);
            case MAP -> new YamlNode.Mapping(at, Map.of(), 1);
            default -> new YamlNode.Scalar(at, Placeholders.escape(unknown.text()), unknown.text());
        };
    }

    /** Says where a variable without a value was used, and as what it was checked there. */
    private void used(UnknownValue unknown, Origin at) {
        usedUnknown = true;
        unknownUsed = unknown.givenNone();
        diagnostics.warning(at, "unknown-value", "variable " + Quoted.of(unknown.variable()) + " " + unknown.why()
                + ", so it was checked here as an unknown " + unknown.type().keyword());
    }

    private void report(Origin at, String code, String message) {
        failed = true;
        diagnostics.error(at, code, message);
    }

    private Variable variable(String name, Origin at) {
        Variable v = declared.contains(name) ? variables.apply(name) : null;
        if (v == null && declared.contains(name)) {
            failed = true; // it has no value, which was reported where it is declared
        }
        if (v == null && !declared.contains(name)) {
            report(at, "unknown-variable", "variable " + Quoted.of(name) + " is not declared"
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
