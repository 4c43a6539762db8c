package dev.scaffold.provider;

/**
 * What a handler needs to read a stack: which stack and environment to look for by tag, the
 * gate its AWS calls go through, and the reads it shares with the other handlers of the refresh.
 *
 * @param stack the blueprint's stack name, the value of the {@code scaffold:stack} tag
 * @param environment the environment, the value of the {@code scaffold:env} tag ({@code default} when none)
 * @param calls runs each AWS call of the read, so the caller can bound and count them
 * @param shared reads made once for all handlers; one refresh's, never kept across refreshes
 */
public record ReadContext(String stack, String environment, ApiCalls calls, SharedReads shared) {

    public static final String STACK_TAG = "scaffold:stack";
    public static final String ENV_TAG = "scaffold:env";
    public static final String ADDRESS_TAG = "scaffold:address";
    /** The {@code scaffold:env} value of a stack applied without an environment. */
    public static final String DEFAULT_ENVIRONMENT = "default";

    /** A context whose calls run directly, uncounted, and whose reads share nothing. */
    public ReadContext(String stack, String environment) {
        this(stack, environment, ApiCalls.DIRECT);
    }

    /** A context whose reads share nothing, so that one context can serve reads before and after a change. */
    public ReadContext(String stack, String environment, ApiCalls calls) {
        this(stack, environment, calls, SharedReads.none());
    }
}
