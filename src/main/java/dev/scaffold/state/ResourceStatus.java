package dev.scaffold.state;

/** Whether a recorded resource is sound, still being created, or must be replaced on the next apply. */
public enum ResourceStatus {
    /** Created or updated successfully. */
    OK,
    /** AWS returned its id but the create has not finished (a wait or a later call of it did not end); the next apply finishes it. */
    CREATING,
    /** AWS reported that it failed to come about: it may exist, and the next apply replaces it. */
    TAINTED
}
