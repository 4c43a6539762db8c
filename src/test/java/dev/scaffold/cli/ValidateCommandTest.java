package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaffold.report.Golden;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scaffold validate} as a user runs it: valid examples pass, and every blueprint of the
 * invalid corpus exits 3 with a file:line:column for each problem, no stack trace and no AWS call.
 */
class ValidateCommandTest {

    private static final Path CORPUS = Path.of("src/test/resources/invalid");

    /** Stands in for AWS: any AWS call made through scaffold's clients would connect here. */
    private static ServerSocket fakeAws;
    private static final AtomicInteger connections = new AtomicInteger();

    @BeforeAll
    static void listenForAwsCalls() throws IOException {
        fakeAws = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!fakeAws.isClosed()) {
                try (var ignored = fakeAws.accept()) {
                    connections.incrementAndGet();
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    connections.incrementAndGet();
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
    }

    @AfterAll
    static void stopListening() throws IOException {
        fakeAws.close();
        assertThat(connections).as("connections to the stand-in AWS endpoint").hasValue(0);
    }

    static Stream<String> invalidCases() throws IOException {
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            return dirs.filter(Files::isDirectory).filter(dir -> !validateWarns(dir))
                    .map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** The cases that only plan and apply refuse: a variable without a value, which validate checks as unknown. */
    static Stream<String> casesValidateWarnsAbout() throws IOException {
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            return dirs.filter(Files::isDirectory).filter(ValidateCommandTest::validateWarns)
                    .map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static boolean validateWarns(Path dir) {
        Path file = dir.resolve("request.properties");
        try (Reader reader = Files.exists(file) ? Files.newBufferedReader(file) : null) {
            Properties request = new Properties();
            if (reader != null) {
                request.load(reader);
            }
            return "warns".equals(request.getProperty("validate"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesValidateWarnsAbout")
    void aVariableWithoutAValueIsAWarningToValidate(String name) throws IOException {
        CommandLineRun run = CommandLineRun.of(environment(), arguments(CORPUS.resolve(name), "validate"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains(": warning: variable ").contains("plan and apply need one");
    }

    @Test
    void theLoadBalancerExampleValidatesAndGraphsWithoutItsCertificateSayingPlanNeedsIt() {
        CommandLineRun validate = CommandLineRun.of(environment(), "validate", "-f", "blueprints/load-balancer.yaml");
        CommandLineRun graph = CommandLineRun.of(environment(), "graph", "-f", "blueprints/load-balancer.yaml");

        assertThat(validate.exitCode()).isZero();
        Golden.assertMatches("validate-without-values/load-balancer.txt",
                "$ scaffold validate -f blueprints/load-balancer.yaml\n" + validate.err() + validate.out());
        assertThat(graph.exitCode()).as(graph.err()).isZero();
        assertThat(graph.out()).contains("loadBalancers.web.listener-https");
    }

    @Test
    void theCorpusHasAtLeastThirtyCases() throws IOException {
        assertThat(invalidCases().count()).isGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidBlueprintExitsThreeWithALocationForEachProblem(String name) throws IOException {
        Path dir = CORPUS.resolve(name);

        CommandLineRun run = CommandLineRun.of(environment(), arguments(dir, "validate"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.out()).isEmpty();
        List<String> lines = run.err().lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(line ->
                assertThat(line).matches("(error|\\S+:\\d+:\\d+: error|--var: error|--env: error|\\S+: error): .+"));
        assertThat(lines).filteredOn(line -> line.matches(".+:\\d+:\\d+: error: .+")).hasSizeGreaterThanOrEqualTo(
                expectedPositions(dir));
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void jsonListsTheSameProblemsWithTheirPositions(String name) throws IOException {
        Path dir = CORPUS.resolve(name);

        CommandLineRun run = CommandLineRun.of(environment(), arguments(dir, "validate", "--json"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        JsonNode problems = new ObjectMapper().readTree(run.out());
        assertThat(problems.isArray()).isTrue();
        assertThat(problems.size()).isPositive();
        for (JsonNode problem : problems) {
            assertThat(problem.fieldNames()).toIterable()
                    .containsExactly("file", "line", "column", "severity", "code", "message");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "staging", "prod"})
    void theWebAppExampleIsValidInEveryEnvironment(String environment) {
        List<String> args = new ArrayList<>(List.of("validate", "-f", "blueprints/web-app.yaml",
                "--var", "image=ami-0abcdef1234567890"));
        if (!environment.isEmpty()) {
            args.addAll(List.of("--env", environment));
        }

        CommandLineRun run = CommandLineRun.of(environment(), args.toArray(String[]::new));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("is valid: stack shop");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aMissingFileIsAnIoFailureNamingIt() {
        CommandLineRun run = CommandLineRun.of(environment(), "validate", "-f", "no/such/blueprint.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("no/such/blueprint.yaml");
    }

    private static Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + fakeAws.getLocalPort());
    }

    private static String[] arguments(Path dir, String... command) throws IOException {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("-f", dir.resolve("blueprint.yaml").toString()));
        Path file = dir.resolve("request.properties");
        if (Files.exists(file)) {
            Properties request = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                request.load(reader);
            }
            for (String key : request.stringPropertyNames()) {
                if (key.equals("validate")) {
                    continue;
                } else if (key.equals("env")) {
                    args.addAll(List.of("--env", request.getProperty(key)));
                } else if (key.startsWith("var.")) {
                    args.addAll(List.of("--var", key.substring(4) + "=" + request.getProperty(key)));
                }
            }
        }
        return args.toArray(String[]::new);
    }

    /** The problems of a case that have a position in a file, from its expected.txt. */
    private static int expectedPositions(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("expected.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .filter(line -> !line.contains("0:0"))
                .mapToInt(line -> 1).sum();
    }
}
