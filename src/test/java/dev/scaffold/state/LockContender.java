package dev.scaffold.state;

import dev.scaffold.ScaffoldException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A separate process that tries to take a state lock, for {@link LocalStateStoreTest}: prints
 * {@code won} and holds the lock until its stdin closes, or prints {@code locked}.
 */
public final class LockContender {

    private LockContender() {
    }

    public static void main(String[] args) throws IOException {
        LocalStateStore store = new LocalStateStore(Path.of(args[0]), "shop", null);
        try (StateLock lock = store.lock("apply")) {
            System.out.println("won " + lock.id());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Hold the lock until the test closes our stdin.
            }
        } catch (ScaffoldException e) {
            System.out.println(e.kind() == ScaffoldException.Kind.LOCKED ? "locked" : "failed " + e.getMessage());
        }
    }
}
