package dev.scaffold.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.scaffold.ScaffoldException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LocalStateStoreTest {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    @TempDir
    Path base;

    private LocalStateStore store() {
        return new LocalStateStore(base, "shop", "prod");
    }

    /** Writes each state in one run: under one lock, as apply does. */
    private static State inOneRun(LocalStateStore store, State... states) {
        try (StateLock lock = store.lock("apply")) {
            State written = null;
            for (State state : states) {
                written = store.write(state);
            }
            return written;
        }
    }

    @Test
    void givenNoStateFile_whenRead_thenEmpty() {
        assertThat(store().read()).isEmpty();
    }

    @Test
    void givenAStackAndEnvironment_thenTheFilesLiveUnderDotScaffold() {
        assertThat(store().file()).isEqualTo(base.resolve(".scaffold/shop.prod.state.json"));
        assertThat(store().erroredFile()).isEqualTo(base.resolve(".scaffold/shop.prod.state.json.errored"));
        assertThat(new LocalStateStore(base, "shop", null).file()).isEqualTo(base.resolve(".scaffold/shop.state.json"));
        assertThat(new LocalStateStore(Path.of("."), "shop", null).location()).isEqualTo(".scaffold/shop.state.json");
    }

    @Test
    void givenAWrittenState_whenRead_thenItComesBackWithSerialOnePastTheStoredOne() {
        LocalStateStore store = store();
        State state = StateCodecTest.sampleState().withSerial(0);

        try (StateLock lock = store.lock("apply")) {
            State first = store.write(state);
            State second = store.write(first.without(StateCodecTest.REPLICA));

            assertThat(first.serial()).isEqualTo(1);
            assertThat(second.serial()).isEqualTo(2);
            assertThat(store.read()).contains(second);
        }
    }

    @Test
    void givenAStaleSerialInTheStateToWrite_whenWritten_thenTheStoredSerialDecides() {
        LocalStateStore store = store();
        inOneRun(store, State.empty("shop", "prod").withSerial(0));
        State stored = store.read().orElseThrow();

        State written = inOneRun(store, stored, stored);

        assertThat(written.serial()).isEqualTo(3);
    }

    @Test
    void givenSeveralWritesInARun_thenTheBackupHoldsTheStateAsItWasBeforeTheRun() throws Exception {
        LocalStateStore store = store();
        State first = inOneRun(store, StateCodecTest.sampleState());
        byte[] beforeTheRun = Files.readAllBytes(store.file());

        State last = inOneRun(store, first.without(StateCodecTest.ALB), first.without(StateCodecTest.REPLICA),
                first.without(StateCodecTest.PRIMARY));

        assertThat(store.backupFile()).hasBinaryContent(beforeTheRun);
        assertThat(store.read()).contains(last);
        byte[] beforeTheNextRun = Files.readAllBytes(store.file());
        inOneRun(store, last);
        assertThat(store.backupFile()).hasBinaryContent(beforeTheNextRun);
    }

    @Test
    void givenAFirstRun_thenThereIsNoBackup() {
        LocalStateStore store = store();
        State empty = State.empty("shop", "prod");

        inOneRun(store, empty, empty);

        assertThat(store.backupFile()).doesNotExist();
    }

    @Test
    void givenARun_thenStateBackupAndLockAreOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
        LocalStateStore store = store();
        State first = inOneRun(store, StateCodecTest.sampleState());
        inOneRun(store, first);

        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(OWNER_ONLY);
        assertThat(Files.getPosixFilePermissions(store.backupFile())).isEqualTo(OWNER_ONLY);
        assertThat(Files.getPosixFilePermissions(store.lockFile())).isEqualTo(OWNER_ONLY);
        assertThat(fileNames(store)).containsExactlyInAnyOrder(
                "shop.prod.state.json", "shop.prod.state.json.backup", "shop.prod.state.json.lock");
    }

    @Test
    void givenTemporaryFilesLeftByAKilledRun_whenLocked_thenThisStatesAreRemovedAndOthersKept() throws Exception {
        LocalStateStore store = store();
        Path directory = Files.createDirectories(store.file().getParent());
        for (String name : new String[] {".shop.prod.state.json.81723.tmp", ".shop.prod.state.json.backup.5512.tmp",
                ".shop.prod.state.json.errored.9.tmp", ".shop.state.json.4411.tmp", "notes.tmp"}) {
            Files.writeString(directory.resolve(name), "half a state");
        }

        store.lock("apply").close();

        assertThat(fileNames(store)).containsExactlyInAnyOrder(
                "shop.prod.state.json.lock", ".shop.state.json.4411.tmp", "notes.tmp");
    }

    @Test
    void givenNoLock_whenWritten_thenTheWriteIsRefusedAndNothingWritten() {
        LocalStateStore store = store();

        assertThatThrownBy(() -> store.write(State.empty("shop", "prod")))
                .isInstanceOf(ScaffoldException.class)
                .hasMessage("refusing to write the state " + store.location() + " without holding its lock;"
                        + " take the lock first")
                .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.LOCKED));
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void givenAReleasedLock_whenWritten_thenTheWriteIsRefused() {
        LocalStateStore store = store();
        State written = inOneRun(store, State.empty("shop", "prod"));

        assertThatThrownBy(() -> store.write(written))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("this run no longer holds its lock, as the lock was released");
        assertThat(store.read()).contains(written);
    }

    /** Someone deletes, replaces or rewrites the lock file by hand while a run holds it. */
    static Stream<Arguments> lostLocks() {
        return Stream.of(
                Arguments.of("deleted", (LockLoss) lockFile -> Files.delete(lockFile), "was deleted"),
                Arguments.of("replaced", (LockLoss) lockFile -> {
                    Path other = lockFile.resolveSibling("other.lock");
                    Files.writeString(other, "{}");
                    Files.move(other, lockFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }, "was replaced"),
                Arguments.of("rewritten", (LockLoss) lockFile -> Files.write(lockFile, new LockInfo("someone-else",
                        "bob", "host2", 7, "apply", java.time.Instant.EPOCH).toJson()), "no longer names it"));
    }

    @ParameterizedTest(name = "lock file {0}")
    @MethodSource("lostLocks")
    void givenALockFileChangedUnderARun_whenWritten_thenTheWriteIsRefused(String name, LockLoss loss, String why)
            throws Exception {
        LocalStateStore store = store();
        try (StateLock lock = store.lock("apply")) {
            State written = store.write(State.empty("shop", "prod"));
            byte[] before = Files.readAllBytes(store.file());
            loss.happen(store.lockFile());

            assertThatThrownBy(() -> store.write(written))
                    .isInstanceOf(ScaffoldException.class)
                    .hasMessageContaining("refusing to write the state " + store.location()
                            + ": this run no longer holds its lock")
                    .hasMessageContaining(why)
                    .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.LOCKED));
            assertThat(store.file()).hasBinaryContent(before);
        }
    }

    @Test
    void givenAStateOfAnotherLineage_whenWritten_thenItIsRefusedAndTheFileUntouched() throws Exception {
        LocalStateStore store = store();
        inOneRun(store, StateCodecTest.sampleState());
        byte[] before = Files.readAllBytes(store.file());

        assertThatThrownBy(() -> inOneRun(store, State.empty("shop", "prod")))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("lineage " + StateCodecTest.LINEAGE)
                .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.FAILURE));
        assertThat(store.file()).hasBinaryContent(before);
    }

    @Test
    void givenASerialThatCannotGrow_whenWritten_thenItIsRefusedInsteadOfWrittenNegative() throws Exception {
        LocalStateStore store = store();
        givenAStateAndBackup(store);
        Files.write(store.file(), StateCodecTest.mutated(root -> root.put("serial", Long.MAX_VALUE)));
        Bytes before = Bytes.of(store);

        assertThat(store.read().orElseThrow().serial()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> inOneRun(store, store.read().orElseThrow()))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("its serial is 9223372036854775807, the largest there is")
                .hasMessageContaining("set its serial to a smaller number");
        before.assertUnchanged(store);
    }

    /** State files that must be refused, not read as empty or as something else. */
    static Stream<Arguments> untrustedStates() {
        return Stream.of(
                untrusted("corrupt", "{ this is not json".getBytes(StandardCharsets.UTF_8), "not valid JSON"),
                untrusted("truncated", Arrays.copyOf(new StateCodec().encode(StateCodecTest.sampleState()), 200),
                        "corrupt or truncated"),
                untrusted("empty", new byte[0], "the file is empty"),
                untrusted("formatVersion 1.9", StateCodecTest.mutated(root -> root.put("formatVersion", 1.9)),
                        "formatVersion 1.9 is not a format version"),
                untrusted("formatVersion \"1\"", StateCodecTest.mutated(root -> root.put("formatVersion", "1")),
                        "formatVersion \"1\" is not a format version"),
                untrusted("formatVersion true", StateCodecTest.mutated(root -> root.put("formatVersion", true)),
                        "formatVersion true is not a format version"),
                untrusted("formatVersion 2^32+1", StateCodecTest.mutated(root -> root.put("formatVersion", 4_294_967_297L)),
                        "formatVersion 4294967297 is not a format version"),
                untrusted("formatVersion 9", StateCodecTest.mutated(root -> root.put("formatVersion", 9)),
                        "format version 9, but this scaffold reads only up to version 2; it was written by a newer"
                                + " scaffold, so upgrade scaffold"),
                untrusted("resources []", StateCodecTest.mutated(root -> root.putArray("resources")),
                        "the field 'resources' must be an object"),
                untrusted("resources \"none\"", StateCodecTest.mutated(root -> root.put("resources", "none")),
                        "the field 'resources' must be an object"),
                untrusted("another stack", StateCodecTest.mutated(root -> root.put("stack", "blog")),
                        "it is the state of stack 'blog' (environment 'prod'), not of this blueprint's stack 'shop'"
                                + " (environment 'prod'), so it was copied or renamed here by mistake"),
                untrusted("another environment", StateCodecTest.mutated(root -> root.putNull("environment")),
                        "it is the state of stack 'shop' (no environment), not of this blueprint's stack 'shop'"
                                + " (environment 'prod')"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("untrustedStates")
    void givenAStateFileItCannotTrust_whenReadOrWritten_thenItIsRefusedAndStateAndBackupAreUnchanged(
            String name, byte[] content, String problem) throws Exception {
        LocalStateStore store = store();
        givenAStateAndBackup(store);
        Files.write(store.file(), content);
        Bytes before = Bytes.of(store);

        assertThatThrownBy(store::read)
                .isInstanceOf(ScaffoldException.class)
                .hasMessageStartingWith("cannot read the state " + store.location() + ": ")
                .hasMessageContaining(problem)
                .hasMessageContaining("the file and its backup shop.prod.state.json.backup were left untouched")
                .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.FAILURE));
        assertThatThrownBy(() -> inOneRun(store, StateCodecTest.sampleState()))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining(problem);
        before.assertUnchanged(store);
    }

    @Test
    void givenADirectoryInPlaceOfTheState_whenReadOrWritten_thenItIsRefused() throws Exception {
        LocalStateStore store = store();
        Files.createDirectories(store.file());

        assertThatThrownBy(store::read)
                .isInstanceOf(ScaffoldException.class)
                .hasMessage("cannot read the state " + store.location() + ": it is a directory, not a state file;"
                        + " the file and its backup shop.prod.state.json.backup were left untouched."
                        + " Move it out of the way, then run scaffold again");
        assertThatThrownBy(() -> inOneRun(store, State.empty("shop", "prod"))).hasMessageContaining("is a directory");
        assertThat(store.file()).isDirectory();
    }

    @Test
    void givenAFifoInPlaceOfTheState_whenReadOrWritten_thenItIsRefusedWithoutHanging() throws Exception {
        LocalStateStore store = store();
        Files.createDirectories(store.file().getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", store.file().toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();

        // A read that opened the FIFO would wait for a writer forever; the guard only ends a broken test.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThatThrownBy(store::read).hasMessageContaining("it is not a regular file");
            assertThatThrownBy(() -> inOneRun(store, State.empty("shop", "prod")))
                    .hasMessageContaining("it is not a regular file");
        });
        assertThat(Files.readAttributes(store.file(), java.nio.file.attribute.BasicFileAttributes.class).isOther()).isTrue();
    }

    @Test
    void givenADanglingSymlinkInPlaceOfTheState_whenReadOrWritten_thenItIsRefusedAndTheLinkKept() throws Exception {
        LocalStateStore store = store();
        Files.createDirectories(store.file().getParent());
        Path missing = base.resolve("elsewhere/shop.prod.state.json");
        Files.createSymbolicLink(store.file(), missing);

        assertThatThrownBy(store::read)
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("it is a symbolic link to " + missing + ", which does not exist")
                .hasMessageContaining("Restore the file it points to, or remove the link if the stack has no state yet");
        assertThatThrownBy(() -> inOneRun(store, State.empty("shop", "prod")))
                .hasMessageContaining("which does not exist");
        assertThat(Files.isSymbolicLink(store.file())).isTrue();
        assertThat(missing).doesNotExist();
    }

    @Test
    void givenASymlinkedState_whenWritten_thenTheLinkStaysALinkAndItsTargetGetsTheState() throws Exception {
        LocalStateStore store = store();
        Path target = Files.createDirectories(base.resolve("shared")).resolve("shop.prod.json");
        Files.write(target, new StateCodec().encode(StateCodecTest.sampleState()));
        byte[] before = Files.readAllBytes(target);
        Files.createDirectories(store.file().getParent());
        Files.createSymbolicLink(store.file(), target);

        State written = inOneRun(store, store.read().orElseThrow().without(StateCodecTest.ALB));

        assertThat(Files.isSymbolicLink(store.file())).isTrue();
        assertThat(Files.readSymbolicLink(store.file())).isEqualTo(target);
        assertThat(new StateCodec().decode(Files.readAllBytes(target))).isEqualTo(written);
        assertThat(store.backupFile()).hasBinaryContent(before);
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void givenAFirstWrite_thenTheStateDirectoryIsOwnerOnly() throws Exception {
        LocalStateStore store = store();

        inOneRun(store, State.empty("shop", "prod"));

        assertThat(Files.getPosixFilePermissions(store.file().getParent())).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void givenAStateOfAnotherStack_whenWritten_thenItIsABug() {
        LocalStateStore store = store();

        assertThatThrownBy(() -> inOneRun(store, State.empty("blog", "prod")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stack 'blog'");
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void givenAStateWritesCouldNotTake_whenSavedAsErrored_thenTheCommandItGivesRestoresIt() throws Exception {
        LocalStateStore store = store();
        State before = inOneRun(store, StateCodecTest.sampleState());
        State known = before.without(StateCodecTest.REPLICA);

        ErroredState saved = store.writeErrored(known);

        assertThat(saved.file()).isEqualTo(store.erroredFile());
        assertThat(Files.getPosixFilePermissions(saved.file())).isEqualTo(OWNER_ONLY);
        assertThat(saved.restoreCommand()).isEqualTo("cp " + store.erroredFile() + " " + store.file());
        Process cp = new ProcessBuilder("sh", "-c", saved.restoreCommand()).inheritIO().start();
        assertThat(cp.waitFor()).isZero();
        assertThat(store.read()).contains(known.withSerial(before.serial() + 1));
    }

    @Test
    void givenStackErroredOfEnvironmentShopAndStackShop_whenShopIsSavedAsErrored_thenTheOtherStacksStateIsUntouched()
            throws Exception {
        LocalStateStore other = new LocalStateStore(base, "errored", "shop");
        State others = inOneRun(other, State.empty("errored", "shop"));
        byte[] before = Files.readAllBytes(other.file());
        LocalStateStore shop = new LocalStateStore(base, "shop", null);

        ErroredState saved = shop.writeErrored(State.empty("shop", null));

        assertThat(saved.file()).isNotEqualTo(other.file());
        assertThat(saved.file().getFileName().toString()).as("no state file can have its name").doesNotEndWith(".state.json");
        assertThat(other.file()).hasBinaryContent(before);
        assertThat(other.read()).contains(others);
    }

    @Test
    void givenABackupThatIsASymlink_whenARunWrites_thenTheLinksTargetIsUnchangedAndTheBackupIsAFileOfItsOwn()
            throws Exception {
        LocalStateStore store = store();
        State first = inOneRun(store, StateCodecTest.sampleState());
        byte[] beforeTheRun = Files.readAllBytes(store.file());
        Path victim = Files.writeString(base.resolve("notes.txt"), "the user's own file\n");
        assertThat(store.backupFile()).as("a first run keeps no backup").doesNotExist();
        Files.createSymbolicLink(store.backupFile(), victim);

        inOneRun(store, first.without(StateCodecTest.ALB));

        assertThat(victim).hasContent("the user's own file");
        assertThat(Files.isSymbolicLink(store.backupFile())).isFalse();
        assertThat(store.backupFile()).hasBinaryContent(beforeTheRun);
    }

    @Test
    void givenAnErroredFileThatIsASymlink_whenSavedAsErrored_thenTheLinksTargetIsUnchanged() throws Exception {
        LocalStateStore store = store();
        Path victim = Files.writeString(base.resolve("notes.txt"), "the user's own file\n");
        Files.createDirectories(store.erroredFile().getParent());
        Files.createSymbolicLink(store.erroredFile(), victim);
        State known = StateCodecTest.sampleState();

        store.writeErrored(known);

        assertThat(victim).hasContent("the user's own file");
        assertThat(Files.isSymbolicLink(store.erroredFile())).isFalse();
        assertThat(new StateCodec().decode(Files.readAllBytes(store.erroredFile())).resources())
                .isEqualTo(known.resources());
    }

    @Test
    void givenAPathThatNeedsQuoting_whenSavedAsErrored_thenTheRestoreCommandQuotesIt() throws Exception {
        LocalStateStore store = new LocalStateStore(Files.createDirectories(base.resolve("it's a dir")), "shop", null);

        ErroredState saved = store.writeErrored(State.empty("shop", null));

        assertThat(saved.restoreCommand()).isEqualTo("cp '" + base + "/it'\\''s a dir/.scaffold/shop.state.json.errored' '"
                + base + "/it'\\''s a dir/.scaffold/shop.state.json'");
        Process cp = new ProcessBuilder("sh", "-c", saved.restoreCommand()).inheritIO().start();
        assertThat(cp.waitFor()).isZero();
        assertThat(store.read()).isPresent();
    }

    private static void givenAStateAndBackup(LocalStateStore store) {
        State first = inOneRun(store, StateCodecTest.sampleState());
        inOneRun(store, first);
        assertThat(store.backupFile()).exists();
    }

    private static Set<String> fileNames(LocalStateStore store) throws IOException {
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            return files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    private static Arguments untrusted(String name, byte[] content, String problem) {
        return Arguments.of(name, content, problem);
    }

    /** Something done to a held lock file by hand. */
    @FunctionalInterface
    interface LockLoss {
        void happen(Path lockFile) throws IOException;
    }

    /** The bytes of a state and its backup, to show a refused write changed neither. */
    private record Bytes(byte[] state, byte[] backup) {
        static Bytes of(LocalStateStore store) throws IOException {
            return new Bytes(Files.readAllBytes(store.file()), Files.readAllBytes(store.backupFile()));
        }

        void assertUnchanged(LocalStateStore store) throws IOException {
            assertThat(Files.readAllBytes(store.file())).as("the state").isEqualTo(state);
            assertThat(Files.readAllBytes(store.backupFile())).as("the backup").isEqualTo(backup);
            assertThat(Files.exists(store.file(), LinkOption.NOFOLLOW_LINKS)).isTrue();
        }
    }
}
