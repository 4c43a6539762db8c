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
 * What a newcomer reads where they trust it most, end to end against the emulator: the plan a reviewer
 * reads says what it leaves out, whatever the format and however quiet the run.
 */
@ExtendWith(AwsEmulator.class)
class NewcomerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEFT_OUT = "cdn (site) validated but not provisioned yet";

    @TempDir
    Path dir;

    private EmulatorTarget emulator;
    private String certificate;
    private Path blueprint;

    @BeforeEach
    void writeBlueprintWithATierNotProvisionedYet(EmulatorTarget emulator) throws Exception {
        this.emulator = emulator;
        this.certificate = Certificates.request(emulator, "newcomer.example.com");
        this.blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, """
                blueprint: %s
                region: us-east-1
                variables:
                  certificate: { type: string }
                environments:
                  prod: { production: true }
                loadBalancers:
                  web:
                    https: { certificate: "${var.certificate}" }
                    healthCheck: { path: /health }
                cdn:
                  site: { origin: loadBalancers.web }
                """.formatted(StackInEmulator.uniqueName("newcomer-", dir)));
    }

    @Test
    void whatThePlanLeavesOutIsInTheTextJsonMarkdownAndSavedPlanEvenWithQuiet() throws Exception {
        Path saved = dir.resolve("web.plan");

        CommandLineRun text = scaffold("-q", "plan");
        CommandLineRun json = scaffold("-q", "plan", "--json");
        CommandLineRun markdown = scaffold("-q", "plan", "--format", "markdown");
        CommandLineRun save = scaffold("-q", "plan", "--out", saved.toString());
        CommandLineRun show = CommandLineRun.of("-q", "show", saved.toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.err()).isEmpty();
        assertThat(scaffold("-q", "plan").out()).as("a second plan of the same blueprint").isEqualTo(text.out());
        assertThat(text.out()).contains("tags.scaffold:lineage: (new lineage)");
        assertThat(text.out()).contains("warning: this plan does not provision all the blueprint asks for")
                .contains("\n  " + LEFT_OUT);
        assertThat(JSON.readTree(json.out()).get("notProvisioned")).extracting(JsonNode::asText)
                .singleElement().asString().startsWith(LEFT_OUT);
        assertThat(markdown.out()).contains("> [!WARNING]").contains("> - " + LEFT_OUT);
        assertThat(save.exitCode()).as(save.err()).isZero();
        assertThat(show.out()).contains("\n  " + LEFT_OUT);
    }

    @Test
    void applySaysWhatItLeavesOutAndSoDoesItsJsonResult() throws Exception {
        CommandLineRun apply = scaffold("-q", "apply", "--auto-approve", "--json");

        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(JSON.readTree(apply.out()).get("notProvisioned")).extracting(JsonNode::asText)
                .singleElement().asString().startsWith(LEFT_OUT);
        CommandLineRun again = scaffold("-q", "plan", "--detailed-exitcode");
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).startsWith("No changes. AWS matches the blueprint as far as scaffold provisions it")
                .contains(LEFT_OUT);
    }

    @Test
    void aDestroyAndItsPlanNeedNoVariableValuesWhilePlanAndApplyStillDo() throws Exception {
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();
        Path saved = dir.resolve("destroy.plan");

        CommandLineRun plan = withoutValues("plan");
        CommandLineRun planDestroy = withoutValues("plan", "--destroy", "--out", saved.toString());
        CommandLineRun applyDestroyPlan = CommandLineRun.of("apply", saved.toString(),
                "--endpoint-url", emulator.endpoint().toString());

        assertThat(plan.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(plan.err()).contains("error: variable 'certificate' has no value; give it with --var certificate=…");
        assertThat(planDestroy.exitCode()).as(planDestroy.err()).isZero();
        assertThat(planDestroy.out()).contains("Plan: 0 to add, 0 to change, 0 to replace, 5 to destroy.");
        assertThat(planDestroy.err()).contains("warning: variable 'certificate' has no value");
        assertThat(applyDestroyPlan.exitCode()).as(applyDestroyPlan.err()).isZero();
        assertThat(applyDestroyPlan.out()).contains("Destroy complete: 5 done");
    }

    @Test
    void destroyNeedsNoVariableValues() {
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();

        CommandLineRun destroy = withoutValues("destroy", "--auto-approve");

        assertThat(destroy.exitCode()).as(destroy.err()).isZero();
        assertThat(destroy.out()).contains("Destroy complete: 5 done");
    }

    @Test
    void aSavedDestroyPlanOfProductionSaysDestroyWillRefuseItAndTheRefusalsHintsWorkAsPasted() throws Exception {
        assertThat(scaffold("apply", "--auto-approve", "-e", "prod").exitCode()).isZero();
        Path saved = dir.resolve("d.plan");
        CommandLineRun plan = scaffold("plan", "--destroy", "-e", "prod", "--out", saved.toString());
        assertThat(plan.out()).contains("Plan: 0 to add, 0 to change, 0 to replace, 5 to destroy.\n\nwarning: destroy will"
                + " refuse this plan: environment prod is a production environment (production: true)")
                .contains("Saved the plan to " + saved + ". Apply will refuse it as it stands (see the warning above)")
                .doesNotContain("To carry it out");

        CommandLineRun refused = CommandLineRun.of("apply", saved.toString(), "--endpoint-url",
                emulator.endpoint().toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
        String message = refused.err().strip();
        String lower = "set production: false in environments.prod of " + blueprint + " and run: ";
        assertThat(message).contains("destroy refused", lower);
        String applyHint = between(message, lower, ", then run: ");
        String replanHint = between(message, ", then run: ", ", then: ");
        String lastHint = message.substring(message.lastIndexOf(", then: ") + ", then: ".length());
        assertThat(applyHint).startsWith("scaffold apply -f " + blueprint + " -e prod --var certificate=");
        assertThat(replanHint).startsWith("scaffold plan --destroy -f " + blueprint + " -e prod --var certificate=")
                .endsWith(" --out " + saved);
        assertThat(lastHint).isEqualTo("scaffold apply " + saved + " --endpoint-url " + emulator.endpoint());

        Files.writeString(blueprint, Files.readString(blueprint).replace("production: true", "production: false"));
        assertThat(pasted(applyHint).exitCode()).isZero();
        CommandLineRun replanned = pasted(replanHint);
        assertThat(replanned.exitCode()).isZero();
        assertThat(replanned.out()).doesNotContain("will refuse");
        CommandLineRun destroyed = pasted(lastHint);
        assertThat(destroyed.exitCode()).as(destroyed.err()).isZero();
        assertThat(destroyed.out()).contains("Destroy complete: 5 done");
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from) + from.length();
        return text.substring(start, text.indexOf(to, start));
    }

    /**
     * A command a hint printed, run as a user pasting it at a terminal would, answering yes when asked (its words
     * have no quotes or spaces in them).
     */
    private static CommandLineRun pasted(String command) {
        assertThat(command).startsWith("scaffold ").doesNotContain("'", "\"");
        String[] words = command.substring("scaffold ".length()).split(" ");
        Terminal user = new Terminal(true, false, CommandLineRun.inUtf8(Map.of()), question -> "yes");
        CommandLineRun run = CommandLineRun.on(user, words);
        assertThat(run.exitCode()).as(command + "\n" + run.err()).isZero();
        return run;
    }

    /** scaffold with the blueprint and the emulator but no variable values, as a CI lint or teardown job runs it. */
    private CommandLineRun withoutValues(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", blueprint.toString(), "--endpoint-url", emulator.endpoint().toString()));
        return CommandLineRun.of(Map.of(), all.toArray(String[]::new));
    }

    /** scaffold with the blueprint, the certificate and the emulator, as a newcomer types it. */
    private CommandLineRun scaffold(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", blueprint.toString(), "--var", "certificate=" + certificate,
                "--endpoint-url", emulator.endpoint().toString()));
        return CommandLineRun.of(Map.of(), all.toArray(String[]::new));
    }
}
