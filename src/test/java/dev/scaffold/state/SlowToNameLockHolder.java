package dev.scaffold.state;

import dev.scaffold.testing.JavaCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A separate process that holds a lock file as a run does in the moment between taking the kernel's
 * lock and writing its name: prints {@code locked} once it holds the lock with the file still empty,
 * writes its name (the JSON given as second argument) when a line arrives on stdin, prints
 * {@code named}, and holds the lock until stdin closes.
 */
public final class SlowToNameLockHolder {

    private SlowToNameLockHolder() {
    }

    public static void main(String[] args) throws IOException {
        Path lockFile = Path.of(args[0]);
        Files.createDirectories(lockFile.getParent());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            channel.truncate(0);
            System.out.println("locked");
            System.out.flush();
            in.readLine();
            channel.write(ByteBuffer.wrap(args[1].getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            System.out.println("named");
            System.out.flush();
            while (in.readLine() != null) {
                // Hold the lock until the test closes our stdin.
            }
        }
    }

    /** Starts a holder of {@code lockFile} that will name {@code holder}. */
    static Process start(Path lockFile, LockInfo holder) throws IOException {
        return new ProcessBuilder(JavaCommand.of(SlowToNameLockHolder.class, List.of(), lockFile.toString(),
                new String(holder.toJson(), StandardCharsets.UTF_8)))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
