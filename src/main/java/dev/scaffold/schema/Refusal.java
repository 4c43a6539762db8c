package dev.scaffold.schema;

import java.util.Objects;

/**
 * A change of an attribute that no plan may make, neither in place nor by a replace: the plan stops
 * before any change and says why, e.g. a database's storage made smaller, which AWS cannot do in place
 * and a replace would do by losing the data.
 *
 * @param attribute the attribute whose change is refused
 * @param rule for which changes, by the old and the new value
 * @param message completes "ATTRIBUTE …", with {@code %1$s} for the value AWS has and {@code %2$s} for the
 *     one the blueprint asks for, e.g. {@code cannot shrink (AWS has %1$s GB, the blueprint asks for %2$s GB)}
 */
public record Refusal(String attribute, ReplaceRule rule, String message) {

    public Refusal {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /** Whether changing the attribute from {@code before} to {@code after} is refused. */
    public boolean refuses(Object before, Object after) {
        return before != null && after != null && rule.replaces(before, after);
    }

    /** Why the change of the resource at {@code address} is refused, for the user. */
    public String explain(String address, Object before, Object after) {
        return address + ": " + attribute + " " + String.format(message, before, after);
    }
}
