package dev.scaffold.state;

/** Whether a recorded resource is sound or must be replaced on the next apply. */
public enum ResourceStatus {
    /** Created or updated successfully. */
    OK,
    /** Its create failed part way: it may exist, and the next apply replaces it. */
    TAINTED
}
