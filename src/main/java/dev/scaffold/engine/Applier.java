package dev.scaffold.engine;

import dev.scaffold.apply.ExecutionRequest;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.Executor;
import dev.scaffold.graph.Ref;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.util.LinkedHashMap;
import java.util.Map;

/** Carries out a plan with the executor, then records the stack's outputs in the state. */
public final class Applier {

    private final Executor executor = new Executor();

    /**
     * Applies {@code request.plan()} and, when anything changed, writes the outputs the stack
     * declares, resolved from the resulting state.
     */
    public ExecutionResult apply(Stack stack, ExecutionRequest request) {
        ExecutionResult result = executor.execute(request);
        State state = result.state();
        Map<String, Object> outputs = request.plan().mode() == PlanMode.DESTROY
                ? Map.of() : outputs(stack.outputs(), state);
        if (result.outcomes().isEmpty() && outputs.equals(state.outputs())) {
            return result;
        }
        State written = request.stateStore().write(state.withOutputs(outputs));
        return new ExecutionResult(result.outcomes(), written, result.interrupted(), result.elapsed());
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
