package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.EmulatorTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/demo} as a newcomer runs it with its output in a log: the log holds no escape code, and every
 * command the demo suggests at its end works as pasted. It runs on a copy of what the demo uses (its scripts, the
 * example blueprints, the built jar) beside the build's emulator, whose pid the copy is given as if it had started
 * it, and with a {@code mvn} that only writes the colour resets Maven 3.8 writes into a log: the jar is built.
 */
@ExtendWith(AwsEmulator.class)
class DemoIT {

    private static final long DEADLINE_SECONDS = 180;

    @TempDir
    Path dir;

    @Test
    void theDemosLogHoldsNoEscapeCodeAndEveryCommandItSuggestsWorksAsPasted(EmulatorTarget emulator) throws Exception {
        int port = emulator.endpoint().getPort();
        Path pidFile = Path.of("target", "aws-emulator-" + port + ".pid");
        assumeTrue(Files.exists(pidFile), "the demo runs beside the moto emulator the build started");
        Path home = givenACopyOfTheDemo(pidFile);
        Path log = dir.resolve("demo.log");

        ProcessBuilder demo = new ProcessBuilder("bash", "scripts/demo").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        demo.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        demo.environment().put("SCAFFOLD_DEMO_PORT", Integer.toString(port));
        String output = run(demo, log);

        assertThat(output).contains("No changes. AWS matches the blueprint.").doesNotContain("\u001b");
        List<String> suggested = output.lines().map(String::strip).filter(line -> line.startsWith("bin/scaffold "))
                .toList();
        assertThat(suggested).hasSize(6);
        for (String command : suggested) {
            ProcessBuilder pasted = new ProcessBuilder("bash", "-c", command).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("pasted.log").toFile());
            // As the demo says to, in this shell: export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
            pasted.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
            assertThat(run(pasted, dir.resolve("pasted.log"))).as(command).doesNotContain("\u001b");
        }
    }

    /** Runs a process to its end with nothing on stdin; returns what it wrote, after checking it exited 0. */
    private static String run(ProcessBuilder builder, Path log) throws Exception {
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertThat(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as(String.join(" ", builder.command()))
                .isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", builder.command()) + "\n" + output).isZero();
        return output;
    }

    /**
     * The demo's scripts, the example blueprints and the built jar in a directory of their own, a {@code mvn} that
     * writes colour resets, and the emulator's pid where the demo's {@code scripts/aws-emulator start} looks for it.
     */
    private Path givenACopyOfTheDemo(Path pidFile) throws IOException {
        Path home = dir.resolve("scaffold");
        for (String tree : List.of("scripts", "bin", "blueprints")) {
            copy(Path.of(tree), home.resolve(tree));
        }
        Files.createDirectories(home.resolve("target"));
        Files.copy(Path.of("target", "scaffold.jar"), home.resolve("target/scaffold.jar"));
        Files.copy(pidFile, home.resolve(pidFile));
        Path fakeMvn = Files.createDirectories(dir.resolve("bin")).resolve("mvn");
        Files.writeString(fakeMvn, "#!/bin/sh\nprintf '\\033[0m\\033[0m'\nprintf '\\033[0m\\033[0m' >&2\n");
        Files.setPosixFilePermissions(fakeMvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** Copies a tree, leaving out any state a run of the demo left beside the blueprints. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !f.toString().contains(".scaffold")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(file));
                }
            }
        }
    }
}
