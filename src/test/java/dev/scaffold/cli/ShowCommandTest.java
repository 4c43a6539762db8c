package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.plan.PlanFixtures;
import dev.scaffold.plan.PlanSource;
import dev.scaffold.plan.SavedPlan;
import dev.scaffold.report.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scaffold show FILE} where a plan travels: it names the blueprint as the plan does, relative to the plan
 * file, and says what must travel with the plan; a file that is no saved plan gets a hint that works as pasted.
 */
class ShowCommandTest {

    @TempDir
    Path dir;

    private Path saved;

    /** A plan saved in repository/plans/ of the blueprint repository/blueprints/shop.yaml, environment prod. */
    @BeforeEach
    void givenASavedPlanBesideItsBlueprint() throws IOException {
        Path repository = dir.resolve("repository");
        Files.createDirectories(repository.resolve("blueprints"));
        Files.writeString(repository.resolve("blueprints/shop.yaml"), "blueprint: shop\n");
        saved = Files.createDirectories(repository.resolve("plans")).resolve("prod.plan");
        SavedPlan.write(PlanFixtures.samplePlan(), new PlanSource("../blueprints/shop.yaml", "prod",
                Map.of("certificate", "arn:aws:acm:us-east-1:123456789012:certificate/abc"), Set.of(), Set.of(), true),
                saved);
    }

    @Test
    void besideItsBlueprintShowSaysHowToApplyItAndThatTheStateTravelsWithIt() {
        CommandLineRun show = CommandLineRun.of("show", saved.toString());

        assertThat(show.exitCode()).as(show.err()).isZero();
        Golden.assertMatches("show/beside-its-blueprint.txt", madeFrom(show.out()).replace(saved.toString(), "PLAN"));
    }

    @Test
    void copiedWithoutItsBlueprintShowSaysWhatMustTravelAndOffersNoApplyThatWouldFail() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("prod.plan");
        Files.copy(saved, elsewhere);

        CommandLineRun show = CommandLineRun.of("show", elsewhere.toString());

        assertThat(show.exitCode()).as(show.err()).isZero();
        Golden.assertMatches("show/copied-elsewhere.txt", madeFrom(show.out())
                .replace(dir.toString(), "DIR"));
        assertThat(show.out()).doesNotContain("run: scaffold apply");
    }

    @Test
    void aBlueprintGivenToShowGetsAHintThatWorksAsPasted() {
        CommandLineRun show = CommandLineRun.of("show", "blueprints/load-balancer.yaml");

        assertThat(show.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(show.err()).contains("blueprints/load-balancer.yaml is a blueprint, not a saved plan; to check it,"
                + " run: scaffold validate -f blueprints/load-balancer.yaml");
        CommandLineRun hinted = CommandLineRun.of("validate", "-f", "blueprints/load-balancer.yaml");
        assertThat(hinted.exitCode()).as(hinted.err()).isZero();
    }

    @Test
    void junkIsNotASavedPlanWhateverItHolds() throws IOException {
        for (String junk : new String[] {"junk", "", "{}", "42", "{\"kind\":\"saved-plan\"}",
                "{\"kind\":\"saved-plan\",\"formatVersion\":\"two\"}", "{\"changes\":[],\"summary\":{}}"}) {
            Path file = dir.resolve("junk.plan");
            Files.writeString(file, junk);

            CommandLineRun show = CommandLineRun.of("show", file.toString());
            CommandLineRun apply = CommandLineRun.of("apply", file.toString());

            assertThat(show.exitCode()).as(junk).isEqualTo(ExitCodes.FAILURE);
            assertThat(show.err()).as(junk).startsWith("error: " + file + " is not a saved plan")
                    .doesNotContain("format version 0").endsWith("; save one with scaffold plan --out " + file + "\n");
            assertThat(apply.err()).as(junk).isEqualTo(show.err());
        }
    }

    /** What show prints after the plan itself. */
    private static String madeFrom(String out) {
        return out.substring(out.indexOf("Made from"));
    }
}
