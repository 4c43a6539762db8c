package dev.scaffold.provider;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.state.Observed;
import java.util.Optional;

/**
 * What the reads of one refresh that ran before this one found and found to be this state's: how a
 * handler resolves the refs of a desired spec (a child's parent, a group's VPC) to find its resources
 * by their deterministic names. A type's read runs after the reads of the types it declares it
 * {@linkplain dev.scaffold.schema.ResourceType#readsAfter() reads after}.
 */
@FunctionalInterface
public interface EarlierReads {

    /** Nothing read earlier: every ref is unresolved. */
    EarlierReads NONE = address -> Optional.empty();

    /** The resource at {@code address}, if an earlier read found it and it is this state's or a lookup. */
    Optional<Observed> at(ResourceAddress address);
}
