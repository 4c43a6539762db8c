package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.JavaCommand;
import dev.scaffold.testing.StackInEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved plans as CI uses them (plan in one job, apply the file in another) and a protected stack's
 * destroy, against the emulator.
 */
@ExtendWith(AwsEmulator.class)
class SavedPlanIT {

    @TempDir
    Path dir;

    private EmulatorTarget emulator;
    private String certificate;
    private Path repository;
    private Path blueprint;

    @BeforeEach
    void writeBlueprint(EmulatorTarget emulator) throws Exception {
        this.emulator = emulator;
        this.certificate = Certificates.request(emulator, "travel.example.com");
        this.repository = Files.createDirectories(dir.resolve("repository"));
        this.blueprint = Files.createDirectories(repository.resolve("blueprints")).resolve("shop.yaml");
        Files.writeString(blueprint, """
                blueprint: %s
                region: us-east-1
                variables:
                  certificate: { type: string }
                  healthPath: { type: string, default: /health }
                environments:
                  prod: { production: true }
                  staging: { variables: { healthPath: /staging-health } }
                loadBalancers:
                  web:
                    https: { certificate: "${var.certificate}" }
                    healthCheck: { path: "${var.healthPath}" }
                """.formatted(stack()));
    }

    @Test
    void aPlanSavedInOneDirectoryAppliesFromAnotherWithNoVarEnvOrFile() throws Exception {
        Path saved = repository.resolve("staging.plan");
        CommandLineRun plan = scaffold("plan", "-f", blueprint.toString(), "-e", "staging",
                "--var", "certificate=" + certificate, "--var", "healthPath=/ready", "--out", saved.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("To carry it out, run: scaffold apply " + saved);
        Path elsewhere = Files.createDirectories(dir.resolve("a-job-elsewhere"));

        Process apply = new ProcessBuilder(JavaCommand.of(Main.class, JavaCommand.EMULATOR_CREDENTIALS,
                "apply", saved.toString(), "--endpoint-url", emulator.endpoint().toString()))
                .directory(elsewhere.toFile()).redirectErrorStream(true).start();
        String output = new String(apply.getInputStream().readAllBytes());
        assertThat(apply.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(apply.exitValue()).as(output).isZero();
        assertThat(output).contains("Apply complete: 5 done");
        CommandLineRun again = scaffold("plan", "--detailed-exitcode", "-f", blueprint.toString(), "-e", "staging",
                "--var", "certificate=" + certificate, "--var", "healthPath=/ready");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(Files.exists(repository.resolve("blueprints/.scaffold/" + stack() + ".staging.state.json")))
                .as("the state lives beside the blueprint the plan names, wherever apply ran").isTrue();
    }

    @Test
    void showPrintsASavedPlanAndWhatItWasMadeFrom() throws Exception {
        Path saved = repository.resolve("prod.plan");
        assertThat(scaffold("plan", "-f", blueprint.toString(), "-e", "prod", "--var", "certificate=" + certificate,
                "--out", saved.toString()).exitCode()).isZero();

        CommandLineRun text = scaffold("show", saved.toString());
        CommandLineRun json = scaffold("show", "--json", saved.toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Plan: 5 to add").contains("environment prod")
                .contains("To carry it out, run: scaffold apply " + saved);
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).startsWith("{").contains("\"environment\": \"prod\"").doesNotContain("To carry it out");
    }

    @Test
    void aStalePlanNamesTheExactCommandThatMakesItAgain() throws Exception {
        Path saved = repository.resolve("prod.plan");
        assertThat(scaffold("plan", "-f", blueprint.toString(), "-e", "prod", "--var", "certificate=" + certificate,
                "--out", saved.toString()).exitCode()).isZero();
        assertThat(scaffold("apply", "--auto-approve", "-f", blueprint.toString(), "-e", "prod",
                "--var", "certificate=" + certificate).exitCode()).isZero();

        CommandLineRun stale = scaffold("apply", saved.toString());

        assertThat(stale.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(stale.err()).contains("saved plan is stale").contains("nothing was changed")
                .contains("Make the plan again: scaffold plan -f " + blueprint + " -e prod --var certificate="
                        + certificate + " --var healthPath=/health --endpoint-url " + emulator.endpoint() + " --out " + saved
                        + "\n");
    }

    @Test
    void destroyOfAProtectedProductionStackMakesNoAwsMutationAndSaysWhatToLower(AwsClients aws) throws Exception {
        assertThat(scaffold("apply", "--auto-approve", "-f", blueprint.toString(), "-e", "prod",
                "--var", "certificate=" + certificate).exitCode()).isZero();

        CommandLineRun destroy;
        List<String> calls;
        try (FaultInjectingProxy counting = FaultInjectingProxy.passThrough(emulator.endpoint())) {
            destroy = CommandLineRun.of(Map.of(), "destroy", "--auto-approve", "-f", blueprint.toString(), "-e", "prod",
                    "--var", "certificate=" + certificate, "--endpoint-url", counting.endpoint().toString());
            calls = new ArrayList<>(counting.forwardedOperations());
        }

        assertThat(destroy.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(destroy.err()).contains("destroy refused").contains("production: true")
                .contains("nothing was changed")
                .contains("run: scaffold apply -f " + blueprint + " -e prod")
                .contains("then run: scaffold destroy -f " + blueprint + " -e prod")
                .doesNotContain("apply again");
        assertThat(calls).as("no AWS call changes anything").noneMatch(call -> call.matches(
                "(Create|Delete|Modify|Set|Add|Remove|Authorize|Revoke|Register|Deregister).*"));
        assertThat(scaffold("plan", "--detailed-exitcode", "-f", blueprint.toString(), "-e", "prod",
                "--var", "certificate=" + certificate).exitCode()).as("the stack is as it was").isZero();
    }

    private CommandLineRun scaffold(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (List.of("plan", "apply", "destroy").contains(args[0])) {
            all.addAll(List.of("--endpoint-url", emulator.endpoint().toString()));
        }
        return CommandLineRun.of(Map.of(), all.toArray(String[]::new));
    }

    private String stack() {
        return StackInEmulator.uniqueName("travel-", dir);
    }
}
