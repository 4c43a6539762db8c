package dev.scaffold.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes files that only their owner may read (mode 0600 on POSIX), created with that mode so there
 * is no moment with wider permissions: state files, their backups, locks and saved plans.
 */
public final class OwnerOnlyFiles {

    private static final String TEMPORARY_SUFFIX = ".tmp";

    private OwnerOnlyFiles() {
    }

    /**
     * Replaces {@code target} with {@code content} atomically: a reader sees the old file or the new
     * one, never a mix, whatever happens to this process in between.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, temporaryPrefix(target), TEMPORARY_SUFFIX, fileMode(directory));
        try {
            writeAndSync(temp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            IOException failure = new IOException("the file system of " + directory + " cannot rename files atomically", e);
            deleteQuietly(temp, failure);
            throw failure;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
        syncDirectory(directory);
    }

    /**
     * Deletes the temporary files that {@link #writeAtomically} left beside any of {@code targets} when its
     * process was killed mid-write, reading each of their directories once; only someone who holds the lock on
     * {@code targets} may call this, as another writer's temporary file would otherwise vanish under it. A
     * directory that cannot be read does not stop the others; the first failure is thrown at the end.
     */
    static void removeLeftovers(Collection<Path> targets) throws IOException {
        Map<Path, Set<String>> prefixesByDirectory = new LinkedHashMap<>();
        for (Path target : targets) {
            prefixesByDirectory.computeIfAbsent(target.toAbsolutePath().getParent(), directory -> new HashSet<>())
                    .add(temporaryPrefix(target));
        }
        IOException failure = null;
        for (Map.Entry<Path, Set<String>> entry : prefixesByDirectory.entrySet()) {
            try {
                removeLeftovers(entry.getKey(), entry.getValue());
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void removeLeftovers(Path directory, Set<String> prefixes) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, path -> {
            String name = path.getFileName().toString();
            return name.endsWith(TEMPORARY_SUFFIX) && prefixes.stream().anyMatch(name::startsWith);
        })) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    // A temporary file that cannot be deleted must not hide why the write failed; the next lock removes it.
    private static void deleteQuietly(Path temp, Exception failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    // The closing dot keeps files of other names apart: ".shop.state.json." never starts ".shop.prod.state.json.…".
    private static String temporaryPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    private static void writeAndSync(Path path, byte[] content, StandardOpenOption... options) throws IOException {
        try (FileChannel channel = FileChannel.open(path, options)) {
            write(channel, content);
        }
    }

    private static void write(FileChannel channel, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(true);
    }

    /** Makes the rename itself durable; best effort, as not every platform can open a directory. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The rename is still atomic; only its durability across a power cut is weaker.
        }
    }

    /** The attribute that creates a file readable by its owner only, where the file system has modes. */
    static FileAttribute<?>[] fileMode(Path directory) {
        return isPosix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
