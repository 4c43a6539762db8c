package dev.scaffold.plan;

import dev.scaffold.graph.ResourceSpec;

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

    /** The name of a change to the tag {@code key}: {@code tags.KEY}, as in {@link ResourceSpec#sensitive}. */
    public static String tagName(String key) {
        return ResourceSpec.tagName(key);
    }

    /** The tag key this change is to, or {@code null} when it is not to a tag. */
    public String tagKey() {
        return ResourceSpec.tagKey(name);
    }

    /** The same change with its values to be shown as {@code (sensitive)}. */
    public AttributeChange asSensitive() {
        return new AttributeChange(name, before, after, forcesReplace, true);
    }

    /** Whether the new value, or part of it, is known only after apply. */
    public boolean knownAfterApply() {
        return ValueComparison.containsRef(after);
    }
}
