package dev.scaffold.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command that runs a main class in a new JVM on this test's class path, as a user's run starts. */
public final class JavaCommand {

    /** Credentials the emulator accepts, as system properties, which the SDK reads before the environment. */
    public static final List<String> EMULATOR_CREDENTIALS =
            List.of("-Daws.accessKeyId=test", "-Daws.secretAccessKey=test");

    private JavaCommand() {
    }

    /** {@code java}, then {@code jvmOptions}, the class path, {@code main} and {@code args}. */
    public static List<String> of(Class<?> main, List<String> jvmOptions, String... args) {
        return of(main, jvmOptions, List.of(args));
    }

    /** {@code java}, then {@code jvmOptions}, the class path, {@code main} and {@code args}. */
    public static List<String> of(Class<?> main, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return List.copyOf(command);
    }
}
