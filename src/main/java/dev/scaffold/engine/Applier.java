package dev.scaffold.engine;

import dev.scaffold.ScaffoldException;
import dev.scaffold.apply.ExecutionRequest;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.Executor;
import dev.scaffold.graph.Ref;
import dev.scaffold.plan.ForeignResource;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Carries out a plan with the executor: creates the state before the first change when there is
 * none, records what the plan adopts, runs the changes, then records the stack's outputs.
 */
public final class Applier {

    private final Executor executor = new Executor();

    /**
     * The state a plan starts from: the stored one, or, for a stack that has none, a new one with the
     * plan's lineage (the lineage its resources are tagged with).
     *
     * @param stored the stored state, or {@code null}
     */
    public static State startingState(Plan plan, State stored) {
        return stored != null ? stored
                : new State(State.FORMAT_VERSION, plan.stack(), plan.environment(), plan.lineage(), 0, Map.of(), Map.of());
    }

    /**
     * Applies {@code request.plan()} and, when anything changed, writes the outputs the stack
     * declares, resolved from the resulting state.
     *
     * @throws ScaffoldException before any change when the plan would create a resource at an address
     *     a resource of another state holds (their AWS names would clash)
     */
    public ExecutionResult apply(Stack stack, ExecutionRequest request) {
        refuseClashes(request.plan());
        ExecutionRequest started = withRecords(request);
        ExecutionResult result = executor.execute(started);
        State state = result.state();
        Map<String, Object> outputs = request.plan().mode() == PlanMode.DESTROY
                ? Map.of() : outputs(stack.outputs(), state);
        if (result.outcomes().isEmpty() && outputs.equals(state.outputs())) {
            return result;
        }
        State written = request.stateStore().write(state.withOutputs(outputs));
        return new ExecutionResult(result.outcomes(), written, result.interrupted(), result.elapsed());
    }

    private static void refuseClashes(Plan plan) {
        Set<ForeignResource> clashes = plan.clashes();
        if (clashes.isEmpty()) {
            return;
        }
        String list = clashes.stream().map(f -> f.address() + " (" + f.physicalId() + ", lineage "
                + (f.lineage() == null ? "none" : f.lineage()) + ")").collect(Collectors.joining(", "));
        throw ScaffoldException.failure("refusing to apply: AWS already has resources of stack " + plan.stack()
                + " that another state owns at the addresses this plan creates, so their names would clash: " + list
                + "; this state (lineage " + plan.lineage() + ") never touches them. If they are yours, take them over"
                + " with scaffold import once it exists, or delete them; otherwise give this blueprint another name");
    }

    /**
     * Writes, before any change, the state itself when the stack has none (with the plan's lineage),
     * and the records the plan only writes: resources it adopts as they are, and records whose
     * dependencies it completes.
     */
    private static ExecutionRequest withRecords(ExecutionRequest request) {
        List<ResourceState> records = request.plan().changes().stream()
                .filter(ResourceChange::recordsOnly)
                .map(change -> withDependencies(change.prior(), change))
                .toList();
        boolean newState = request.priorState().serial() == 0;
        if (records.isEmpty() && !newState) {
            return request;
        }
        State state = request.priorState();
        for (ResourceState record : records) {
            state = state.with(record);
        }
        State written = request.stateStore().write(state);
        return request.withPriorState(written);
    }

    private static ResourceState withDependencies(ResourceState record, ResourceChange change) {
        return new ResourceState(record.address(), record.type(), record.physicalId(), record.arn(),
                record.attributes(), change.dependencies(), record.status());
    }

    /** Each output whose resource exists, by name; those not applied yet are left out. */
    static Map<String, Object> outputs(Map<String, Ref> declared, State state) {
        Map<String, Object> values = new LinkedHashMap<>();
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
