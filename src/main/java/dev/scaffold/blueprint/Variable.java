package dev.scaffold.blueprint;

/**
 * A declared variable and its resolved value: a String, Long, Double, Boolean, List or Map, per {@code type}.
 *
 * @param sensitive true when the value must print as {@code (sensitive)}
 */
public record Variable(String name, VariableType type, Object value, boolean sensitive) {

    /** Never shows a sensitive value, so that logging a blueprint cannot leak it. */
    @Override
    public String toString() {
        return "Variable[name=" + name + ", type=" + type.keyword() + ", value=" + (sensitive ? "(sensitive)" : value) + "]";
    }
}
