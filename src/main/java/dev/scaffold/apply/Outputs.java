package dev.scaffold.apply;

import dev.scaffold.graph.Ref;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The values a stack declares for {@code scaffold output}, resolved from what the state records. */
final class Outputs {

    private Outputs() {
    }

    /**
     * Each output whose resource exists, by name, in the order of their names: the order the state file keeps
     * them in, so that apply, {@code scaffold output} and {@code apply --json} print them alike. Those not applied
     * yet are left out.
     */
    static Map<String, Object> resolve(Map<String, Object> declared, State state) {
        Map<String, Object> values = new TreeMap<>();
        declared.forEach((name, declaration) -> {
            Object value = declaration instanceof List<?> refs ? all(refs, state) : value((Ref) declaration, state);
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    /** The values of a list of refs; {@code null} until every one of them has one. */
    private static List<Object> all(List<?> refs, State state) {
        List<Object> values = new ArrayList<>();
        for (Object ref : refs) {
            Object value = value((Ref) ref, state);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    private static Object value(Ref ref, State state) {
        ResourceState resource = state.resources().get(ref.address());
        return resource == null ? null : resource.attribute(ref.attribute());
    }
}
