package dev.scaffold.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
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
     * Deletes the temporary files that {@link #writeAtomically} left beside {@code target} when its
     * process was killed mid-write; only someone who holds the lock on {@code target} may call this, as
     * another writer's temporary file would otherwise vanish under it.
     *
     * @return how many were deleted
     */
    static int removeLeftovers(Path target) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        String prefix = temporaryPrefix(target);
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, path -> {
            String name = path.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(TEMPORARY_SUFFIX);
        })) {
            for (Path leftover : leftovers) {
                if (Files.deleteIfExists(leftover)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Creates {@code target} with {@code content}, failing with {@link FileAlreadyExistsException} when
     * it exists; the existence check and the creation are one step of the file system.
     */
    public static void createNew(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        try (FileChannel channel = FileChannel.open(target,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileMode(directory))) {
            write(channel, content);
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
