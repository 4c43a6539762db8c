package dev.scaffold.engine;

import dev.scaffold.apply.ExecutionRequest;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.Executor;
import dev.scaffold.graph.Ref;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Carries out a plan with the executor, then records the stack's outputs in the state. */
public final class Applier {

    private final Executor executor = new Executor();

    /**
     * Applies {@code request.plan()} and, when anything changed, writes the outputs the stack
     * declares, resolved from the resulting state.
     */
    public ExecutionResult apply(Stack stack, ExecutionRequest request) {
        ExecutionResult result = executor.execute(withAdopted(request));
        State state = result.state();
        Map<String, Object> outputs = request.plan().mode() == PlanMode.DESTROY
                ? Map.of() : outputs(stack.outputs(), state);
        if (result.outcomes().isEmpty() && outputs.equals(state.outputs())) {
            return result;
        }
        State written = request.stateStore().write(state.withOutputs(outputs));
        return new ExecutionResult(result.outcomes(), written, result.interrupted(), result.elapsed());
    }

    /**
     * Records first the resources the plan adopts as they are: found in AWS by their tags but missing
     * from the state (a crashed run's), they need no change, so the executor would not record them.
     */
    private static ExecutionRequest withAdopted(ExecutionRequest request) {
        List<ResourceState> adopted = request.plan().changes().stream()
                .filter(change -> change.adopted() && change.action() == Action.NO_OP && change.prior() != null)
                .map(ResourceChange::prior)
                .toList();
        if (adopted.isEmpty()) {
            return request;
        }
        State state = request.priorState();
        for (ResourceState resource : adopted) {
            state = state.with(resource);
        }
        State written = request.stateStore().write(state);
        return request.withPriorState(written);
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
