package dev.scaffold.state;

import dev.scaffold.ScaffoldException;
import java.util.Optional;

/**
 * Where a stack's state lives: reads it, writes it after every action, and locks it for one run.
 */
public interface StateStore {

    /**
     * The stored state, or empty when the stack has never been applied. A state that is not this
     * stack's and environment's, or not well-formed, is refused with a {@code ScaffoldException} and
     * left as it is.
     */
    Optional<State> read();

    /**
     * The stored state for a run that will write it: as {@link #read}, and refused as well, with a
     * {@code ScaffoldException}, when no write could follow it because its serial is the largest there
     * is. A run reads it so before its first AWS call, so that it stops before it changes anything
     * rather than once a change it cannot record has been made.
     */
    default Optional<State> readForWriting() {
        Optional<State> stored = read();
        stored.ifPresent(state -> requireSerialCanGrow(state, location()));
        return stored;
    }

    /**
     * Refuses a state whose serial is the largest there is: no write after it could be numbered.
     *
     * @param location where the state is, for the message
     * @throws ScaffoldException saying so and what to do
     */
    static void requireSerialCanGrow(State state, String location) {
        if (state.serial() == Long.MAX_VALUE) {
            throw ScaffoldException.failure("cannot write the state " + location + ": its serial is " + Long.MAX_VALUE
                    + ", the largest there is, so the next write cannot be numbered; the file was left untouched and"
                    + " nothing was changed. It was most likely edited by hand: set its serial to a smaller number");
        }
    }

    /**
     * Writes the whole state with its serial one past the stored one, atomically; returns what was
     * written. The first write of a run keeps the state as it was before the run as a backup.
     * Refused, with a {@code ScaffoldException}, unless this store's {@link #lock} is still held, or
     * when the stored state is refused by {@link #read} or belongs to another lineage.
     */
    State write(State state);

    /**
     * Saves a state that {@link #write} could not take somewhere the user can restore it from, with
     * its serial one past the given one; used only after writes kept failing, and never refused for
     * want of the lock, since it never replaces the state.
     *
     * @return where it is and the command that restores it
     */
    ErroredState writeErrored(State state);

    /**
     * Takes the lock for one run, or throws a {@code ScaffoldException} of kind {@code LOCKED} naming
     * the holder, host, pid and since when. A lock whose run is gone is taken over; the returned
     * lock's {@link StateLock#tookOverFrom()} names that run.
     *
     * @param operation what the run does, e.g. {@code apply}, recorded in the lock
     */
    StateLock lock(String operation);

    /**
     * Removes a lock left by a run that is gone ({@code scaffold force-unlock ID}); the id must be the
     * lock's, so a user cannot remove a lock they have not looked at. A lock a running process holds
     * is refused with kind {@code LOCKED}.
     */
    void forceUnlock(String id);

    /**
     * Whom the lock names as its holder: a run holding it, or one that died holding it; empty when it
     * names no one.
     */
    Optional<LockInfo> lockHolder();

    /** Where the state lives, for messages, e.g. {@code .scaffold/shop.prod.state.json}. */
    String location();
}
