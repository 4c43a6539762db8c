package dev.scaffold.apply;

import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.function.Function;

/**
 * Replaces the {@link Ref}s in a spec with their values: from resources applied earlier in the run,
 * else from what the state records. An unresolvable ref is a bug in the plan, not a user error.
 */
final class RefResolver {

    private final Function<ResourceAddress, Observed> appliedThisRun;
    private final Function<ResourceAddress, ResourceState> recorded;

    /**
     * @param appliedThisRun what this run created or updated, or {@code null}
     * @param recorded what the state (or the plan) records of a resource, or {@code null}
     */
    RefResolver(Function<ResourceAddress, Observed> appliedThisRun, Function<ResourceAddress, ResourceState> recorded) {
        this.appliedThisRun = appliedThisRun;
        this.recorded = recorded;
    }

    ResourceSpec resolve(ResourceSpec spec) {
        return spec.withRefsResolved(ref -> valueOf(spec.address(), ref));
    }

    private Object valueOf(ResourceAddress owner, Ref ref) {
        Object value;
        Observed observed = appliedThisRun.apply(ref.address());
        if (observed != null) {
            value = observed.attribute(ref.attribute());
        } else {
            ResourceState state = recorded.apply(ref.address());
            if (state == null) {
                throw new IllegalStateException(owner + " refers to " + ref
                        + ", but that resource was neither applied in this run nor recorded in the state");
            }
            value = switch (ref.attribute()) {
                case "id" -> state.physicalId();
                case "arn" -> state.arn();
                default -> state.attributes().get(ref.attribute());
            };
        }
        if (value == null) {
            throw new IllegalStateException(owner + " refers to " + ref + ", but " + ref.address()
                    + " has no value for '" + ref.attribute() + "'");
        }
        return value;
    }
}
