package dev.scaffold.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case under {@code src/test/resources/invalid/}: each folder holds a {@code blueprint.yaml} with
 * one problem (plus any files it imports), an {@code expected.txt} listing the diagnostics as
 * {@code [file:]line:column code [message substring]}, and optionally a {@code request.properties} with
 * {@code env=NAME} and {@code var.NAME=VALUE} entries, and {@code everyEnvironment=true} to load it without an
 * environment and under each of its environments, as {@code validate} does.
 */
class InvalidBlueprintCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/invalid");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void invalidBlueprintIsRejectedWithExactlyTheExpectedDiagnostics(String name) throws IOException {
        Path dir = CORPUS.resolve(name);
        LoadRequest request = request(dir);
        List<Expected> expected = expected(dir);

        long start = System.nanoTime();
        boolean everyEnvironment = request.environment() == null && Boolean.parseBoolean(property(dir, "everyEnvironment"));
        BlueprintLoader loader = new BlueprintLoader(Map.of());
        BlueprintException thrown = catchThrowableOfType(BlueprintException.class, () -> {
            if (everyEnvironment) {
                loader.loadEveryEnvironment(request);
            } else {
                loader.load(request);
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(thrown).as("loading %s must fail", name).isNotNull();
        List<Diagnostic> errors = thrown.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
        assertThat(errors).as("all diagnostics of %s:%n%s", name, String.join(System.lineSeparator(), thrown.problems()))
                .extracting(d -> d.file() + ":" + d.line() + ":" + d.column() + " " + d.code())
                .containsExactlyElementsOf(expected.stream()
                        .map(e -> e.file(dir) + ":" + e.location() + " " + e.code())
                        .toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(errors.get(i).message()).contains(expected.get(i).message());
        }
        assertThat(thrown.getStackTrace()).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    /** A property of the case's request.properties, or {@code null}. */
    private static String property(Path dir, String key) throws IOException {
        Properties props = new Properties();
        Path file = dir.resolve("request.properties");
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            }
        }
        return props.getProperty(key);
    }

    private static LoadRequest request(Path dir) throws IOException {
        Properties props = new Properties();
        Path file = dir.resolve("request.properties");
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            }
        }
        Map<String, String> vars = new LinkedHashMap<>();
        props.stringPropertyNames().stream().filter(k -> k.startsWith("var."))
                .forEach(k -> vars.put(k.substring(4), props.getProperty(k)));
        return new LoadRequest(dir.resolve("blueprint.yaml"), props.getProperty("env"), vars, List.of());
    }

    private record Expected(String file, String location, String code, String message) {
        String file(Path dir) {
            return file == null ? dir.resolve("blueprint.yaml").toString()
                    : location.equals("0:0") ? file : dir.resolve(file).toString();
        }
    }

    private static List<Expected> expected(Path dir) throws IOException {
        List<Expected> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("expected.txt"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split(" ", 3);
            String[] where = parts[0].split(":");
            String file = where.length == 3 ? where[0] : null;
            String location = where[where.length - 2] + ":" + where[where.length - 1];
            out.add(new Expected(file, location, parts[1], parts.length > 2 ? parts[2] : ""));
        }
        return out;
    }
}
