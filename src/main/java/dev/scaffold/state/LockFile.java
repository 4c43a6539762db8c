package dev.scaffold.state;

import dev.scaffold.ScaffoldException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The {@code .lock} file beside a local state: held with an OS file lock for the whole of a run, and
 * naming its holder inside, for messages.
 *
 * <p>The kernel holds the lock, so it ends with the process, however that ends. A killed run leaves
 * the file still naming it; the next run finds the lock free, takes it over and can say whose it was.
 *
 * <p>The file is never deleted, only cleared on release. Were it deleted, a run that had opened it
 * just before could lock the unlinked file while a third run created and locked a new one, and both
 * would think they held the lock. A file that always exists means every run locks the same one. A
 * write still checks that the path names the file this run locked, in case someone deletes it by hand.
 *
 * <p>The lock is a POSIX record lock, which belongs to the process, not to a channel: closing <em>any</em>
 * descriptor of the file releases it, even one opened only to read the holder's name, and the JVM's
 * {@link FileLock} still claims to be valid afterwards. So this process opens a lock file it may hold
 * only through {@link Slot}, one per file, which knows whether it holds the lock and serialises every
 * open, lock, read and release of that file within the process.
 */
final class LockFile {

    /** The lock files of this process, by real path: the kernel's lock is per process, so this record is too. */
    private static final ConcurrentMap<Path, Slot> SLOTS = new ConcurrentHashMap<>();

    /** Far more than a holder's JSON; anything longer is not a lock scaffold wrote. */
    private static final int MAX_SIZE = 64 * 1024;

    /** How long a run that lost the lock waits for the winner to write its name: far longer than that takes. */
    private static final Duration NAME_WAIT = Duration.ofSeconds(1);
    private static final Duration NAME_POLL = Duration.ofMillis(25);

    private final Path path;
    private final String stateLocation;
    private final LongConsumer pause;

    /**
     * @param path the lock file
     * @param stateLocation the state it locks, for messages
     */
    LockFile(Path path, String stateLocation) {
        this(path, stateLocation, LockSupport::parkNanos);
    }

    /** As {@link #LockFile(Path, String)}, pausing with {@code pause} (nanoseconds) before reading a holder's name again. */
    LockFile(Path path, String stateLocation, LongConsumer pause) {
        this.path = path;
        this.stateLocation = stateLocation;
        this.pause = pause;
    }

    Path path() {
        return path;
    }

    /** Takes the lock for {@code holder}, or throws a {@code LOCKED} failure naming the run that has it. */
    Held acquire(LockInfo holder) {
        Slot slot = slot(true);
        synchronized (slot) {
            if (slot.held != null) {
                throw lockedBy(slot.held.holder());
            }
            FileChannel channel = open(StandardOpenOption.CREATE);
            boolean handedOver = false;
            try {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    throw lockedBy(holderNamedIn(channel));
                }
                LockInfo dead = LockInfo.parse(read(channel)).orElse(null);
                write(channel, holder.toJson());
                slot.held = new Held(slot, holder, channel, lock, fileKey(), dead);
                handedOver = true;
                return slot.held;
            } catch (IOException e) {
                throw failure("cannot lock the state " + stateLocation + ": cannot write its lock file " + path, e);
            } finally {
                if (!handedOver) {
                    closeQuietly(channel);
                }
            }
        }
    }

    /**
     * Whom the lock file names: the run holding the lock, or one that died holding it (which the next
     * run takes over); empty when it names no one.
     */
    Optional<LockInfo> named() {
        Slot slot = slot(false);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            if (slot.held != null) {
                return Optional.of(slot.held.holder());
            }
            try {
                // No run of this process holds it, so opening and closing it releases nothing.
                return LockInfo.parse(Files.readAllBytes(path));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw failure("cannot read the lock file " + path, e);
            }
        }
    }

    /**
     * Clears a lock that no running process holds, as {@code scaffold force-unlock ID} asks: one whose
     * run died (the id must be the one it names) or one that names no run it can read. A lock a live
     * run holds is refused: removing it would let two runs write the state at once.
     */
    void forceUnlock(String id) {
        Slot slot = slot(false);
        if (slot == null) {
            throw notLocked();
        }
        synchronized (slot) {
            if (slot.held != null) {
                throw stillRunning(slot.held.holder());
            }
            FileChannel channel = open();
            try {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    throw stillRunning(holderNamedIn(channel));
                }
                byte[] content = read(channel);
                Optional<LockInfo> named = LockInfo.parse(content);
                if (isBlank(content)) {
                    throw notLocked();
                }
                if (named.isPresent() && !named.get().id().equals(id)) {
                    throw ScaffoldException.failure("the lock on the state " + stateLocation + " has id "
                            + named.get().id() + ", not " + id + " (it names " + named.get().describe()
                            + "); check the id you gave");
                }
                write(channel, new byte[0]);
            } catch (IOException e) {
                throw failure("cannot clear the lock file " + path, e);
            } finally {
                closeQuietly(channel);
            }
        }
    }

    /** The lock of one run: released by {@link #close()}, or by the kernel when the process ends. */
    final class Held implements StateLock {
        private final Slot slot;
        private final LockInfo holder;
        private final FileChannel channel;
        private final FileLock lock;
        private final Object fileKey;
        private final LockInfo tookOverFrom;
        private boolean released;

        private Held(Slot slot, LockInfo holder, FileChannel channel, FileLock lock, Object fileKey,
                     LockInfo tookOverFrom) {
            this.slot = slot;
            this.holder = holder;
            this.channel = channel;
            this.lock = lock;
            this.fileKey = fileKey;
            this.tookOverFrom = tookOverFrom;
        }

        LockInfo holder() {
            return holder;
        }

        @Override
        public String id() {
            return holder.id();
        }

        @Override
        public Optional<LockInfo> tookOverFrom() {
            return Optional.ofNullable(tookOverFrom);
        }

        /**
         * Fencing for a write: throws a {@code LOCKED} failure unless this run still holds the lock and
         * the lock file at its path is the one this run locked and still names it.
         */
        void checkHeld(String action) {
            synchronized (slot) {
                String lost = lost();
                if (lost != null) {
                    throw new ScaffoldException(ScaffoldException.Kind.LOCKED, "refusing to " + action + " "
                            + stateLocation + ": this run no longer holds its lock, as " + lost
                            + "; another run may be changing the stack, so check who before you run scaffold again");
                }
            }
        }

        // Why the lock is no longer this run's, or null while it is.
        private String lost() {
            if (released || !lock.isValid() || slot.held != this) {
                return "the lock was released";
            }
            try {
                if (!Objects.equals(fileKey, fileKey())) {
                    return "its lock file " + path + " was replaced";
                }
                Optional<LockInfo> named = LockInfo.parse(read(channel));
                if (named.isEmpty() || !named.get().id().equals(holder.id())) {
                    return "its lock file " + path + " no longer names it";
                }
                return null;
            } catch (NoSuchFileException e) {
                return "its lock file " + path + " was deleted";
            } catch (IOException e) {
                return "its lock file " + path + " cannot be read (" + e.getMessage() + ")";
            }
        }

        /** Clears the file and releases the lock; closing twice does nothing. */
        @Override
        public void close() {
            synchronized (slot) {
                if (released) {
                    return;
                }
                released = true;
                if (slot.held == this) {
                    slot.held = null;
                }
                try {
                    // Cleared first: a run that dies between the two leaves an empty file, which is free.
                    write(channel, new byte[0]);
                } catch (IOException e) {
                    // The kernel lock is released below all the same; the next run takes the file over.
                } finally {
                    closeQuietly(channel);
                }
            }
        }
    }

    /** What this process knows of one lock file; its monitor guards every descriptor of that file. */
    private static final class Slot {
        private Held held;
    }

    // The slot of this lock file; without create, null when the file does not exist (so nothing holds it).
    private Slot slot(boolean create) {
        try {
            if (create) {
                refuseOtherThanAFile();
                createIfMissing();
            }
            return SLOTS.computeIfAbsent(path.toRealPath(), real -> new Slot());
        } catch (NoSuchFileException e) {
            if (create) {
                throw failure("cannot lock the state " + stateLocation + ": cannot create its lock file " + path, e);
            }
            return null;
        } catch (IOException e) {
            throw failure("cannot lock the state " + stateLocation + ": cannot create its lock file " + path, e);
        }
    }

    // A link is refused, not followed: the lock file is written and cleared, which would go to the file it points at.
    private void refuseOtherThanAFile() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isRegularFile()) {
            String what = attributes.isSymbolicLink() ? "a symbolic link, which scaffold does not write through"
                    : attributes.isDirectory() ? "a directory" : "not a regular file";
            throw ScaffoldException.failure("cannot lock the state " + stateLocation + ": its lock file " + path
                    + " is " + what + "; move it out of the way, then run scaffold again");
        }
    }

    // Created apart from opening, so that the owner-only mode applies even where CREATE would not set it.
    private void createIfMissing() throws IOException {
        try {
            Files.createFile(path, OwnerOnlyFiles.fileMode(path.toAbsolutePath().getParent()));
        } catch (FileAlreadyExistsException e) {
            // Another run's, or our own from before: the same file, as it is never deleted.
        }
    }

    private FileChannel open(StandardOpenOption... extra) {
        try {
            // Never through a link, even one put there after the check above.
            Set<OpenOption> options = new HashSet<>(Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS));
            options.addAll(Arrays.asList(extra));
            return FileChannel.open(path, options);
        } catch (NoSuchFileException e) {
            throw notLocked();
        } catch (IOException e) {
            throw failure("cannot open the lock file " + path, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            // Another part of this JVM holds it outside the slots; locked all the same.
            return null;
        }
    }

    /*
     * Whom a lock file another run holds names, or null. The winner takes the kernel's lock and only
     * then writes its name, so a loser can read the file in between and find it empty; it reads again
     * for up to NAME_WAIT before it gives up on the name. The writer is another process, so there is
     * nothing to wait on but time: a short park between reads, bounded, on the thread of a run that
     * cannot go on anyway, not a spin. A run that is stopping (its file already cleared) costs a loser
     * that second before the same message it would have had at once.
     */
    private LockInfo holderNamedIn(FileChannel channel) throws IOException {
        Optional<LockInfo> named = LockInfo.parse(read(channel));
        long deadline = System.nanoTime() + NAME_WAIT.toNanos();
        while (named.isEmpty() && System.nanoTime() - deadline < 0) {
            pause.accept(NAME_POLL.toNanos());
            named = LockInfo.parse(read(channel));
        }
        return named.orElse(null);
    }

    private Object fileKey() throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    private static byte[] read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > MAX_SIZE) {
            return new byte[0];
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read until full or the end of the file
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static void write(FileChannel channel, byte[] content) throws IOException {
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
        channel.force(true);
    }

    private static boolean isBlank(byte[] content) {
        return new String(content, StandardCharsets.UTF_8).isBlank();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing releases the lock whatever the outcome; there is nothing left to do.
        }
    }

    // The holder is null when the lock file does not name it (yet): it is being written or cleared.
    private ScaffoldException lockedBy(LockInfo holder) {
        return new ScaffoldException(ScaffoldException.Kind.LOCKED, holder != null
                ? "the state " + stateLocation + " is locked by " + holder.describe() + " (lock " + holder.id()
                        + "), which is still running; wait for it to finish, or stop it, then run scaffold again"
                : "the state " + stateLocation + " is locked by another run that is starting or stopping"
                        + " right now (its lock file " + path + " does not name it yet); try again in a moment");
    }

    private ScaffoldException stillRunning(LockInfo holder) {
        String who = holder == null ? "a run whose lock file " + path + " does not name it yet" : holder.describe();
        return new ScaffoldException(ScaffoldException.Kind.LOCKED, "refusing to remove the lock on the state "
                + stateLocation + ": it is held by " + who + ", which is still running. force-unlock removes only"
                + " the lock of a run that is gone; wait for that run to finish, or stop it");
    }

    private ScaffoldException notLocked() {
        return ScaffoldException.failure("the state " + stateLocation + " is not locked; there is nothing to unlock");
    }

    private static ScaffoldException failure(String what, IOException e) {
        return ScaffoldException.failure(what + ": " + LocalStateStore.describe(e), e);
    }
}
