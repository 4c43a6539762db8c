package dev.scaffold.blueprint;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where interpolation put a variable's whole value ({@code key: ${var.NAME}}): by position, so that a problem
 * there names the variable, and the values themselves, so that a binder can tell one from what was written.
 */
record Substitutions(Map<Origin, String> byOrigin, Set<YamlNode> values) {

    static Substitutions none() {
        return new Substitutions(Map.of(), Set.of());
    }

    static Substitutions collecting() {
        return new Substitutions(new HashMap<>(), Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    void add(YamlNode value, String variable) {
        byOrigin.put(value.origin(), variable);
        values.add(value);
    }

    /** The variable whose value (or a part of it) is at {@code at}, or {@code null}. */
    String variableAt(Origin at) {
        return byOrigin.get(at);
    }

    /** Whether {@code node} is a variable's whole value, not a part of one nor something written. */
    boolean isVariableValue(YamlNode node) {
        return values.contains(node);
    }
}
