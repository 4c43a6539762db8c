package dev.scaffold.blueprint;

/**
 * The value of a variable that was given none, in a command that needs none ({@link LoadRequest#unknownValues}):
 * where it is used it stands as the text {@code ${var.NAME}} (an empty list or mapping for a list or map),
 * checked for its type but not for its value.
 *
 * @param variable the variable's name
 * @param type its declared type
 * @param givenNone the variable that was given no value: this one, or one its default or environment value uses
 */
record UnknownValue(String variable, VariableType type, String givenNone) {

    /** The value of a variable that was given none itself. */
    UnknownValue(String variable, VariableType type) {
        this(variable, type, variable);
    }

    /** Why it is unknown, for messages: "has no value", or which variable it is made from has none. */
    String why() {
        return givenNone.equals(variable) ? "has no value"
                : "is made from " + Quoted.of(givenNone) + ", which has no value";
    }

    /** The text it stands as, in the blueprint and in what is rendered from it, e.g. a user-data template. */
    String text() {
        return "${var." + variable + "}";
    }
}
