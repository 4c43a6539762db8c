package dev.scaffold.components;

import dev.scaffold.ScaffoldException;
import dev.scaffold.blueprint.Expr;
import dev.scaffold.blueprint.Literal;
import dev.scaffold.blueprint.Part;
import dev.scaffold.blueprint.TierReference;
import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values of the blueprint's {@code ${SECTION.NAME.ATTRIBUTE}} references, from what every component
 * offers: a reference becomes a {@link Ref} to the resource that will hold the value, a text with references
 * an {@link Interpolation}.
 */
public final class TierValues {

    private final Map<String, Ref> offered;

    TierValues(Map<String, Ref> offered) {
        this.offered = Map.copyOf(offered);
    }

    /**
     * The value of an expression written at {@code where} (e.g. {@code services.app.environment.DB_HOST}):
     * its text, or an interpolation of its text and refs.
     *
     * @throws ScaffoldException of kind {@code INVALID_INPUT} when it refers to a tier scaffold does not provision yet
     */
    public Object of(Expr expr, String where) {
        List<Object> parts = new ArrayList<>();
        for (Part part : expr.parts()) {
            if (part instanceof Literal literal) {
                parts.add(literal.text());
            } else if (part instanceof TierReference reference) {
                parts.add(ref(reference, where));
            }
        }
        return Interpolation.of(parts.toArray());
    }

    private Ref ref(TierReference reference, String where) {
        String key = reference.section() + "." + reference.name() + "." + reference.attribute();
        Ref ref = offered.get(key);
        if (ref == null) {
            throw ScaffoldException.invalidInput(where + " refers to ${" + key + "}, which scaffold does not provision"
                    + " yet; give the value itself, e.g. through a variable");
        }
        return ref;
    }
}
