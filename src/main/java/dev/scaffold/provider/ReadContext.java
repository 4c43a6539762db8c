package dev.scaffold.provider;

import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.StackTags;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler needs to read a stack: which stack and environment to look for by tag, the
 * gate its AWS calls go through, the reads it shares with the other handlers of the refresh, and
 * what the reads before it found.
 *
 * @param stack the blueprint's stack name, the value of the {@code scaffold:stack} tag
 * @param environment the value of the {@code scaffold:env} tag ({@link StackTags#DEFAULT_ENVIRONMENT} when none)
 * @param calls runs each AWS call of the read, so the caller can bound and count them
 * @param shared reads made once for all handlers; one refresh's, never kept across refreshes
 * @param earlier what the reads of the types this one reads after found
 */
public record ReadContext(String stack, String environment, ApiCalls calls, SharedReads shared,
                          EarlierReads earlier) {

    /** A context whose calls run directly, uncounted, and whose reads share nothing. */
    public ReadContext(String stack, String environment) {
        this(stack, environment, ApiCalls.DIRECT);
    }

    /** A context whose reads share nothing, so that one context can serve reads before and after a change. */
    public ReadContext(String stack, String environment, ApiCalls calls) {
        this(stack, environment, calls, SharedReads.none(), EarlierReads.NONE);
    }

    /** Whether tags mark a resource of this stack and environment. */
    public boolean taggedWithStack(Map<String, String> tags) {
        return stack.equals(tags.get(StackTags.STACK)) && environment.equals(tags.get(StackTags.ENVIRONMENT));
    }

    /**
     * The named attributes of a spec, their refs resolved from what earlier reads found; empty while any
     * of those refs is not found.
     */
    public Optional<ResourceSpec> resolve(ResourceSpec spec, Collection<String> attributes) {
        Map<String, Object> named = new LinkedHashMap<>();
        attributes.forEach(name -> named.put(name, spec.attributes().get(name)));
        ResourceSpec part = spec.withAttributes(named);
        for (Ref ref : part.refs()) {
            if (valueOf(ref).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(part.withRefsResolved(ref -> valueOf(ref).orElseThrow()));
    }

    private Optional<Object> valueOf(Ref ref) {
        return earlier.at(ref.address()).map(found -> found.attribute(ref.attribute()));
    }
}
