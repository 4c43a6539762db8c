package dev.scaffold.blueprint;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a string into text and {@code ${…}} placeholders; {@code $${} is an escaped, literal {@code ${}.
 * Shared by variable interpolation and by the parsing of tier references, so both read strings alike.
 */
final class Placeholders {

    /** A piece of a split string. */
    sealed interface Segment permits Text, Placeholder {}

    /** Literal text, escapes already undone. */
    record Text(String text) implements Segment {}

    /** The inside of a {@code ${…}}. */
    record Placeholder(String inner) implements Segment {
        /** A {@code ${var.…}} or {@code ${env.…}}, which interpolation resolves, rather than a tier reference. */
        boolean isVariableOrEnvironment() {
            return inner.startsWith("var.") || inner.startsWith("env.");
        }
    }

    /** The result of a split; {@code error} is non-null when the string is malformed. */
    record Split(List<Segment> segments, String error) {
        boolean hasPlaceholders() {
            return segments.stream().anyMatch(s -> s instanceof Placeholder);
        }

        /** The placeholder when the whole string is exactly one, else {@code null}. */
        Placeholder whole() {
            return segments.size() == 1 && segments.get(0) instanceof Placeholder p ? p : null;
        }
    }

    private Placeholders() {}

    static boolean mayContain(String text) {
        return text.contains("${");
    }

    static Split split(String text) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    return new Split(segments, "unterminated '${' in " + Quoted.of(text) + "; close it with '}' or write '$${' for a literal '${'");
                }
                if (literal.length() > 0) {
                    segments.add(new Text(literal.toString()));
                    literal.setLength(0);
                }
                segments.add(new Placeholder(text.substring(i + 2, end).strip()));
                i = end + 1;
            } else {
                literal.append(text.charAt(i));
                i++;
            }
        }
        if (literal.length() > 0) {
            segments.add(new Text(literal.toString()));
        }
        return new Split(segments, null);
    }

    /**
     * Whether {@code node} still holds a {@code ${var.…}} or {@code ${env.…}}: interpolation leaves one only after
     * reporting why it has no value, so whoever reads the node has nothing more to say.
     */
    static boolean leftUnresolved(YamlNode node) {
        if (!(node instanceof YamlNode.Scalar s) || !(s.value() instanceof String text) || !mayContain(text)) {
            return false;
        }
        Split split = split(text);
        return split.error() == null && split.segments().stream()
                .anyMatch(segment -> segment instanceof Placeholder p && p.isVariableOrEnvironment());
    }

    /** Escapes text so that a later split reads it back literally. */
    static String escape(String text) {
        return text.replace("${", "$${");
    }
}
