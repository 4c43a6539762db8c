package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code scaffold apply FILE} accepts beside the file, and what it says of a file that is no plan. */
class ApplySavedPlanOptionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"--var=certificate=arn", "-e=prod", "--target=loadBalancers.web", "-f=blueprint.yaml",
            "--var-file=values.yaml", "--refresh=false"})
    void optionsThatWouldChangeWhatASavedPlanDoesAreUsageErrors(String option) {
        CommandLineRun run = CommandLineRun.of("apply", dir.resolve("prod.plan").toString(), option);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("a saved plan carries its blueprint, environment, variables and targets");
    }

    @Test
    void aBlueprintGivenAsThePlanIsRecognisedAndTheRightCommandNamed() throws Exception {
        Path blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, "blueprint: shop\nregion: us-east-1\nloadBalancers:\n  web: {}\n");

        CommandLineRun run = CommandLineRun.of("apply", blueprint.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains(blueprint + " is a blueprint, not a saved plan; to apply it, run: scaffold apply -f "
                + blueprint);
    }

    @Test
    void planOutNeverReplacesAFileThatIsNotASavedPlan() throws Exception {
        Path blueprint = dir.resolve("blueprint.yaml");
        String text = "blueprint: shop\nregion: us-east-1\nloadBalancers:\n  web: {}\n";
        Files.writeString(blueprint, text);

        CommandLineRun run = CommandLineRun.of("plan", "-f", blueprint.toString(), "--refresh=false",
                "--out", blueprint.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains(blueprint + " exists and is not a saved plan");
        assertThat(Files.readString(blueprint)).isEqualTo(text);
    }
}
