package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.StackInEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flags of plan and apply as a newcomer uses them, end to end against the AWS emulator: notes and
 * quiet, JSON on stderr, targets, the apply result and outputs, the question on the terminal, and
 * what a plan without a refresh may claim.
 */
@ExtendWith(AwsEmulator.class)
class CommandLineFlagsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private EmulatorTarget emulator;
    private String certificate;
    private Path blueprint;

    @BeforeEach
    void writeBlueprintWithATierNotProvisionedYet(EmulatorTarget emulator) throws Exception {
        this.emulator = emulator;
        this.certificate = Certificates.request(emulator, "flags.example.com");
        this.blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, """
                blueprint: %s
                region: us-east-1
                variables:
                  certificate: { type: string }
                  healthPath: { type: string, default: /health }
                loadBalancers:
                  web:
                    https: { certificate: "${var.certificate}" }
                    healthCheck: { path: "${var.healthPath}" }
                services:
                  app:
                    loadBalancer: web
                    port: 8080
                    image: ami-1e749f67
                    instanceType: t3.small
                    capacity: { min: 1, max: 2 }
                """.formatted(StackInEmulator.uniqueName("flags-", dir)));
    }

    @Test
    void notesGoToStderrAndQuietSilencesThem() {
        CommandLineRun plain = scaffold("plan");
        CommandLineRun quiet = scaffold("-q", "plan");
        CommandLineRun noState = CommandLineRun.of("state", "list", "-f", blueprint.toString());
        CommandLineRun quietNoState = CommandLineRun.of("-q", "state", "list", "-f", blueprint.toString());

        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(withoutLineage(quiet.out())).isEqualTo(withoutLineage(plain.out()));
        assertThat(noState.err()).startsWith("note: there is no state at ");
        assertThat(quietNoState.err()).isEmpty();
    }

    private static String withoutLineage(String plan) {
        return plan.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "LINEAGE");
    }

    @Test
    void withLogFormatJsonEveryStderrLineIsJsonNotesAndErrorsToo() throws Exception {
        Path shared = Files.writeString(dir.resolve("shared.yaml"), "healthPath: /ready\nteam: web\n");
        CommandLineRun plan = scaffold("plan", "--log-format", "json", "--var-file", shared.toString());
        CommandLineRun noted = CommandLineRun.of("state", "list", "--log-format", "json", "-f", blueprint.toString());
        CommandLineRun failed = scaffold("plan", "--log-format", "json", "--target", "loadBalancers.wbe");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        ScaffoldCommandTest.assertEveryLineIsJson(plan.err());
        assertThat(levelsOf(plan.err())).contains("WARN");
        ScaffoldCommandTest.assertEveryLineIsJson(noted.err());
        assertThat(levelsOf(noted.err())).contains("NOTE");
        ScaffoldCommandTest.assertEveryLineIsJson(failed.err());
        assertThat(levelsOf(failed.err())).contains("ERROR");
    }

    @Test
    void aTwoPartTargetSelectsEveryResourceOfTheTierEntry() throws Exception {
        CommandLineRun entry = scaffold("plan", "--json", "--target", "loadBalancers.web");
        CommandLineRun one = scaffold("plan", "--json", "--target", "loadBalancers.web.alb");

        assertThat(entry.exitCode()).as(entry.err()).isZero();
        assertThat(addresses(entry.out())).containsExactlyInAnyOrder("loadBalancers.web.security-group",
                "loadBalancers.web.alb", "loadBalancers.web.target-group", "loadBalancers.web.listener-https",
                "loadBalancers.web.listener-http");
        assertThat(addresses(one.out())).contains("loadBalancers.web.alb").doesNotContain("loadBalancers.web.listener-https");
    }

    @Test
    void aMistypedTargetGetsTheRightOneSuggestedCaseSlipsIncluded() {
        CommandLineRun entry = scaffold("plan", "--target", "loadbalancers.web");
        CommandLineRun resource = scaffold("plan", "--target", "loadBalancers.web.abl");

        assertThat(entry.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(entry.err()).contains("--target loadbalancers.web matches nothing in the blueprint or the state"
                + " (did you mean loadBalancers.web?)");
        assertThat(resource.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(resource.err()).contains("(did you mean loadBalancers.web.alb?)");
    }

    @Test
    void applyJsonPrintsTheResultDocumentNotThePlanAndTextApplyPrintsTheOutputs() throws Exception {
        CommandLineRun json = scaffold("apply", "--auto-approve", "--json");

        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode result = JSON.readTree(json.out());
        assertThat(result.get("kind").asText()).isEqualTo("apply-result");
        assertThat(result.get("status").asText()).isEqualTo("complete");
        assertThat(result.get("resources")).hasSize(13).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("done"));
        assertThat(result.get("summary").get("added").asInt()).isEqualTo(13);
        String dnsName = result.get("outputs").get("loadBalancers.web.dnsName").asText();
        assertThat(dnsName).isNotBlank();
        assertThat(json.err()).contains("Apply complete: 13 done");

        CommandLineRun text = scaffold("apply", "--auto-approve", "--var", "healthPath=/ready");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Starting 1 change, ").contains("Apply complete: 1 done")
                .contains("\nOutputs:\n").contains("\nloadBalancers.web.dnsName = " + dnsName + "\n");
    }

    @Test
    void withStdoutPipedTheQuestionIsAskedOnTheTerminal() {
        List<String> asked = new ArrayList<>();
        Terminal pipedStdout = new Terminal(true, false, CommandLineRun.inUtf8(Map.of()), prompt -> {
            asked.add(prompt);
            return "yes";
        });

        CommandLineRun apply = CommandLineRun.on(pipedStdout, args("apply"));

        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(asked).containsExactly("Do you want to apply these changes? Only 'yes' is accepted: ");
        assertThat(apply.out()).doesNotContain("Only 'yes'").contains("Apply complete: 13 done");
    }

    @Test
    void withoutARefreshThePlanNeverClaimsAwsMatches() {
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();

        CommandLineRun trusted = scaffold("plan", "--refresh=false");
        CommandLineRun refreshed = scaffold("plan");

        assertThat(trusted.exitCode()).as(trusted.err()).isZero();
        assertThat(trusted.out()).contains("No changes. The state matches the blueprint; AWS was not read")
                .doesNotContain("AWS matches");
        assertThat(refreshed.out()).contains("No changes. AWS matches the blueprint.");
    }

    @Test
    void aPlanSavedWithoutARefreshNeverClaimsAwsMatchesWhenShown() {
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();
        String saved = blueprint.resolveSibling("trusted.plan").toString();
        assertThat(scaffold("plan", "--refresh=false", "--out", saved).exitCode()).isZero();

        CommandLineRun show = CommandLineRun.of("show", saved);

        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("No changes. The state matches the blueprint; AWS was not read")
                .doesNotContain("AWS matches");
    }

    @Test
    void withoutUtf8ArrowsAndEllipsesAreAscii() {
        Map<String, String> cLocale = Map.of("LANG", "C");

        CommandLineRun apply = CommandLineRun.of(cLocale, args("apply", "--auto-approve"));
        CommandLineRun plan = CommandLineRun.of(cLocale, args("plan", "--var", "healthPath=/ready"));

        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("loadBalancers.web.alb: creating...").doesNotContain("…", "→");
        assertThat(plan.out()).contains("\"/health\" -> \"/ready\"").doesNotContain("→");
    }

    @Test
    void markdownAndOutDoNotMixOnStdout() throws Exception {
        Path saved = dir.resolve("plan.saved.json");

        CommandLineRun markdown = scaffold("plan", "--format", "markdown", "--out", saved.toString());

        assertThat(markdown.exitCode()).as(markdown.err()).isZero();
        assertThat(markdown.out()).startsWith("### scaffold plan").doesNotContain("Saved the plan").doesNotContain(saved.toString());
        assertThat(markdown.err()).contains("note: saved the plan to " + saved);
        assertThat(saved).exists();
    }

    private CommandLineRun scaffold(String... args) {
        return CommandLineRun.of(args(args));
    }

    private String[] args(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", blueprint.toString(), "--var", "certificate=" + certificate,
                "--endpoint-url", emulator.endpoint().toString()));
        return all.toArray(String[]::new);
    }

    private static List<String> levelsOf(String jsonLines) throws Exception {
        List<String> levels = new ArrayList<>();
        for (String line : jsonLines.lines().toList()) {
            levels.add(JSON.readTree(line).get("level").asText());
        }
        return levels;
    }

    /** The addresses a {@code plan --json} document would change. */
    private static List<String> addresses(String planJson) throws Exception {
        List<String> addresses = new ArrayList<>();
        for (JsonNode change : JSON.readTree(planJson).get("changes")) {
            addresses.add(change.get("address").asText());
        }
        return addresses;
    }
}
