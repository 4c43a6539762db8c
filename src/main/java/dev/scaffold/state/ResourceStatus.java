package dev.scaffold.state;

/** Whether a recorded resource is sound, still being created, or must be replaced on the next apply. */
public enum ResourceStatus {
    /** Created or updated successfully. */
    OK,
    /**
     * AWS returned its id, but its create had not finished when the state was written (a wait or a
     * later call of it failed, or the run was interrupted); the next apply finishes it in place.
     */
    CREATING,
    /** AWS reported that it failed to come about: it may exist, and the next apply replaces it. */
    TAINTED
}
