package dev.scaffold.blueprint;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where interpolation put a variable's whole value ({@code key: ${var.NAME}}): by position, so that a problem
 * there names the variable, and the values themselves, so that a binder can tell one from what was written.
 * Also where it put an {@link UnknownValue}, whole or as part of a string, and of which type that place is now.
 */
record Substitutions(Map<Origin, String> byOrigin, Set<YamlNode> values, Map<Origin, VariableType> unknown,
                     Map<String, VariableResolver.Written> givenByEnvironment) {

    static Substitutions none() {
        return new Substitutions(Map.of(), Set.of(), Map.of(), Map.of());
    }

    static Substitutions collecting() {
        return collecting(Map.of());
    }

    /** @param givenByEnvironment the variables whose value an environment gives, with where it is written */
    static Substitutions collecting(Map<String, VariableResolver.Written> givenByEnvironment) {
        return new Substitutions(new HashMap<>(), Collections.newSetFromMap(new IdentityHashMap<>()), new HashMap<>(),
                givenByEnvironment);
    }

    /** Where an environment writes the value of {@code variable}, and what names it there; {@code null} if none does. */
    VariableResolver.Written environmentValue(String variable) {
        return givenByEnvironment.get(variable);
    }

    void add(YamlNode value, String variable) {
        byOrigin.put(value.origin(), variable);
        values.add(value);
    }

    /** Records that the value at {@code at} is unknown, a value of {@code type} (a string, when it is part of one). */
    void addUnknown(Origin at, VariableType type) {
        unknown.put(at, type);
    }

    /** The variable whose value (or a part of it) is at {@code at}, or {@code null}. */
    String variableAt(Origin at) {
        return byOrigin.get(at);
    }

    /** Whether {@code node} is a variable's whole value, not a part of one nor something written. */
    boolean isVariableValue(YamlNode node) {
        return values.contains(node);
    }

    /** The type of the unknown value at {@code at}, or {@code null} when the value there is known. */
    VariableType unknownAt(Origin at) {
        return unknown.get(at);
    }
}
