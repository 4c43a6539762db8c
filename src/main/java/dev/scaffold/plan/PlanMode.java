package dev.scaffold.plan;

/** Whether a plan brings AWS in line with the blueprint or removes everything the state holds. */
public enum PlanMode {
    NORMAL,
    DESTROY
}
