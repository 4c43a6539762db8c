package dev.scaffold.state;

import dev.scaffold.ScaffoldException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The default state store: {@code .scaffold/<stack>[.<env>].state.json} under a base directory,
 * written atomically with mode 0600, the previous version kept as {@code .backup}, and locked by
 * the exclusive creation of a {@code .lock} file that names its holder.
 */
public final class LocalStateStore implements StateStore {

    /** The directory, under the base directory, that holds state files. */
    public static final String DIRECTORY = ".scaffold";

    private final Path file;
    private final Path backup;
    private final Path lockFile;
    private final String location;
    private final Clock clock;
    private final StateCodec codec = new StateCodec();

    public LocalStateStore(Path baseDirectory, String stack, String environment) {
        this(baseDirectory, stack, environment, Clock.systemUTC());
    }

    public LocalStateStore(Path baseDirectory, String stack, String environment, Clock clock) {
        String name = stack + (environment == null ? "" : "." + environment) + ".state.json";
        this.file = baseDirectory.resolve(DIRECTORY).resolve(name).normalize();
        this.backup = file.resolveSibling(name + ".backup");
        this.lockFile = file.resolveSibling(name + ".lock");
        this.location = file.toString();
        this.clock = clock;
    }

    @Override
    public Optional<State> read() {
        return readStored().map(Stored::state);
    }

    @Override
    public State write(State state) {
        Optional<Stored> stored = readStored();
        if (stored.isPresent() && !stored.get().state().lineage().equals(state.lineage())) {
            throw ScaffoldException.failure("cannot write the state " + location + ": it has lineage "
                    + stored.get().state().lineage() + ", but this run's state has lineage " + state.lineage()
                    + ", so it belongs to another stack or was replaced meanwhile; the file was left untouched");
        }
        long serial = stored.map(s -> s.state().serial()).orElse(state.serial()) + 1;
        State next = state.withSerial(serial);
        try {
            createDirectory();
            if (stored.isPresent()) {
                OwnerOnlyFiles.writeAtomically(backup, stored.get().bytes());
            }
            OwnerOnlyFiles.writeAtomically(file, codec.encode(next));
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot write the state " + location + ": " + describe(e)
                    + "; the previous state is unchanged", e);
        }
        return next;
    }

    @Override
    public StateLock lock(String operation) {
        LockInfo info = new LockInfo(UUID.randomUUID().toString(), userName(), hostName(),
                ProcessHandle.current().pid(), operation, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        try {
            createDirectory();
            OwnerOnlyFiles.createNew(lockFile, info.toJson());
        } catch (FileAlreadyExistsException e) {
            throw lockedError();
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot lock the state " + location + ": cannot create "
                    + lockFile + ": " + describe(e), e);
        }
        return new Lock(info.id());
    }

    @Override
    public Optional<LockInfo> lockHolder() {
        byte[] json;
        try {
            json = Files.readAllBytes(lockFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot read the lock " + lockFile + ": " + describe(e), e);
        }
        try {
            return Optional.of(LockInfo.fromJson(json));
        } catch (IllegalArgumentException e) {
            throw ScaffoldException.failure("the lock " + lockFile + " is damaged (" + e.getMessage()
                    + "); if no other scaffold run is active, delete that file");
        }
    }

    @Override
    public void forceUnlock(String id) {
        LockInfo holder = lockHolder().orElseThrow(() ->
                ScaffoldException.failure("the state " + location + " is not locked; there is nothing to unlock"));
        if (!holder.id().equals(id)) {
            throw ScaffoldException.failure("the lock on the state " + location + " has id " + holder.id()
                    + ", not " + id + " (held by " + holder.describe() + "); check the id you gave");
        }
        try {
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot remove the lock " + lockFile + ": " + describe(e), e);
        }
    }

    @Override
    public String location() {
        return location;
    }

    /** The state file itself. */
    public Path file() {
        return file;
    }

    /** Where the previous version of the state is kept. */
    public Path backupFile() {
        return backup;
    }

    /** The lock file, present while a run holds the lock. */
    public Path lockFile() {
        return lockFile;
    }

    /** Creates {@code .scaffold} for its owner only, as it holds the state; an existing one is left as it is. */
    private void createDirectory() throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory.getParent());
        try {
            if (OwnerOnlyFiles.isPosix(directory)) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another run created it between the check and here; that is fine.
        }
    }

    private Optional<Stored> readStored() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot read the state " + location + ": " + describe(e)
                    + "; the file and its backup " + backup.getFileName() + " were left untouched", e);
        }
        try {
            return Optional.of(new Stored(codec.decode(bytes), bytes));
        } catch (StateFormatException e) {
            throw ScaffoldException.failure("cannot read the state " + location + ": " + e.getMessage()
                    + "; the file and its backup " + backup.getFileName() + " were left untouched."
                    + " Repair the file, or restore the backup over it, then run scaffold again", e);
        }
    }

    private ScaffoldException lockedError() {
        Optional<LockInfo> holder;
        try {
            holder = lockHolder();
        } catch (ScaffoldException damaged) {
            return new ScaffoldException(ScaffoldException.Kind.LOCKED, "the state " + location
                    + " is locked, but its lock file " + lockFile + " cannot be read (another run may be"
                    + " writing it right now); if no other scaffold run is active, delete that file");
        }
        // The holder may have released the lock between our attempt and this read.
        String who = holder.map(h -> " by " + h.describe() + "; if that run is gone, run: scaffold force-unlock "
                + h.id()).orElse(" by another run, which has just released it; try again");
        return new ScaffoldException(ScaffoldException.Kind.LOCKED, "the state " + location + " is locked" + who);
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? kind : kind + " " + e.getMessage();
    }

    private static String userName() {
        return System.getProperty("user.name", "unknown");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private record Stored(State state, byte[] bytes) {
    }

    /** The lock this store handed out; closing removes the lock file only while it is still ours. */
    private final class Lock implements StateLock {
        private final String id;
        private boolean released;

        Lock(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            Optional<LockInfo> holder;
            try {
                holder = lockHolder();
            } catch (ScaffoldException damaged) {
                return;
            }
            // After a force-unlock another run may hold the lock; its file is not ours to delete.
            if (holder.isPresent() && holder.get().id().equals(id)) {
                try {
                    Files.deleteIfExists(lockFile);
                } catch (IOException e) {
                    throw ScaffoldException.failure("cannot remove the lock " + lockFile + ": " + describe(e)
                            + "; delete it by hand", e);
                }
            }
        }
    }
}
