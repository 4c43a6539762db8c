package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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

    @Test
    void aRunBuildsOnlyTheSubcommandItNames() {
        CommandLine commandLine = ScaffoldCommand.commandLineFor(new Terminal(false, Map.of()), "validate", "-f", "x.yaml");

        assertThat(commandLine.getSubcommands()).containsOnlyKeys("validate");
    }

    @Test
    void helpATypoOrNoSubcommandBuildsEverySubcommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "plan"}, {"valdate"}, {"--version"}}) {
            CommandLine commandLine = ScaffoldCommand.commandLineFor(new Terminal(false, Map.of()), args);

            assertThat(commandLine.getSubcommands()).as(String.join(" ", args)).hasSize(ScaffoldCommand.SUBCOMMANDS.size());
        }
    }

    @Test
    void helpListsEverySubcommandInOrder() {
        CommandLineRun run = CommandLineRun.of("--help");

        String[] names = ScaffoldCommand.SUBCOMMANDS.stream().map(subcommand -> "  " + subcommand.name() + " ")
                .toArray(String[]::new);
        assertThat(run.out()).containsSubsequence(names);
    }

    @Test
    void everySubcommandIsListedUnderItsOwnName() {
        for (ScaffoldCommand.Subcommand subcommand : ScaffoldCommand.SUBCOMMANDS) {
            assertThat(subcommand.type().getAnnotation(Command.class).name()).isEqualTo(subcommand.name());
        }
    }
}
