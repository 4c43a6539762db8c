package dev.scaffold.state;

/** Whether a recorded resource is sound, still being created, or must be replaced on the next apply. */
public enum ResourceStatus {
    /** AWS returned its physical id, but its create had not finished when the state was written. */
    CREATING,
    /** Created or updated successfully. */
    OK,
    /** Its create failed part way: it may exist, and the next apply replaces it. */
    TAINTED
}
