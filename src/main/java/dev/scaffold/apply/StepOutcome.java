package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Step;
import java.time.Duration;

/** What became of one step; the executor folds the steps of a change into a {@link ResourceOutcome}. */
record StepOutcome(Step step, ResourceOutcome.Status status, ChangeFailure failure,
                   ResourceAddress failedDependency, Duration elapsed) {

    static StepOutcome done(Step step, Duration elapsed) {
        return new StepOutcome(step, ResourceOutcome.Status.DONE, null, null, elapsed);
    }

    static StepOutcome failed(Step step, ChangeFailure failure, Duration elapsed) {
        return new StepOutcome(step, ResourceOutcome.Status.FAILED, failure, null, elapsed);
    }

    static StepOutcome skipped(Step step, ResourceAddress failedDependency) {
        return new StepOutcome(step, ResourceOutcome.Status.SKIPPED, null, failedDependency, Duration.ZERO);
    }

    static StepOutcome interrupted(Step step, Duration elapsed) {
        return new StepOutcome(step, ResourceOutcome.Status.INTERRUPTED, null, null, elapsed);
    }

    static StepOutcome notStarted(Step step) {
        return new StepOutcome(step, ResourceOutcome.Status.NOT_STARTED, null, null, Duration.ZERO);
    }

    boolean isDone() {
        return status == ResourceOutcome.Status.DONE;
    }
}
