package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Action;
import java.time.Duration;

/**
 * Hears what an apply is doing, resource by resource, so the command line can show progress.
 *
 * <p>The action is that of the step being run: a replace shows as a {@link Action#DELETE} of the
 * old resource and then a {@link Action#CREATE} of the new one. Events arrive on the executor's
 * threads, concurrently; implementations must be thread-safe and quick.
 */
public interface ProgressListener {

    /** Hears nothing. */
    ProgressListener NONE = new ProgressListener() { };

    /** A change began: its first AWS call is about to be made. */
    default void started(ResourceAddress address, Action action) {
    }

    /** A change has been made and recorded in the state. */
    default void finished(ResourceAddress address, Action action, Duration elapsed) {
    }

    /** A change failed; what the state holds for it has been written. */
    default void failed(ResourceAddress address, Action action, Duration elapsed, ChangeFailure failure) {
    }

    /** A change stopped waiting for AWS because the run was interrupted; what AWS made is recorded. */
    default void interrupted(ResourceAddress address, Action action, Duration elapsed) {
    }

    /** A change is still in progress, e.g. waiting for a database to become available; repeats. */
    default void stillRunning(ResourceAddress address, Action action, Duration elapsed) {
    }

    /** A handler has something to tell the user about a change in progress (see {@code ApplyContext#tell}). */
    default void told(ResourceAddress address, String message) {
    }

    /** A change was not run because a change it depends on failed. */
    default void skipped(ResourceAddress address, Action action, ResourceAddress failedDependency) {
    }
}
