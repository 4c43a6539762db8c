package dev.scaffold.state;

import dev.scaffold.ScaffoldException;
import dev.scaffold.testing.JavaCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A separate process that tries to take a state lock, for {@link LocalStateStoreTest}: prints
 * {@code won ID} and holds the lock until its stdin closes (or it is killed), or prints {@code locked}.
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

    /** Starts a contender for the stack {@code shop}, without environment, under {@code base}. */
    static Process start(Path base) throws IOException {
        return new ProcessBuilder(JavaCommand.of(LockContender.class, List.of(), base.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** The first line the contender prints: {@code won ID}, {@code locked} or {@code failed …}. */
    static String outcome(Process process) throws IOException {
        return new java.io.BufferedReader(new java.io.InputStreamReader(
                process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)).readLine();
    }
}
