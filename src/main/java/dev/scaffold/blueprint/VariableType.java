package dev.scaffold.blueprint;

import java.util.Locale;

/** The types a blueprint variable may declare. */
public enum VariableType {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    LIST,
    MAP;

    /** The name as written in a blueprint. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
