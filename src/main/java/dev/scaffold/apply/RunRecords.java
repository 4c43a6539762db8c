package dev.scaffold.apply;

import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.plan.Step;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The state writes of one apply: what it records before the first change and after the last, and
 * each change in between, through one {@link StateRecorder}. A write that fails makes the state
 * unwritable for the rest of the run, which then starts nothing new: going on would make changes
 * nobody records.
 */
final class RunRecords implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(RunRecords.class);

    private final ExecutionRequest request;
    private final StateRecorder recorder;
    private volatile boolean unwritable;

    RunRecords(ExecutionRequest request) {
        this.request = request;
        this.recorder = new StateRecorder(request.stateStore(), request.priorState(), request.scheduler());
    }

    /**
     * Records, before any change, what the plan only records: the state itself when the stack has
     * none (with the plan's lineage, region and account), and resources it adopts or whose
     * dependencies it completes. A failure here stops the run before it changes anything.
     */
    CompletableFuture<ChangeFailure> first() {
        Plan plan = request.plan();
        List<ResourceChange> records = plan.changes().stream().filter(ResourceChange::recordsOnly).toList();
        State prior = request.priorState();
        boolean locationUnknown = prior.region() == null || prior.accountId() == null;
        if (!plan.newState() && records.isEmpty() && !locationUnknown) {
            return CompletableFuture.completedFuture(null);
        }
        return record(null, state -> {
            State next = state.region() == null || state.accountId() == null
                    ? state.withLocation(plan.region(), plan.accountId()) : state;
            for (ResourceChange change : records) {
                ResourceState known = change.prior();
                next = next.with(new ResourceState(known.address(), known.type(), known.physicalId(), known.arn(),
                        known.attributes(), change.dependencies(), known.status()));
            }
            return next;
        });
    }

    /** Records the stack's outputs, resolved from the state after the last change, when they changed. */
    CompletableFuture<ChangeFailure> last() {
        boolean destroy = request.plan().mode() == PlanMode.DESTROY;
        State now = recorder.current();
        Map<String, Object> outputs = destroy ? Map.of() : Outputs.resolve(request.outputs(), now);
        if (unwritable || outputs.equals(now.outputs())) {
            return CompletableFuture.completedFuture(null);
        }
        return record(null, state -> state.withOutputs(
                destroy ? Map.of() : Outputs.resolve(request.outputs(), state)));
    }

    /**
     * Writes the state; completes with null, or with why the write failed, after which the state is
     * {@linkplain #unwritable() unwritable}.
     *
     * @param step the step whose change this is, or null for the records before the first change and after the last
     */
    CompletableFuture<ChangeFailure> record(Step step, UnaryOperator<State> change) {
        return recorder.record(change).handle((written, error) -> {
            if (error == null) {
                return null;
            }
            unwritable = true;
            Throwable cause = ChangeFailure.unwrap(error);
            LOG.debug("writing the state after {} failed", step == null ? "the run" : step, cause);
            return new ChangeFailure(step == null ? null : step.address(), "write state", null,
                    "could not record the change in " + request.stateStore().location() + ": " + cause.getMessage(), cause);
        });
    }

    /** Whether a write has failed, so that the run must start nothing new. */
    boolean unwritable() {
        return unwritable;
    }

    /** The latest state of the run, every change recorded so far applied, written or not. */
    State current() {
        return recorder.current();
    }

    @Override
    public void close() {
        recorder.close();
    }
}
