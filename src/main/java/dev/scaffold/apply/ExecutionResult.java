package dev.scaffold.apply;

import dev.scaffold.state.State;
import java.time.Duration;
import java.util.List;

/**
 * What an apply did: one outcome per planned change, in plan order, and the state as last written.
 *
 * @param outcomes one per change the plan asked for (no-ops excluded)
 * @param state the state after the last write (the prior state when nothing was written)
 * @param interrupted whether the run stopped early because it was cancelled
 * @param elapsed how long the run took
 * @param stateFailure why the state could not be written before the first change (a new stack's
 *     state, adopted records) or after the last (its outputs), or {@code null}; a failed write after
 *     a change is that change's failure
 */
public record ExecutionResult(List<ResourceOutcome> outcomes, State state, boolean interrupted, Duration elapsed,
                              ChangeFailure stateFailure) {

    public ExecutionResult {
        outcomes = List.copyOf(outcomes);
    }

    /** The changes that failed. */
    public List<ResourceOutcome> failures() {
        return outcomes.stream().filter(o -> o.status() == ResourceOutcome.Status.FAILED).toList();
    }

    /** How many changes ended with a status. */
    public long count(ResourceOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** Whether every change was made and recorded. */
    public boolean succeeded() {
        return !interrupted && stateFailure == null && count(ResourceOutcome.Status.DONE) == outcomes.size();
    }
}
