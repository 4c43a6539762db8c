package dev.scaffold.schema;

import java.util.Objects;

/**
 * How scaffold treats one attribute of a resource type when it plans and records it.
 *
 * @param name the attribute, in the vocabulary of the type's specs and reads
 * @param replace whether, or for which changes, a new value forces the resource to be replaced
 * @param computed set by AWS, never compared with the blueprint; refs to it are known only after apply
 * @param sensitive never printed, and never written in clear to the state or a saved plan
 * @param writeOnly AWS accepts it but never returns it, so it is compared with what the state recorded
 * @param unordered a list whose order AWS does not keep, so two lists with the same items are equal
 */
public record AttributeSchema(String name, ReplaceRule replace, boolean computed, boolean sensitive,
                              boolean writeOnly, boolean unordered) {

    public AttributeSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(replace, "replace");
    }

    /** An attribute that changes in place, compared as it is: what undeclared attributes are. */
    public static AttributeSchema plain(String name) {
        return new AttributeSchema(name, ReplaceRule.NEVER, false, false, false, false);
    }

    /** Whether changing it from {@code before} to {@code after} forces a replace. */
    public boolean forcesReplace(Object before, Object after) {
        return replace.replaces(before, after);
    }
}
