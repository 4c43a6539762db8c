package dev.scaffold.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML node that remembers where it was written; the loader merges and binds these, never Jackson's tree. */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    Origin origin();

    /** How many nodes this one stands for once aliases are expanded; bounds alias bombs. */
    long weight();

    /** A short name of the node's kind for messages: "a mapping", "a list", "a string"... */
    String describe();

    /** One key of a mapping, with the position of the key itself. */
    record Entry(String key, Origin keyOrigin, YamlNode value) {}

    /** A mapping in document order. */
    record Mapping(Origin origin, Map<String, Entry> entries, long weight) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Entry entry(String key) {
            return entries.get(key);
        }

        YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A list. */
    record Sequence(Origin origin, List<YamlNode> items, long weight) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar: {@code value} is a String, Long, BigInteger, Double, Boolean or {@code null}; {@code text} is
     * how it was written (so {@code version: 16.10} keeps its trailing zero).
     */
    record Scalar(Origin origin, Object value, String text) implements YamlNode {
        @Override
        public long weight() {
            return 1;
        }

        boolean isNull() {
            return value == null;
        }

        @Override
        public String describe() {
            if (value == null) {
                return "null";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            if (value instanceof Number) {
                return "a number";
            }
            return "a string";
        }
    }
}
