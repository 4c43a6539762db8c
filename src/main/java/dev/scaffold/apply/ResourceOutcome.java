package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Action;
import java.time.Duration;

/**
 * What became of one planned change.
 *
 * @param address the resource
 * @param action what the plan asked for
 * @param status what happened
 * @param failure why it failed, when {@code status} is {@code FAILED}; otherwise {@code null}
 * @param failedDependency the failed change that kept it from running, when {@code status} is
 *     {@code SKIPPED}; otherwise {@code null}
 * @param elapsed how long it ran ({@link Duration#ZERO} when it did not)
 */
public record ResourceOutcome(
        ResourceAddress address,
        Action action,
        Status status,
        ChangeFailure failure,
        ResourceAddress failedDependency,
        Duration elapsed) {

    /** What happened to a change. */
    public enum Status {
        /** Made and recorded. */
        DONE,
        /** Tried and failed. */
        FAILED,
        /**
         * Started, then stopped by an interrupt while it waited for AWS; what AWS had made is
         * recorded (as still being created), and the next apply finishes it.
         */
        INTERRUPTED,
        /** Not run because a change it depends on failed. */
        SKIPPED,
        /** Not run because the run was interrupted (or could no longer write the state). */
        NOT_STARTED
    }

    /** The outcome on one line, e.g. {@code databases.main.replica[0]: not run because databases.main.primary failed}. */
    public String describe() {
        return switch (status) {
            case DONE -> address + ": " + action.name().toLowerCase(java.util.Locale.ROOT) + " complete";
            case FAILED -> failure.describe();
            case SKIPPED -> address + ": not run because " + failedDependency + " failed";
            case INTERRUPTED -> address + ": interrupted while waiting for AWS; the next apply finishes it";
            case NOT_STARTED -> address + ": not started, the run was interrupted";
        };
    }
}
