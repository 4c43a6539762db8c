package dev.scaffold.state;

/** A held lock on a stack's state; closing it releases the lock. */
public interface StateLock extends AutoCloseable {

    /** The lock's id, which {@code scaffold force-unlock ID} takes. */
    String id();

    @Override
    void close();
}
