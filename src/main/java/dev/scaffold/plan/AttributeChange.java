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

    /** How a change to a tag is named: {@code tags.KEY}. */
    private static final String TAG = "tags.";

    /** The name of a change to the tag {@code key}. */
    public static String tagName(String key) {
        return TAG + key;
    }

    /** The tag key this change is to, or {@code null} when it is not to a tag. */
    public String tagKey() {
        return name.startsWith(TAG) ? name.substring(TAG.length()) : null;
    }

    /** Whether the new value, or part of it, is known only after apply. */
    public boolean knownAfterApply() {
        return ValueComparison.containsRef(after);
    }
}
