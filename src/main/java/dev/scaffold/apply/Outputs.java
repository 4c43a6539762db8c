package dev.scaffold.apply;

import dev.scaffold.graph.Ref;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
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
    static Map<String, Object> resolve(Map<String, Ref> declared, State state) {
        Map<String, Object> values = new TreeMap<>();
        declared.forEach((name, ref) -> {
            ResourceState resource = state.resources().get(ref.address());
            Object value = resource == null ? null : resource.attribute(ref.attribute());
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }
}
