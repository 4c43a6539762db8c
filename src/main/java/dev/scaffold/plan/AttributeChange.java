package dev.scaffold.plan;

/**
 * One attribute's old and new value in a change.
 *
 * @param name the attribute
 * @param before its current value, or {@code null} when it is being set
 * @param after its new value, a {@code Ref} when known only after apply, or {@code null} when removed
 * @param forcesReplace whether this change alone makes the resource be replaced
 * @param sensitive whether the values must print as {@code (sensitive)}
 */
public record AttributeChange(String name, Object before, Object after, boolean forcesReplace, boolean sensitive) {

    /** Whether the new value, or part of it, is known only after apply. */
    public boolean knownAfterApply() {
        return ValueComparison.containsRef(after);
    }
}
