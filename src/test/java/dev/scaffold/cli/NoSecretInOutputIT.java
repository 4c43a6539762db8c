package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.JavaCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credentials never reach any output: {@code plan} runs as its own process, as a user starts it, with
 * credentials planted in its environment, and everything it writes to stdout and stderr (Log4j's lines
 * included) is searched for them at every verbosity, as JSON, and with the wire logs of {@code --debug-http}.
 */
@ExtendWith(AwsEmulator.class)
class NoSecretInOutputIT {

    // Shapes no pattern would know, so only the masking of these very values or of the headers catches them.
    private static final String KEY_ID = "PLANTEDKEYID7F3A9C21";
    private static final String SECRET = "plantedSecret/9d8c7b6a5f4e3d2c1b0a+ZYXWVUTSRQPONMLK";
    private static final String TOKEN = "plantedSessionToken//Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8=";
    private static final Pattern SIGNATURE = Pattern.compile("Signature=[0-9a-f]{64}");

    @TempDir
    Path dir;

    private EmulatorTarget emulator;
    private String certificate;
    private Path blueprint;

    @BeforeEach
    void writeBlueprint(EmulatorTarget emulator) throws Exception {
        this.emulator = emulator;
        this.certificate = Certificates.request(emulator, "secrets.example.com");
        this.blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, """
                blueprint: secrets
                region: us-east-1
                variables:
                  certificate: { type: string }
                loadBalancers:
                  web:
                    https: { certificate: "${var.certificate}" }
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v", "-vv", "-vvv", "--log-format json", "--debug-http -vvv", "--debug-http --log-format json"})
    void aPlantedSessionTokenAppearsInNoOutput(String flags) throws Exception {
        CommandLineRun plan = plan(flags.split(" "));

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Plan: 5 to add");
        for (String output : List.of(plan.out(), plan.err())) {
            assertThat(output).doesNotContain(KEY_ID, SECRET, TOKEN)
                    .doesNotContainPattern(SIGNATURE);
        }
        if (flags.contains("--debug-http")) {
            // The wire log is there, so the search above searched the requests themselves.
            assertThat(plan.err()).contains("Authorization: ****", "X-Amz-Security-Token: ****");
        } else {
            assertThat(plan.err()).doesNotContain("LoggingHandler", "Authorization");
        }
        if (flags.contains("json") && !plan.err().isEmpty()) {
            ScaffoldCommandTest.assertEveryLineIsJson(plan.err());
        }
    }

    /** Runs {@code scaffold plan} in a new JVM on this test's class path, with the planted credentials. */
    private CommandLineRun plan(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("plan"));
        args.addAll(List.of(flags));
        args.addAll(List.of("-f", blueprint.toString(), "--var", "certificate=" + certificate,
                "--endpoint-url", emulator.endpoint().toString()));
        ProcessBuilder builder = new ProcessBuilder(JavaCommand.of(Main.class, List.of(), args))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.putAll(Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_SESSION_TOKEN", TOKEN, "LANG", "C.UTF-8"));
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("plan finished").isTrue();
        return new CommandLineRun(process.exitValue(), Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
    }
}
