package dev.scaffold.state;

import java.util.Optional;

/** A held lock on a stack's state; closing it releases the lock. */
public interface StateLock extends AutoCloseable {

    /** The lock's id, which {@code scaffold force-unlock ID} takes. */
    String id();

    /**
     * The run whose lock this one took over: it died holding the lock, so the lock was free, but its
     * lock still named it. Empty when the lock was free and named no one. A command prints it as a note.
     */
    default Optional<LockInfo> tookOverFrom() {
        return Optional.empty();
    }

    @Override
    void close();
}
