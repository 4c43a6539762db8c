package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.JavaCommand;
import dev.scaffold.testing.StackInEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets never reach any output: scaffold runs as its own process, as a user starts it, with
 * credentials planted in its environment and a sensitive variable whose value the blueprint puts into
 * tags and an attribute, whole and in part. Everything it writes to stdout and stderr (Log4j's lines
 * included) is searched for them at every verbosity, as JSON, as Markdown and with the wire logs of
 * {@code --debug-http}, and so are the files it leaves: a saved plan, the state and its backup.
 */
@ExtendWith(AwsEmulator.class)
class NoSecretInOutputIT {

    // Shapes no pattern would know, so only the masking of these very values or of the headers catches them.
    private static final String KEY_ID = "PLANTEDKEYID7F3A9C21";
    private static final String SECRET = "plantedSecret/9d8c7b6a5f4e3d2c1b0a+ZYXWVUTSRQPONMLK";
    private static final String TOKEN = "plantedSessionToken//Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8=";
    private static final Pattern SIGNATURE = Pattern.compile("Signature=[0-9a-f]{64}");
    /** The value of the blueprint's sensitive variable; its tail alone is searched for too. */
    private static final String SENSITIVE = "TOPSECRET-hunter2";

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
        // blueprints/load-balancer.yaml with a token in its tags, whole and in part, and in an attribute.
        Files.writeString(blueprint, """
                blueprint: %s
                region: us-east-1
                tags: { team: "${var.team}", owner: "${var.token}", auth: "Bearer ${var.token}" }
                variables:
                  certificate: { type: string }
                  token: { type: string, sensitive: true }
                  team: { type: string, default: web }
                network: { vpc: default, subnets: default }
                loadBalancers:
                  web:
                    algorithm: least-outstanding-requests
                    https: { certificate: "${var.certificate}" }
                    redirectHttp: true
                    healthCheck: { path: "/health/${var.token}" }
                """.formatted(StackInEmulator.uniqueName("secrets-", dir)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v", "-vv", "-vvv", "--log-format json", "--debug-http -vvv", "--debug-http --log-format json"})
    void plantedCredentialsAndASensitiveVariableAppearInNoOutput(String flags) throws Exception {
        CommandLineRun plan = scaffold(planArgs(flags.split(" ")));

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Plan: 5 to add").contains("tags.owner:").contains("(sensitive)");
        for (String output : List.of(plan.out(), plan.err())) {
            assertThat(output).doesNotContain(KEY_ID, SECRET, TOKEN, SENSITIVE, "hunter2")
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

    @Test
    void aSensitiveVariableAppearsInNoPlanSavedPlanStateBackupLogOrOutputFromPlanToASecondApply() throws Exception {
        Path saved = dir.resolve("token.plan");
        List<CommandLineRun> runs = new ArrayList<>();

        runs.add(scaffold(planArgs("--json", "-vv")));
        runs.add(scaffold(planArgs("--format", "markdown", "-v")));
        CommandLineRun plan = scaffold(planArgs("--out", saved.toString(), "-vvv"));
        runs.add(plan);
        runs.add(scaffold("show", saved.toString()));
        runs.add(scaffold("show", "--json", saved.toString()));
        CommandLineRun apply = scaffold("apply", saved.toString(), "--debug-http", "-vvv",
                "--endpoint-url", emulator.endpoint().toString());
        runs.add(apply);
        // A second apply that changes a tag writes the state again, so the first state becomes the backup.
        CommandLineRun again = scaffold(planArgs("apply", "--auto-approve", "--var", "team=platform",
                "--log-format", "json", "-vvv"));
        runs.add(again);
        runs.add(scaffold("output", "-f", blueprint.toString()));
        runs.add(scaffold("output", "--json", "-f", blueprint.toString()));
        runs.add(scaffold("state", "show", "loadBalancers.web.target-group", "-f", blueprint.toString()));

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.err()).as("the wire log was searched, and masks the tag it sets")
                .contains("CreateTargetGroup").contains("Value=(sensitive)");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("tags.team:");
        for (CommandLineRun run : runs) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out() + run.err()).doesNotContain(SENSITIVE, "hunter2", KEY_ID, SECRET, TOKEN);
        }
        Path states = dir.resolve(".scaffold");
        List<Path> files = new ArrayList<>(List.of(saved));
        try (var listing = Files.list(states)) {
            listing.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).extracting(file -> file.getFileName().toString())
                .anyMatch(name -> name.endsWith(".state.json")).anyMatch(name -> name.endsWith(".state.json.backup"));
        for (Path file : files) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain(SENSITIVE, "hunter2");
        }
        assertThat(files).filteredOn(file -> file.getFileName().toString().endsWith(".state.json"))
                .singleElement().satisfies(state -> assertThat(Files.readString(state))
                        .as("the health check path is recorded, as a digest").contains("pbkdf2-sha256:"));
    }

    private String[] planArgs(String... flags) {
        List<String> args = new ArrayList<>();
        boolean command = flags.length > 0 && !flags[0].startsWith("-");
        args.add(command ? flags[0] : "plan");
        args.addAll(List.of(flags).subList(command ? 1 : 0, flags.length));
        args.addAll(List.of("-f", blueprint.toString(), "--var", "certificate=" + certificate,
                "--endpoint-url", emulator.endpoint().toString()));
        return args.toArray(String[]::new);
    }

    /**
     * Runs scaffold in a new JVM on this test's class path, with the planted credentials and the
     * sensitive variable in its environment.
     */
    private CommandLineRun scaffold(String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(JavaCommand.of(Main.class, List.of(), List.of(args)))
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SCAFFOLD_VAR_"));
        environment.putAll(Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_SESSION_TOKEN", TOKEN, "LANG", "C.UTF-8", "SCAFFOLD_VAR_token", SENSITIVE));
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("scaffold finished").isTrue();
        return new CommandLineRun(process.exitValue(), Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
    }
}
