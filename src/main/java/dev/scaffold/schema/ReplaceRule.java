package dev.scaffold.schema;

import java.math.BigDecimal;
import java.util.function.BiPredicate;

/**
 * Whether changing an attribute from one value to another forces the resource to be replaced.
 * Most attributes change in place ({@link #NEVER}) or never change in place ({@link #ALWAYS});
 * some only for certain changes, e.g. a storage size may grow in place but not shrink.
 */
public sealed interface ReplaceRule {

    /** The attribute changes in place. */
    ReplaceRule NEVER = new Never();

    /** Any change of the attribute replaces the resource. */
    ReplaceRule ALWAYS = new Always();

    /** A number that may grow in place; making it smaller replaces the resource. */
    ReplaceRule WHEN_DECREASED = when("it decreases", (before, after) -> before instanceof Number b
            && after instanceof Number a && new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) < 0);

    /**
     * A change replaces the resource only when {@code replaces} holds for its old and new value.
     *
     * @param reason completes "forces replacement when …", e.g. {@code it decreases}
     */
    static ReplaceRule when(String reason, BiPredicate<Object, Object> replaces) {
        return new When(reason, replaces);
    }

    /** Whether changing the attribute from {@code before} to {@code after} forces a replace. */
    boolean replaces(Object before, Object after);

    /** See {@link #NEVER}. */
    record Never() implements ReplaceRule {
        @Override
        public boolean replaces(Object before, Object after) {
            return false;
        }
    }

    /** See {@link #ALWAYS}. */
    record Always() implements ReplaceRule {
        @Override
        public boolean replaces(Object before, Object after) {
            return true;
        }
    }

    /**
     * See {@link #when}.
     *
     * @param reason when the change replaces, in words
     * @param replaces the test on the old and the new value
     */
    record When(String reason, BiPredicate<Object, Object> replaces) implements ReplaceRule {
        @Override
        public boolean replaces(Object before, Object after) {
            return replaces.test(before, after);
        }
    }
}
