package dev.scaffold.provider;

import dev.scaffold.schema.StackTags;

/**
 * What a handler needs to read a stack: which stack and environment to look for by tag, the
 * gate its AWS calls go through, and the reads it shares with the other handlers of the refresh.
 *
 * @param stack the blueprint's stack name, the value of the {@code scaffold:stack} tag
 * @param environment the value of the {@code scaffold:env} tag ({@link StackTags#DEFAULT_ENVIRONMENT} when none)
 * @param calls runs each AWS call of the read, so the caller can bound and count them
 * @param shared reads made once for all handlers; one refresh's, never kept across refreshes
 */
public record ReadContext(String stack, String environment, ApiCalls calls, SharedReads shared) {

    /** A context whose calls run directly, uncounted, and whose reads share nothing. */
    public ReadContext(String stack, String environment) {
        this(stack, environment, ApiCalls.DIRECT);
    }

    /** A context whose reads share nothing, so that one context can serve reads before and after a change. */
    public ReadContext(String stack, String environment, ApiCalls calls) {
        this(stack, environment, calls, SharedReads.none());
    }

    /** Whether tags mark a resource of this stack and environment. */
    public boolean taggedWithStack(java.util.Map<String, String> tags) {
        return stack.equals(tags.get(StackTags.STACK)) && environment.equals(tags.get(StackTags.ENVIRONMENT));
    }
}
