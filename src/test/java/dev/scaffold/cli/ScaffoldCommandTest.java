package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The command line's own rules, which hold for every command: usage errors, versions, suggestions, formats. */
class ScaffoldCommandTest {

    private static final java.io.PrintWriter NOWHERE = new java.io.PrintWriter(java.io.Writer.nullWriter());

    @TempDir
    Path dir;

    @Test
    void unknownOptionIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("--bogus");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("error: unknown option '--bogus'").contains("run 'scaffold --help' for usage");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aCommandsOptionBeforeTheCommandIsToldToFollowItWithTheCommandLineThatWorks() {
        CommandLineRun run = CommandLineRun.of("-f", "blueprints/load-balancer.yaml", "validate");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: '-f' is an option of validate, and a command's options follow it:"
                + " run scaffold validate -f blueprints/load-balancer.yaml\n").doesNotContain("did you mean");
        CommandLineRun hinted = CommandLineRun.of("validate", "-f", "blueprints/load-balancer.yaml");
        assertThat(hinted.exitCode()).as(hinted.err()).isZero();
    }

    @Test
    void aTypoOfAnOptionGetsTheOptionSuggested() {
        CommandLineRun run = CommandLineRun.of("plan", "--parallelsim", "4");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("error: unknown option '--parallelsim' (did you mean --parallelism?)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"paln", "Plan", "pla"})
    void aMistypedCommandGetsTheCommandSuggested(String typed) {
        CommandLineRun run = CommandLineRun.of(typed);

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("error: '" + typed + "' is not a scaffold command (did you mean plan?)");
    }

    @Test
    void aMistypedSubcommandOfStateGetsTheSubcommandSuggested() {
        CommandLineRun run = CommandLineRun.of("state", "lsit");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("'lsit' is not a scaffold state command (did you mean list?)");
    }

    @Test
    void versionComesFromTheBuild() {
        CommandLineRun run = CommandLineRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("scaffold ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void everySubcommandAnswersTheVersionAsTheRootDoes(String flag) {
        String root = CommandLineRun.of("--version").out();

        for (String command : new String[] {"plan", "apply", "validate", "output", "init"}) {
            CommandLineRun run = CommandLineRun.of(command, flag);

            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).isEqualTo(root);
        }
    }

    @Test
    void helpListsTheExitCodes() {
        CommandLineRun run = CommandLineRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:").contains("64   command-line usage error");
    }

    @Test
    void theExitCodeListKeepsItsIndentationWhereAMeaningWraps() {
        String help = CommandLineRun.of("--help").out();

        List<String> list = help.substring(help.indexOf("Exit codes:\n") + "Exit codes:\n".length()).lines().toList();

        assertThat(list).hasSizeGreaterThan(ScaffoldCommand.EXIT_CODES.size())
                .allSatisfy(line -> assertThat(line).matches("  [0-9]+ +\\S.*|       +\\S.*"));
        assertThat(list).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void globalOptionsGoBeforeTheCommandToo() throws IOException {
        Path blueprint = validBlueprint();

        CommandLineRun quietBefore = CommandLineRun.of("-q", "validate", "-f", blueprint.toString());
        CommandLineRun quietAfter = CommandLineRun.of("validate", "-q", "-f", blueprint.toString());
        CommandLineRun loud = CommandLineRun.of("validate", "-f", blueprint.toString());

        assertThat(loud.out()).contains("is valid");
        assertThat(quietBefore.exitCode()).isZero();
        assertThat(quietBefore.out()).isEmpty();
        assertThat(quietAfter.out()).isEmpty();
    }

    @Test
    void parallelismZeroIsAUsageErrorBeforeAnyWork() {
        // The blueprint does not exist: reading it would fail with exit 1, so 64 shows nothing was read.
        CommandLineRun run = CommandLineRun.of("plan", "--parallelism", "0", "-f", dir.resolve("none.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("error: --parallelism must be at least 1");
    }

    @Test
    void aVarWithoutAValueIsAUsageErrorBeforeAnyWork() {
        CommandLineRun run = CommandLineRun.of("plan", "--var", "certificate", "-f", dir.resolve("none.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("error: --var certificate gives no value; write --var certificate=VALUE");
    }

    @Test
    void aVarWithAnEmptyValueIsAllowed() throws IOException {
        Path blueprint = validBlueprint();

        CommandLineRun run = CommandLineRun.of("validate", "--var", "team=", "-f", blueprint.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void jsonWithFormatIsAUsageErrorBeforeAnyWork() {
        CommandLineRun run = CommandLineRun.of("plan", "--json", "--format", "markdown",
                "-f", dir.resolve("none.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("error: --json and --format cannot go together");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apply", "destroy"})
    void jsonWithoutAutoApproveIsAUsageErrorBeforeAnyWork(String command) {
        CommandLineRun run = CommandLineRun.of(command, "--json", "-f", dir.resolve("none.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--json prints a result document and asks no question: add --auto-approve");
    }

    @Test
    void aMalformedTargetIsAUsageErrorBeforeAnyWork() {
        CommandLineRun run = CommandLineRun.of("plan", "--target", "loadBalancers", "-f", dir.resolve("none.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'loadBalancers' is neither a tier entry (tier.name");
    }

    @Test
    void aMissingBlueprintFileExitsOneAsTheExitCodeTableSays() {
        CommandLineRun run = CommandLineRun.of("plan", "-f", dir.resolve("blueprint.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("error: there is no blueprint at " + dir.resolve("blueprint.yaml"))
                .doesNotContain("\tat ");
    }

    @Test
    void aMissingVarFileExitsOneAsAMissingBlueprintDoesAndTheHelpSaysSo() throws IOException {
        Path blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, "blueprint: shop\nregion: us-east-1\n");

        CommandLineRun run = CommandLineRun.of("validate", "-f", blueprint.toString(), "--var-file",
                dir.resolve("values.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).isEqualTo("error: there is no variables file at " + dir.resolve("values.yaml")
                + "; check the path given with --var-file\n");
        assertThat(CommandLineRun.of("--help").out().replaceAll("\\s+", " ")).contains("1 error: an AWS call failed,"
                + " apply partly failed, I/O (e.g. a file named on the command line is missing)");
    }

    @Test
    void applyHelpSaysASavedPlanIsAppliedWithoutAsking() {
        CommandLineRun run = CommandLineRun.of("apply", "--help");

        assertThat(run.out().replaceAll("\\s+", " ")).contains("Without a terminal it asks nothing and needs"
                + " --auto-approve. With PLAN, carries out exactly that saved plan without asking, terminal or not");
    }

    @Test
    void errorMessagesStartLowerCase() {
        CommandLineRun missingSubcommand = CommandLineRun.of("state");
        CommandLineRun missingParameter = CommandLineRun.of("force-unlock");

        assertThat(missingSubcommand.err()).startsWith("error: missing subcommand");
        assertThat(missingParameter.err()).startsWith("error: missing required parameter");
    }

    @Test
    void withLogFormatJsonEveryStderrLineIsJsonUsageErrorsToo() throws IOException {
        CommandLineRun usage = CommandLineRun.of("--log-format", "json", "paln");
        CommandLineRun failure = CommandLineRun.of("validate", "--log-format=json", "-f", dir.resolve("none.yaml").toString());

        assertEveryLineIsJson(usage.err());
        assertEveryLineIsJson(failure.err());
        assertThat(new ObjectMapper().readTree(usage.err().lines().findFirst().orElseThrow()).get("message").asText())
                .contains("'paln' is not a scaffold command (did you mean plan?)");
        assertThat(new ObjectMapper().readTree(failure.err().lines().findFirst().orElseThrow()).get("level").asText())
                .isEqualTo("ERROR");
    }

    @Test
    void withoutUtf8TheDashesOfMessagesAreAscii() throws IOException {
        Path blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, "blueprint: shop\nregion: us-east-1\nloadBalancers:\n  web: { algoritm: round-robin }\n");

        CommandLineRun ascii = CommandLineRun.of(Map.of("LANG", "C"), "validate", "-f", blueprint.toString());
        CommandLineRun utf8 = CommandLineRun.of(Map.of("LANG", "en_US.UTF-8"), "validate", "-f", blueprint.toString());

        assertThat(utf8.err()).contains(" — did you mean 'algorithm'?");
        assertThat(ascii.err()).contains(" - did you mean 'algorithm'?").doesNotContain("—");
    }

    @Test
    void boldEndsWithNormalIntensityNeverWithTheCodeSomeTerminalsDrawAsADoubleUnderline() {
        Terminal screen = new Terminal(true, CommandLineRun.inUtf8(Map.of()));

        CommandLineRun error = CommandLineRun.on(screen, "validate", "-f", dir.resolve("none.yaml").toString());
        CommandLineRun help = CommandLineRun.on(screen, "--help");

        assertThat(error.err()).startsWith("\u001b[31m\u001b[1merror: there is no blueprint at ")
                .contains("\u001b[22m").doesNotContain("\u001b[21m");
        assertThat(help.out()).contains("\u001b[1mvalidate\u001b[22m").doesNotContain("\u001b[21m");
    }

    @Test
    void errorsAreColouredOnlyOnATerminalAndNeverWhenToldNot() {
        String[] args = {"validate", "-f", dir.resolve("none.yaml").toString()};
        String[] noColorFirst = {"--no-color", "validate", "-f", dir.resolve("none.yaml").toString()};
        Map<String, String> utf8 = CommandLineRun.inUtf8(Map.of());

        CommandLineRun onScreen = CommandLineRun.on(new Terminal(true, utf8), args);
        CommandLineRun piped = CommandLineRun.on(new Terminal(false, utf8), args);
        CommandLineRun flag = CommandLineRun.on(new Terminal(true, utf8), noColorFirst);
        CommandLineRun environment = CommandLineRun.on(new Terminal(true, CommandLineRun.inUtf8(Map.of("NO_COLOR", "1"))), args);

        assertThat(onScreen.err()).contains("\u001b[");
        assertThat(piped.err()).doesNotContain("\u001b[");
        assertThat(flag.err()).doesNotContain("\u001b[");
        assertThat(environment.err()).doesNotContain("\u001b[");
    }

    @Test
    void aRunBuildsOnlyTheSubcommandItNames() {
        CommandLine commandLine = ScaffoldCommand.commandLineFor(new Terminal(false, Map.of()), NOWHERE, NOWHERE,
                "validate", "-f", "x.yaml");

        assertThat(commandLine.getSubcommands()).containsOnlyKeys("validate");
    }

    @Test
    void helpATypoOrNoSubcommandBuildsEverySubcommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "plan"}, {"valdate"}, {"--version"}}) {
            CommandLine commandLine = ScaffoldCommand.commandLineFor(new Terminal(false, Map.of()), NOWHERE, NOWHERE, args);

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

    private Path validBlueprint() throws IOException {
        Path blueprint = dir.resolve("valid.yaml");
        Files.writeString(blueprint, "blueprint: shop\nregion: us-east-1\nvariables:\n  team: { type: string, default: web }\n"
                + "loadBalancers:\n  web: {}\n");
        return blueprint;
    }

    static void assertEveryLineIsJson(String text) throws IOException {
        assertThat(text).isNotBlank();
        ObjectMapper json = new ObjectMapper();
        for (String line : text.lines().toList()) {
            JsonNode node = json.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.has("time") && node.has("level") && node.has("message")).as(line).isTrue();
        }
    }
}
