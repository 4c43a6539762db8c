package dev.scaffold.state;

import java.util.Optional;

/**
 * Where a stack's state lives: reads it, writes it after every action, and locks it for one run.
 */
public interface StateStore {

    /** The stored state, or empty when the stack has never been applied. */
    Optional<State> read();

    /**
     * Writes the state with its serial one past the stored one, atomically, keeping the previous
     * version as a backup; returns what was written.
     */
    State write(State state);

    /**
     * Takes the lock for one run, or throws a {@code ScaffoldException} of kind {@code LOCKED}
     * naming the holder, host, pid and since when.
     *
     * @param operation what the run does, e.g. {@code apply}, recorded in the lock
     */
    StateLock lock(String operation);

    /**
     * Removes a lock left by a run that is gone ({@code scaffold force-unlock ID}); the id must be the
     * lock's, so a user cannot remove a lock they have not looked at.
     */
    void forceUnlock(String id);

    /** Who holds the lock, or empty when the state is not locked. */
    Optional<LockInfo> lockHolder();

    /** Where the state lives, for messages, e.g. {@code .scaffold/shop.prod.state.json}. */
    String location();
}
