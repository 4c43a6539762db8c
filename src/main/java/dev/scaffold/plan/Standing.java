package dev.scaffold.plan;

/**
 * How the state and AWS stood on a resource when the plan was made: what a plan tells the user
 * besides the action, e.g. that a resource is created because it was deleted outside scaffold.
 */
public enum Standing {
    /** Neither the state nor AWS has it yet. */
    NEW,
    /** The state records it and AWS has it. */
    RECORDED,
    /**
     * AWS has it, tagged with this stack, environment and lineage, but the state does not record it
     * (a run stopped between creating it and writing the state): it is taken over, never created twice.
     */
    ADOPTED,
    /** The state records it, but AWS no longer has the recorded id: it was deleted outside scaffold. */
    VANISHED,
    /** The state records it as still being created (a run stopped or failed while waiting for it). */
    UNFINISHED;

    /** The name in JSON documents, e.g. {@code vanished}. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The standing a {@link #jsonName()} names. */
    public static Standing fromJsonName(String name) {
        for (Standing standing : values()) {
            if (standing.jsonName().equals(name)) {
                return standing;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a standing");
    }
}
