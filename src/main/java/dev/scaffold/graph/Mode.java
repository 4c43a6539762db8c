package dev.scaffold.graph;

/** Whether scaffold owns a resource or only reads one that exists already (the default VPC, say). */
public enum Mode {
    /** Created, updated and deleted by scaffold. */
    MANAGED,
    /** Looked up at plan time and never changed, like a Terraform data source. */
    DATA
}
