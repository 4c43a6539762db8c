package dev.scaffold.schema;

/**
 * The tags that mark a resource as scaffold's: which stack and environment it belongs to, where in
 * the blueprint it lives, and which state (lineage) made it. Only a resource whose stack,
 * environment and lineage tags all match a state is ever adopted, changed or deleted by a run on it.
 */
public final class StackTags {

    /** The stack name, the blueprint's {@code blueprint:}. */
    public static final String STACK = "scaffold:stack";
    /** The environment, or {@link #DEFAULT_ENVIRONMENT}. */
    public static final String ENVIRONMENT = "scaffold:env";
    /** The resource's address, e.g. {@code loadBalancers.web.alb}. */
    public static final String ADDRESS = "scaffold:address";
    /** The lineage of the state that created the resource. */
    public static final String LINEAGE = "scaffold:lineage";
    /** The {@code scaffold:env} value of a stack applied without an environment. */
    public static final String DEFAULT_ENVIRONMENT = "default";

    private StackTags() {
    }

    /** The {@code scaffold:env} value of an environment, {@code null} meaning none. */
    public static String environment(String environment) {
        return environment == null ? DEFAULT_ENVIRONMENT : environment;
    }
}
