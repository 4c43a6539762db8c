package dev.scaffold.components;

import dev.scaffold.blueprint.Expr;
import dev.scaffold.blueprint.Literal;
import dev.scaffold.blueprint.Part;
import dev.scaffold.blueprint.TierReference;
import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of the blueprint's {@code ${SECTION.NAME.ATTRIBUTE}} references, from what every component
 * offers: a reference becomes a {@link Ref} to the resource that will hold the value, a text with references
 * an {@link Interpolation}. A reference to a tier scaffold does not provision yet has no value; the field
 * that holds it is left out, and the user is told.
 */
public final class TierValues {

    private final Map<String, Object> offered;
    private final List<String> notices = new ArrayList<>();

    TierValues(Map<String, Object> offered) {
        this.offered = Map.copyOf(offered);
    }

    /**
     * The value of an expression written at {@code where} (e.g. {@code services.app.environment.DB_HOST}):
     * its text, or an interpolation of its text and refs; empty, with a notice, when it refers to a tier that
     * scaffold does not provision yet.
     */
    public Optional<Object> of(Expr expr, String where) {
        List<Object> parts = new ArrayList<>();
        for (Part part : expr.parts()) {
            if (part instanceof Literal literal) {
                parts.add(literal.text());
            } else if (part instanceof TierReference reference) {
                String key = reference.section() + "." + reference.name() + "." + reference.attribute();
                Object value = offered.get(key);
                if (value == null) {
                    notices.add(where + " refers to ${" + key + "}, which is not provisioned yet: it is left out");
                    return Optional.empty();
                }
                parts.addAll(inText(value));
            }
        }
        return Optional.of(Interpolation.of(parts.toArray()));
    }

    /** A ref as it is, a list of refs as they read in text: separated by commas. */
    private static List<Object> inText(Object value) {
        if (!(value instanceof List<?> refs)) {
            return List.of(value);
        }
        List<Object> parts = new ArrayList<>();
        for (Object ref : refs) {
            if (!parts.isEmpty()) {
                parts.add(",");
            }
            parts.add(ref);
        }
        return parts;
    }

    /** What the user should know about references left out. */
    List<String> notices() {
        return List.copyOf(notices);
    }
}
