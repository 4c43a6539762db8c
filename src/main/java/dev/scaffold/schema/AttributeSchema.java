package dev.scaffold.schema;

import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * How scaffold treats one attribute of a resource type when it plans and records it.
 *
 * @param name the attribute, in the vocabulary of the type's specs and reads
 * @param replace whether, or for which changes, a new value forces the resource to be replaced
 * @param computed set by AWS, never compared with the blueprint; refs to it are known only after apply
 * @param sensitive never printed, and never written in clear to the state or a saved plan
 * @param writeOnly AWS accepts it but never returns it, so it is compared with what the state recorded
 * @param unordered a list whose order AWS does not keep, so two lists with the same items are equal
 * @param metBy whether a value AWS has that differs from the blueprint's still fulfils it (given the blueprint's,
 *     then AWS's), as a newer minor version AWS upgraded to fulfils the version asked for; {@code null}: never
 */
public record AttributeSchema(String name, ReplaceRule replace, boolean computed, boolean sensitive,
                              boolean writeOnly, boolean unordered, BiPredicate<Object, Object> metBy) {

    public AttributeSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(replace, "replace");
    }

    /** An attribute that changes in place, compared as it is: what undeclared attributes are. */
    public static AttributeSchema plain(String name) {
        return new AttributeSchema(name, ReplaceRule.NEVER, false, false, false, false, null);
    }

    /** Whether what AWS has ({@code actual}) fulfils the blueprint's {@code desired} value though they differ. */
    public boolean isMetBy(Object desired, Object actual) {
        return metBy != null && desired != null && actual != null && metBy.test(desired, actual);
    }

    /** Whether changing it from {@code before} to {@code after} forces a replace. */
    public boolean forcesReplace(Object before, Object after) {
        return replace.replaces(before, after);
    }
}
