package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.testing.JavaCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How Log4j2 starts in a scaffold process, seen in a fresh JVM as a user's run is: not at all in a
 * run that logs nothing, and otherwise once, with the run's own options and without reading a file.
 */
class LoggingStartTest {

    private static final String LOG4J_CORE = "org.apache.logging.log4j.core.";
    private static final String LOGGER_CONTEXT = LOG4J_CORE + "LoggerContext";

    @TempDir
    Path dir;

    @Test
    void aValidateThatLogsNothingNeverStartsLog4j() throws Exception {
        Run run = scaffold("validate", "-f", "blueprints/web-app.yaml");

        assertThat(run.exitCode()).isZero();
        assertThat(run.loadedClasses()).doesNotContain(LOGGER_CONTEXT);
    }

    @Test
    void theFirstLogLineAlreadyHasTheRunsFormatAndNoConfigurationFileIsRead() throws Exception {
        // With -vvv the trace of a failure goes through the log; here the first line Log4j2 writes.
        Run run = scaffold("validate", "-vvv", "--log-format", "json", "-f", dir.resolve("missing.yaml").toString());

        assertThat(run.exitCode()).as("a missing blueprint file").isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("{\"time\":\"").contains("\"level\":\"ERROR\"");
        assertThat(run.loadedClasses())
                .contains(LOGGER_CONTEXT, LogConfigurationFactory.class.getName())
                .doesNotContain(LOG4J_CORE + "config.xml.XmlConfiguration",
                        LOG4J_CORE + "config.properties.PropertiesConfiguration");
    }

    private Run scaffold(String... args) throws IOException, InterruptedException {
        Path classLog = dir.resolve("classes.log");
        List<String> command = JavaCommand.of(Main.class, List.of("-Xlog:class+load=info:file=" + classLog), args);
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("scaffold ended").isTrue();
        // Each line: [uptime][info][class,load] NAME source: …
        List<String> classes = Files.readAllLines(classLog).stream()
                .map(line -> line.substring(line.indexOf("] ", line.indexOf("[class,load]")) + 2).split(" ")[0])
                .toList();
        return new Run(process.exitValue(), err, classes);
    }

    private record Run(int exitCode, String err, List<String> loadedClasses) {
    }
}
