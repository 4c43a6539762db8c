package dev.scaffold.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds out whether stdin and stdout are terminals, and how wide the terminal is. Java only tells
 * (through {@link System#console()}) whether both are; on Linux {@code /proc} tells each apart,
 * elsewhere {@code test -t 0} does for stdin.
 */
final class TerminalProbe {

    private static final Path OWN_FDS = Path.of("/proc/self/fd");
    private static final long PROBE_TIMEOUT_MS = 2000;

    private TerminalProbe() {
    }

    static boolean stdinIsTerminal() {
        if (Files.isDirectory(OWN_FDS)) {
            return isTerminal(0);
        }
        return System.console() != null
                || answersZero(new ProcessBuilder("test", "-t", "0").redirectInput(ProcessBuilder.Redirect.INHERIT));
    }

    static boolean stdoutIsTerminal() {
        return Files.isDirectory(OWN_FDS) ? isTerminal(1) : System.console() != null;
    }

    /** The columns {@code stty size} reports for the terminal device, when there is one. */
    static Optional<Integer> sttyColumns() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File(Tty.DEVICE))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] rowsAndColumns = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .strip().split("\\s+");
            if (!stty.waitFor(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS) || stty.exitValue() != 0
                    || rowsAndColumns.length != 2 || !rowsAndColumns[1].matches("[1-9][0-9]{0,4}")) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(rowsAndColumns[1]));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A descriptor is a terminal when it links to a pseudo-terminal or a console device. */
    private static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(OWN_FDS.resolve(Integer.toString(fd))).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean answersZero(ProcessBuilder probe) {
        try {
            Process process = probe.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
