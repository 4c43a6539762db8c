package dev.scaffold.engine;

import dev.scaffold.ScaffoldException;
import dev.scaffold.apply.ExecutionRequest;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.Executor;
import dev.scaffold.plan.ForeignResource;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.SensitiveValues;
import dev.scaffold.state.State;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Carries out a plan with the executor, once it is sure the plan touches nothing another state owns. */
public final class Applier {

    private final Executor executor = new Executor();

    /**
     * The state a plan starts from: the stored one, its unsalted digests of an older scaffold replaced
     * where the plan shows their values (so the first write holds none), or, for a stack that has none,
     * a new one with the plan's lineage (the lineage its resources are tagged with).
     *
     * @param stored the stored state, or {@code null}
     */
    public static State startingState(Plan plan, State stored) {
        return stored != null ? SensitiveValues.salted(stored.lineage()).upgraded(stored, plan)
                : new State(State.FORMAT_VERSION, plan.stack(), plan.environment(), plan.region(), plan.accountId(),
                        plan.lineage(), 0, Map.of(), Map.of());
    }

    /**
     * Applies {@code request.plan()}: the executor records the state before the first change when
     * the stack has none, and the stack's outputs after the last.
     *
     * @throws ScaffoldException before any change when the plan would create a resource at an address
     *     a resource of another state holds (their AWS names would clash)
     */
    public ExecutionResult apply(Stack stack, ExecutionRequest request) {
        refuseClashes(request.plan());
        return executor.execute(request.withOutputs(stack.outputs()));
    }

    /**
     * Refuses a plan that would create a resource at an address a resource of another state holds;
     * the command line calls it before asking for confirmation, {@link #apply} again before any change.
     */
    public static void refuseClashes(Plan plan) {
        Set<ForeignResource> clashes = plan.clashes();
        if (clashes.isEmpty()) {
            return;
        }
        String list = clashes.stream().map(f -> f.address() + " (" + f.physicalId() + ", " + f.owner(plan.stack()) + ")")
                .collect(Collectors.joining(", "));
        throw ScaffoldException.failure("refusing to apply: AWS already has resources that another state owns where"
                + " this plan creates resources of stack " + plan.stack() + ", so their names would clash: " + list
                + "; this state (lineage " + plan.lineage() + ") never touches them. If they are yours, take them over"
                + " with scaffold import once it exists, or delete them; otherwise rename the tier or give this"
                + " blueprint another name");
    }
}
