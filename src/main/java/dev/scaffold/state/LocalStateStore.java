package dev.scaffold.state;

import dev.scaffold.ScaffoldException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The default state store: {@code .scaffold/<stack>[.<env>].state.json} under a base directory,
 * written atomically with mode 0600, and locked for a run by an OS file lock on a {@code .lock} file
 * beside it (see {@link LockFile}).
 *
 * <p>{@code .backup} holds the state as it was before the run that last wrote it, copied at that run's
 * first write (as a file of its own: a link in its place is replaced, never written through), so a run that goes wrong can be undone whole. When writes keep failing, the run saves
 * everything it knows as {@code <stack>[.<env>].state.json.errored} beside the state: a name no state
 * file can have, as theirs all end in {@code .state.json} and stack and environment names hold no dot.
 *
 * <p>A state file is trusted only when it is a regular file (or a link to one) holding this stack's
 * and environment's state in a known format; anything else is refused and left untouched with its
 * backup, never read as an empty state that the next write would make permanent.
 */
public final class LocalStateStore implements StateStore {

    /** The directory, under the base directory, that holds state files. */
    public static final String DIRECTORY = ".scaffold";

    private static final Logger LOG = LogManager.getLogger(LocalStateStore.class);
    private static final String REPAIR = "Repair the file, or restore the backup over it";
    private static final String MOVE_AWAY = "Move it out of the way";
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private final Path file;
    private final Path backup;
    private final Path errored;
    private final LockFile lockFile;
    private final String stack;
    private final String environment;
    private final String location;
    private final Clock clock;
    private final StateCodec codec = new StateCodec();
    private LockFile.Held held;
    private boolean backedUp;

    public LocalStateStore(Path baseDirectory, String stack, String environment) {
        this(baseDirectory, stack, environment, Clock.systemUTC());
    }

    public LocalStateStore(Path baseDirectory, String stack, String environment, Clock clock) {
        String name = stack + (environment == null ? "" : "." + environment) + ".state.json";
        this.file = baseDirectory.resolve(DIRECTORY).resolve(name).normalize();
        this.backup = file.resolveSibling(name + ".backup");
        this.errored = file.resolveSibling(name + ".errored");
        this.location = file.toString();
        this.lockFile = new LockFile(file.resolveSibling(name + ".lock"), location);
        this.stack = stack;
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public Optional<State> read() {
        return readStored().map(Stored::state);
    }

    @Override
    public synchronized State write(State state) {
        if (held == null) {
            throw new ScaffoldException(ScaffoldException.Kind.LOCKED, "refusing to write the state " + location
                    + " without holding its lock; take the lock first");
        }
        held.checkHeld("write the state");
        checkOwnStack(state);
        Optional<Stored> stored = readStored();
        if (stored.isPresent() && !stored.get().state().lineage().equals(state.lineage())) {
            throw ScaffoldException.failure("cannot write the state " + location + ": it has lineage "
                    + stored.get().state().lineage() + ", but this run's state has lineage " + state.lineage()
                    + ", so it belongs to another stack or was replaced meanwhile; the file was left untouched");
        }
        State next = state.withSerial(nextSerial(stored.map(Stored::state).orElse(state)));
        byte[] bytes = codec.encode(next);
        try {
            if (!backedUp && stored.isPresent()) {
                OwnerOnlyFiles.writeAtomically(backup, stored.get().bytes());
            }
            backedUp = true;
            OwnerOnlyFiles.writeAtomically(throughLink(file), bytes);
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot write the state " + location + ": " + describe(e)
                    + "; the previous state is unchanged", e);
        }
        return next;
    }

    @Override
    public ErroredState writeErrored(State state) {
        State next = state.serial() == Long.MAX_VALUE ? state : state.withSerial(state.serial() + 1);
        try {
            createDirectory();
            OwnerOnlyFiles.writeAtomically(errored, codec.encode(next));
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot save the state to " + errored + ": " + describe(e), e);
        }
        return new ErroredState(errored, "cp " + shellWord(errored.toString()) + " " + shellWord(location));
    }

    @Override
    public synchronized StateLock lock(String operation) {
        try {
            createDirectory();
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot lock the state " + location + ": cannot create "
                    + file.getParent() + ": " + describe(e), e);
        }
        LockInfo holder = new LockInfo(UUID.randomUUID().toString(), userName(), hostName(),
                ProcessHandle.current().pid(), operation, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        held = lockFile.acquire(holder);
        backedUp = false;
        removeLeftovers();
        return held;
    }

    @Override
    public Optional<LockInfo> lockHolder() {
        return lockFile.named();
    }

    @Override
    public void forceUnlock(String id) {
        lockFile.forceUnlock(id);
    }

    @Override
    public String location() {
        return location;
    }

    /** The state file itself. */
    public Path file() {
        return file;
    }

    /** Where the state as it was before the last run that wrote it is kept. */
    public Path backupFile() {
        return backup;
    }

    /** Where a run whose writes kept failing saves everything it knew. */
    public Path erroredFile() {
        return errored;
    }

    /** The lock file; it stays when released, empty. */
    public Path lockFile() {
        return lockFile.path();
    }

    private void checkOwnStack(State state) {
        if (!isOwnStack(state)) {
            throw new IllegalArgumentException("the state of " + describeStack(state.stack(), state.environment())
                    + " cannot be written to " + location + ", which holds " + describeStack(stack, environment));
        }
    }

    private boolean isOwnStack(State state) {
        return stack.equals(state.stack()) && Objects.equals(environment, state.environment());
    }

    private long nextSerial(State stored) {
        StateStore.requireSerialCanGrow(stored, location);
        return stored.serial() + 1;
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

    // A run killed mid-write leaves a temporary file; only the lock holder may remove them. The state is
    // written through its link, so a linked state's temporary files are beside the file it points to.
    private void removeLeftovers() {
        List<Path> targets = new ArrayList<>(List.of(file, backup, errored));
        if (Files.isSymbolicLink(file)) {
            try {
                targets.add(file.toRealPath());
            } catch (IOException e) {
                LOG.debug("could not follow the link {} to remove its temporary files", file, e);
            }
        }
        try {
            OwnerOnlyFiles.removeLeftovers(targets);
        } catch (IOException e) {
            LOG.debug("could not remove the temporary files of {}", location, e);
        }
    }

    private Optional<Stored> readStored() {
        if (!isThere()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw refused(describe(e), REPAIR, e);
        }
        State state;
        try {
            state = codec.decode(bytes);
        } catch (StateFormatException e) {
            throw refused(e.getMessage(), REPAIR, e);
        }
        if (!isOwnStack(state)) {
            throw refused("it is the state of " + describeStack(state.stack(), state.environment())
                    + ", not of this blueprint's " + describeStack(stack, environment)
                    + ", so it was copied or renamed here by mistake",
                    "Put this stack's own state in its place, or move that file away if this stack has none", null);
        }
        return Optional.of(new Stored(state, bytes));
    }

    /**
     * Whether there is a state file to read: false only when nothing is at its path. Anything there but
     * a regular file, or a link to one, is refused before it is opened, so a FIFO cannot hang the read.
     */
    private boolean isThere() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                attributes = followLink();
            }
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw refused(describe(e), REPAIR, e);
        }
        if (attributes.isDirectory()) {
            throw refused("it is a directory, not a state file", MOVE_AWAY, null);
        }
        if (!attributes.isRegularFile()) {
            throw refused("it is not a regular file (a FIFO, socket or device, perhaps)", MOVE_AWAY, null);
        }
        return true;
    }

    private BasicFileAttributes followLink() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw refused("it is a symbolic link to " + Files.readSymbolicLink(file) + ", which does not exist",
                    "Restore the file it points to, or remove the link if the stack has no state yet", e);
        }
    }

    private ScaffoldException refused(String why, String whatToDo, Throwable cause) {
        return ScaffoldException.failure("cannot read the state " + location + ": " + why
                + "; the file and its backup " + backup.getFileName() + " were left untouched. "
                + whatToDo + ", then run scaffold again", cause);
    }

    /*
     * The state is written to the file its link points to, so the link stays a link (a state kept
     * elsewhere on purpose). The backup and the errored file are never followed: they are replaced
     * whole, so a link planted in their place is replaced by a file of our own and never writes
     * through to whatever it points at.
     */
    private static Path throughLink(Path path) throws IOException {
        return Files.isSymbolicLink(path) ? path.toRealPath() : path;
    }

    private static String describeStack(String stack, String environment) {
        return "stack '" + stack + "'" + (environment == null ? " (no environment)" : " (environment '" + environment + "')");
    }

    // A path as one word of a POSIX shell command, quoted only when it needs to be.
    private static String shellWord(String text) {
        return PLAIN_WORD.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    /** An I/O failure in words for a message, e.g. {@code AccessDenied /x/.scaffold}. */
    static String describe(IOException e) {
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
}
