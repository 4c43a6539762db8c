package dev.scaffold.blueprint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed, located access to the keys of one mapping of the blueprint. Unknown keys are reported when it is
 * opened; every getter reports a wrong type or an out-of-range value at the value's position and returns
 * the default (or {@code null}) so that binding goes on and finds the other problems too.
 */
final class Fields {

    private static final Pattern NOT_BLANK = Pattern.compile(
            "[^\\t\\n\\u000b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]");

    private final YamlNode.Mapping map;
    private final String where;
    private final BindContext ctx;

    private Fields(YamlNode.Mapping map, String where, BindContext ctx) {
        this.map = map;
        this.where = where;
        this.ctx = ctx;
    }

    /** Opens {@code node} as a mapping with {@code allowed} keys; {@code null} (reported) when it is not a mapping. */
    static Fields open(YamlNode node, String where, BindContext ctx, List<String> allowed) {
        if (Placeholders.leftUnresolved(node)) {
            return null;
        }
        if (!(node instanceof YamlNode.Mapping mapping)) {
            ctx.error(node.origin(), "type", label(where) + " must be a mapping, got " + node.describe());
            return null;
        }
        if (ctx.isVariableValue(node)) {
            ctx.error(node.origin(), "type", notFromAVariable(label(where)));
            return null;
        }
        for (YamlNode.Entry entry : mapping.entries().values()) {
            if (!allowed.contains(entry.key())) {
                String in = where.isEmpty() ? "" : " in " + where;
                ctx.error(entry.keyOrigin(), "unknown-key", "unknown key " + Quoted.of(entry.key()) + in
                        + Suggestions.hint(entry.key(), allowed));
            } else if (isNull(entry.value())) {
                String path = where.isEmpty() ? entry.key() : where + "." + entry.key();
                ctx.error(entry.value().origin(), "no-value", path + " has no value; give it one or remove the key");
            }
        }
        return new Fields(mapping, where, ctx);
    }

    /**
     * Whether {@code text} holds only white space, as the schema's patterns say it: ECMAScript's white space and
     * line terminators, spelt out, since Java's {@code \s} and {@code isBlank} each mean another set.
     */
    static boolean isBlank(String text) {
        return !NOT_BLANK.matcher(text).find();
    }

    /** A bare {@code key:} or {@code key: ~}; the schema allows null nowhere, so neither does the loader. */
    static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.isNull();
    }

    /** Why a part of the blueprint's structure cannot be a variable's value, as the schema says. */
    static String notFromAVariable(String what) {
        return what + " must be written out, not given by a variable: a whole ${var.NAME} may stand for a value, "
                + "a list, tags or a service's environment";
    }

    /** The top level is opened with an empty path; messages call it "the blueprint". */
    private static String label(String where) {
        return where.isEmpty() ? "the blueprint" : where;
    }

    YamlNode.Mapping mapping() {
        return map;
    }

    String where() {
        return where;
    }

    boolean has(String key) {
        YamlNode value = map.get(key);
        return value != null && !isNull(value);
    }

    YamlNode node(String key) {
        return has(key) ? map.get(key) : null;
    }

    Origin at(String key) {
        YamlNode value = map.get(key);
        return value != null ? value.origin() : map.origin();
    }

    /** Reports a missing required key at the mapping; returns whether it is present (a null was reported on opening). */
    boolean require(String key) {
        if (has(key)) {
            return true;
        }
        if (map.entry(key) == null) {
            ctx.error(map.origin(), "required", label(where) + " needs '" + key + "'");
        }
        return false;
    }

    String string(String key, String fallback) {
        YamlNode node = node(key);
        if (node == null) {
            return fallback;
        }
        String text = text(node, ctx, path(key));
        return text == null ? fallback : ctx.exprs.literal(text, node.origin(), path(key));
    }

    String requiredString(String key) {
        return require(key) ? string(key, null) : null;
    }

    Expr expr(String key) {
        YamlNode node = node(key);
        if (node == null) {
            return null;
        }
        String text = text(node, ctx, path(key));
        return text == null ? null : ctx.exprs.parse(text, node.origin());
    }

    int integer(String key, int fallback, long min, long max) {
        YamlNode node = node(key);
        if (node == null) {
            return fallback;
        }
        Long value = integer(node, ctx, path(key));
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            ctx.error(node.origin(), "range", path(key) + " must be between " + min + " and " + max + ", got " + value);
            return fallback;
        }
        return value.intValue();
    }

    Integer optionalInteger(String key, long min, long max) {
        return has(key) ? integer(key, 0, min, max) : null;
    }

    /** A percentage: more than 0, at most 100, as the schema's {@code percent} says. */
    double percent(String key, double fallback) {
        YamlNode node = node(key);
        if (node == null) {
            return fallback;
        }
        Double value = number(node, ctx, path(key));
        if (value == null) {
            return fallback;
        }
        if (!(value > 0 && value <= 100)) {
            ctx.error(node.origin(), "range", path(key) + " must be more than 0 and at most 100, got " + value);
            return fallback;
        }
        return value;
    }

    /** Reports an item of the list {@code key} that repeats an earlier one: each must be given once. */
    void unique(String key, List<?> items) {
        Set<Object> seen = new HashSet<>();
        for (Object item : items) {
            if (!seen.add(item)) {
                ctx.error(at(key), "duplicate-item", path(key) + " lists " + Quoted.of(String.valueOf(item))
                        + " more than once");
            }
        }
    }

    boolean bool(String key, boolean fallback) {
        YamlNode node = node(key);
        if (node == null) {
            return fallback;
        }
        Boolean value = bool(node, ctx, path(key));
        return value == null ? fallback : value;
    }

    /** One of a closed set of keywords, e.g. an engine; an unknown one is reported with the allowed ones. */
    <E> E choice(String key, Map<String, E> options, E fallback) {
        YamlNode node = node(key);
        if (node == null) {
            return fallback;
        }
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        E value = options.get(text);
        if (value == null) {
            ctx.error(node.origin(), "unknown-value", "unknown " + key + " " + Quoted.of(text) + " in " + where
                    + Suggestions.hint(text, options.keySet()));
            return fallback;
        }
        return value;
    }

    /** A list whose items are read by {@code item}; items that fail are left out (and reported). */
    <T> List<T> list(String key, Function<YamlNode, T> item) {
        YamlNode node = node(key);
        if (node == null) {
            return List.of();
        }
        if (Placeholders.leftUnresolved(node)) {
            return List.of();
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            ctx.error(node.origin(), "type", "expected a list for " + path(key) + ", got " + node.describe());
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (YamlNode n : seq.items()) {
            T value = item.apply(n);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    List<String> strings(String key) {
        return list(key, n -> {
            String text = text(n, ctx, "an item of " + path(key));
            return text == null ? null : ctx.exprs.literal(text, n.origin(), path(key));
        });
    }

    /** A mapping of names to values read by {@code value}; entries that fail are left out (and reported). */
    <T> Map<String, T> entries(String key, BiFunction<YamlNode.Entry, String, T> value) {
        YamlNode node = node(key);
        if (node == null) {
            return Map.of();
        }
        if (Placeholders.leftUnresolved(node)) {
            return Map.of();
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            ctx.error(node.origin(), "type", "expected a mapping for " + path(key) + ", got " + node.describe());
            return Map.of();
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (YamlNode.Entry e : m.entries().values()) {
            T v = value.apply(e, path(key) + "." + Quoted.bare(e.key()));
            if (v != null) {
                out.put(e.key(), v);
            }
        }
        return out;
    }

    String path(String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    // Conversions of single nodes, shared with lists and variable values.

    /** Only a string is text: {@code version: 16.10} is the number 16.1, so numbers and booleans must be quoted. */
    static String text(YamlNode node, BindContext ctx, String what) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String str) {
            return str;
        }
        boolean fromVariable = ctx.variableAt(node.origin()) != null;
        if (fromVariable && node instanceof YamlNode.Scalar s && !s.isNull()) {
            return s.text(); // "${var.port}" in a string means the port's digits, as it would inside a longer string
        }
        String quote = node instanceof YamlNode.Scalar s && !s.isNull() && !fromVariable
                ? " (quote it: \"" + Quoted.bare(s.text()) + "\")" : "";
        ctx.error(node.origin(), "type", "expected a string for " + what + ", got " + describe(node) + quote);
        return null;
    }

    static Long integer(YamlNode node, BindContext ctx, String what) {
        if (unknown(node, ctx, what, "an integer", VariableType.INTEGER, VariableType.NUMBER)) {
            return null;
        }
        if (Placeholders.leftUnresolved(node)) {
            return null;
        }
        if (node instanceof YamlNode.Scalar s) {
            if (s.value() instanceof Long l) {
                return l;
            }
            // 2.0 is an integer to JSON Schema, and so to the blueprint.
            if (s.value() instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                return d.longValue();
            }
            if (s.value() instanceof BigInteger) {
                ctx.error(node.origin(), "range", what + " is too large: " + Quoted.of(s.text()));
                return null;
            }
            if (s.value() instanceof String str && Placeholders.mayContain(str)) {
                ctx.error(node.origin(), "type", what + " must be an integer known before apply, got " + Quoted.of(str));
                return null;
            }
        }
        ctx.error(node.origin(), "type", "expected an integer for " + what + ", got " + shown(node, ctx));
        return null;
    }

    static Double number(YamlNode node, BindContext ctx, String what) {
        if (unknown(node, ctx, what, "a number", VariableType.INTEGER, VariableType.NUMBER)) {
            return null;
        }
        if (Placeholders.leftUnresolved(node)) {
            return null;
        }
        if (node instanceof YamlNode.Scalar s) {
            if (s.value() instanceof Number n) {
                return n.doubleValue();
            }
        }
        ctx.error(node.origin(), "type", "expected a number for " + what + ", got " + shown(node, ctx));
        return null;
    }

    static Boolean bool(YamlNode node, BindContext ctx, String what) {
        if (unknown(node, ctx, what, "true or false", VariableType.BOOLEAN)) {
            return null;
        }
        if (Placeholders.leftUnresolved(node)) {
            return null;
        }
        if (node instanceof YamlNode.Scalar s) {
            if (s.value() instanceof Boolean b) {
                return b;
            }
        }
        ctx.error(node.origin(), "type", "expected true or false for " + what + ", got " + shown(node, ctx));
        return null;
    }

    /**
     * Whether {@code node} is the value of a variable given none ({@link UnknownValue}): it is then checked only
     * for its type, one of {@code allowed}, and its reader takes its default.
     */
    private static boolean unknown(YamlNode node, BindContext ctx, String what, String expected,
                                   VariableType... allowed) {
        VariableType type = ctx.unknownType(node);
        if (type == null) {
            return false;
        }
        if (!List.of(allowed).contains(type)) {
            ctx.error(node.origin(), "type", "expected " + expected + " for " + what + ", got an unknown "
                    + type.keyword());
        }
        return true;
    }

    /** As {@link #shown(YamlNode)}, but a value that came from a variable was not quoted by hand. */
    private static String shown(YamlNode node, BindContext ctx) {
        if (ctx.variableAt(node.origin()) != null && node instanceof YamlNode.Scalar s && !s.isNull()) {
            return s.value() instanceof String str ? "the string " + Quoted.of(str) : Quoted.of(s.text());
        }
        return shown(node);
    }

    /** How a wrong value is shown: quoted strings are called out, since quoting a number is a common slip. */
    static String shown(YamlNode node) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String str && str.matches("[-+]?[0-9.]+|true|false")) {
            return "the string " + Quoted.of(str) + " (remove the quotes)";
        }
        return node instanceof YamlNode.Scalar s && !s.isNull() ? Quoted.of(s.text()) : node.describe();
    }

    /** The kind of a wrong value with the value itself when it is a number or a boolean: "the number 16.4". */
    private static String describe(YamlNode node) {
        if (node instanceof YamlNode.Scalar s && (s.value() instanceof Number || s.value() instanceof Boolean)) {
            return (s.value() instanceof Number ? "the number " : "the boolean ") + Quoted.bare(s.text());
        }
        return node.describe();
    }
}
