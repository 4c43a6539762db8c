package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaffoldCommandTest {

    @Test
    void unknownOptionIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("--bogus");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("error: Unknown option: '--bogus'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        CommandLineRun run = CommandLineRun.of("valdate");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("valdate");
    }

    @Test
    void versionComesFromTheBuild() {
        CommandLineRun run = CommandLineRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("scaffold ");
    }

    @Test
    void helpListsTheExitCodes() {
        CommandLineRun run = CommandLineRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:").contains("64   command-line usage error");
    }
}
