package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.StackInEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * The command line end to end against the AWS emulator, as a user drives it: plan, apply, plan
 * again, edit, plan, apply, destroy; saved plans; locks; failures.
 */
@ExtendWith(AwsEmulator.class)
class PlanApplyDestroyIT {

    @TempDir
    Path dir;

    private EmulatorTarget emulator;
    private AwsClients aws;
    private String certificate;
    private Path blueprint;

    @BeforeEach
    void writeBlueprint(EmulatorTarget emulator, AwsClients aws) throws Exception {
        this.emulator = emulator;
        this.aws = aws;
        this.certificate = Certificates.request(emulator, "edge.example.com");
        this.blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, """
                blueprint: %s
                region: us-east-1
                tags: { team: web }
                variables:
                  certificate: { type: string }
                  healthPath: { type: string, default: /health }
                  idleTimeout: { type: integer, default: 60 }
                  port: { type: integer, default: 8080 }
                loadBalancers:
                  web:
                    algorithm: least-outstanding-requests
                    https: { certificate: "${var.certificate}" }
                    healthCheck: { path: "${var.healthPath}" }
                    idleTimeoutSeconds: ${var.idleTimeout}
                services:
                  app: { loadBalancer: web, port: "${var.port}", image: ami-1e749f67 }
                """.formatted(stackName()));
    }

    @Test
    void planApplyPlanEditApplyDestroyLeavesNothingTaggedWithTheStack() throws Exception {
        CommandLineRun firstPlan = scaffold("plan", "--detailed-exitcode");
        assertThat(firstPlan.exitCode()).as(firstPlan.err()).isEqualTo(ExitCodes.CHANGES_PRESENT);
        assertThat(firstPlan.out()).contains("Plan: 13 to add, 0 to change, 0 to replace, 0 to destroy.");

        CommandLineRun apply = scaffold("apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("Apply complete: 13 done, 0 failed");

        CommandLineRun unchanged = scaffold("plan", "--detailed-exitcode");
        assertThat(unchanged.exitCode()).as(unchanged.out() + unchanged.err()).isZero();
        assertThat(unchanged.out()).contains("No changes.");

        CommandLineRun edited = scaffold("plan", "--detailed-exitcode", "--var", "healthPath=/ready", "--json");
        assertThat(edited.exitCode()).as(edited.err()).isEqualTo(ExitCodes.CHANGES_PRESENT);
        List<JsonNode> changed = changedResources(edited.out());
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("address").asText()).isEqualTo("loadBalancers.web.target-group");
        assertThat(changed.get(0).get("action").asText()).isEqualTo("update");
        assertThat(changed.get(0).get("attributes")).extracting(a -> a.get("name").asText())
                .containsExactly("healthCheckPath");
        CommandLineRun editedText = scaffold("plan", "--var", "healthPath=/ready");
        assertThat(editedText.out()).contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.")
                .contains("\"/health\"").contains("\"/ready\"");

        CommandLineRun applyEdit = scaffold("apply", "--auto-approve", "--var", "healthPath=/ready");
        assertThat(applyEdit.exitCode()).as(applyEdit.err()).isZero();
        assertThat(scaffold("plan", "--detailed-exitcode", "--var", "healthPath=/ready").exitCode()).isZero();

        CommandLineRun output = scaffold("output", "loadBalancers.web.dnsName");
        assertThat(output.exitCode()).as(output.err()).isZero();
        assertThat(output.out().strip()).isEqualTo(loadBalancersOfStack().get(0).dnsName());

        CommandLineRun destroy = scaffold("destroy", "--auto-approve", "--var", "healthPath=/ready");
        assertThat(destroy.exitCode()).as(destroy.err()).isZero();
        assertThat(destroy.out()).contains("Destroy complete: 13 done, 0 failed");
        assertThat(loadBalancersOfStack()).isEmpty();
        assertThat(targetGroupsOfStack()).isEmpty();
        assertThat(StackInEmulator.securityGroupIds(aws, stackName())).isEmpty();
    }

    @Test
    void aSecondCheckoutOfTheSameBlueprintNeverAdoptsChangesOrDeletesTheFirstsResources() throws Exception {
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();
        String firstLoadBalancer = loadBalancersOfStack().get(0).loadBalancerArn();
        Path secondCheckout = Files.createDirectories(dir.resolve("second-checkout"));
        Path second = Files.copy(blueprint, secondCheckout.resolve("blueprint.yaml"));

        CommandLineRun plan = scaffold(second, "plan");
        CommandLineRun apply = scaffold(second, "apply", "--auto-approve");
        CommandLineRun destroy = scaffold(second, "destroy", "--auto-approve");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        // Ten, not thirteen: the emulator's tagging read omits the two listeners
        // (EmulatorGaps.TAGGING_API_OMITS_LISTENERS), and a scaling policy, which carries no tags, is looked for
        // on this state's groups only.
        assertThat(plan.out()).contains("warning: 10 resources in AWS that this state does not own stand where this"
                + " plan's do: tagged with this stack and environment by another state").contains("apply will refuse this plan");
        assertThat(apply.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(apply.err()).contains("another state owns").contains("loadBalancers.web.alb");
        assertThat(destroy.exitCode()).as(destroy.err()).isZero();
        assertThat(destroy.out()).contains("There is nothing to destroy.");
        assertThat(loadBalancersOfStack()).extracting(LoadBalancer::loadBalancerArn).containsExactly(firstLoadBalancer);
        assertThat(targetGroupsOfStack()).hasSize(1);
        CommandLineRun firstAgain = scaffold("plan", "--detailed-exitcode");
        assertThat(firstAgain.exitCode()).as(firstAgain.out()).isZero();
        assertThat(firstAgain.out()).contains("No changes.").doesNotContain("warning");
    }

    @Test
    void afterAnInPlaceUpdateEveryRecordKeepsItsDependenciesAndDestroyDeletesInThatOrder() throws Exception {
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();
        CommandLineRun update = scaffold("apply", "--auto-approve", "--var", "idleTimeout=120");
        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(update.out()).contains("Apply complete: 1 done");

        JsonNode resources = new ObjectMapper().readTree(Files.readAllBytes(stateFile())).get("resources");
        assertThat(strings(resources.get("loadBalancers.web.alb").get("dependencies")))
                .containsExactly("loadBalancers.web.security-group");
        assertThat(strings(resources.get("loadBalancers.web.listener-https").get("dependencies")))
                .containsExactly("loadBalancers.web.alb", "loadBalancers.web.target-group");
        List<String> deletes;
        try (FaultInjectingProxy recording = FaultInjectingProxy.passThrough(emulator.endpoint())) {
            CommandLineRun destroy = CommandLineRun.of(Map.of(), "destroy", "--auto-approve", "-f", blueprint.toString(),
                    "--var", "certificate=" + certificate, "--var", "idleTimeout=120",
                    "--endpoint-url", recording.endpoint().toString());
            assertThat(destroy.exitCode()).as(destroy.err()).isZero();
            deletes = recording.forwardedOperations().stream().filter(op -> op.startsWith("Delete")).toList();
        }

        assertThat(deletes.lastIndexOf("DeleteListener")).isLessThan(deletes.indexOf("DeleteLoadBalancer"))
                .isLessThan(deletes.indexOf("DeleteTargetGroup"));
        assertThat(deletes.indexOf("DeleteLoadBalancer")).isLessThan(deletes.indexOf("DeleteSecurityGroup"));
        assertThat(loadBalancersOfStack()).isEmpty();
    }

    @Test
    void aNewServicePortIsPlannedAsCreateThenDeleteAndAppliedInThatOrder() throws Exception {
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();

        CommandLineRun plan = scaffold("plan", "--var", "port=9090");
        List<String> calls;
        try (FaultInjectingProxy recording = FaultInjectingProxy.passThrough(emulator.endpoint())) {
            CommandLineRun apply = CommandLineRun.of(Map.of(), "apply", "--auto-approve", "-f", blueprint.toString(),
                    "--var", "certificate=" + certificate, "--var", "port=9090",
                    "--endpoint-url", recording.endpoint().toString());
            assertThat(apply.exitCode()).as(apply.err()).isZero();
            calls = recording.forwardedOperations();
        }

        assertThat(plan.out()).contains("+/- create replacement and then destroy")
                .contains("+/- loadBalancers.web.target-group");
        assertThat(calls.indexOf("CreateTargetGroup")).isPositive()
                .isLessThan(calls.indexOf("ModifyListener"));
        assertThat(calls.lastIndexOf("ModifyListener")).isLessThan(calls.indexOf("DeleteTargetGroup"));
        assertThat(targetGroupsOfStack()).hasSize(1);
    }

    @Test
    void aPlanInAnotherRegionThanTheStatesIsRefusedNamingBoth() throws Exception {
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();

        CommandLineRun plan = scaffold("plan", "--region", "us-west-2");
        CommandLineRun destroy = scaffold("destroy", "--auto-approve", "--region", "us-west-2");

        assertThat(plan.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(plan.err()).contains("region us-east-1 of account").contains("region us-west-2 of account")
                .contains("--region us-east-1");
        assertThat(destroy.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(loadBalancersOfStack()).hasSize(1);
        assertThat(scaffold("state", "list").out().lines()).hasSize(13);
    }

    private Path stateFile() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve(".scaffold"))) {
            return files.filter(f -> f.toString().endsWith(".state.json")).findFirst().orElseThrow();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void staleSavedPlanIsRefused() throws Exception {
        Path saved = dir.resolve("plan.json");
        assertThat(scaffold("plan", "--out", saved.toString()).exitCode()).isZero();
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();

        CommandLineRun stale = scaffold("apply", saved.toString());

        assertThat(stale.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(stale.err()).contains("saved plan is stale");
        assertThat(loadBalancersOfStack()).hasSize(1);
    }

    @Test
    void aSavedPlanAppliesExactlyWhatItShowed() throws Exception {
        Path saved = dir.resolve("plan.json");
        assertThat(scaffold("plan", "--out", saved.toString()).exitCode()).isZero();

        CommandLineRun apply = scaffold("apply", saved.toString());

        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("Apply complete: 13 done");
        assertThat(scaffold("plan", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void twoAppliesStartedTogetherOneProceedsTheOtherExitsLocked() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<CommandLineRun>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return scaffold("apply", "--auto-approve");
            }));
        }

        List<CommandLineRun> done = runs.stream().map(CompletableFuture::join).toList();

        assertThat(done).extracting(CommandLineRun::exitCode)
                .containsExactlyInAnyOrder(ExitCodes.OK, ExitCodes.LOCKED);
        CommandLineRun locked = done.stream().filter(r -> r.exitCode() == ExitCodes.LOCKED).findFirst().orElseThrow();
        assertThat(locked.err()).contains("is locked by").contains("pid").contains("apply").contains("since");
        assertThat(loadBalancersOfStack()).hasSize(1);
    }

    @Test
    void anAwsErrorNamesTheResourceAndOperationAndKeepsWhatWasMade() throws Exception {
        String missing = certificate.replaceAll("[0-9a-f-]{36}$", "00000000-0000-0000-0000-000000000000");

        CommandLineRun apply = scaffold(List.of("apply", "--auto-approve"), missing);

        assertThat(apply.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(apply.err()).contains("loadBalancers.web.listener-https").contains("CreateListener failed");
        CommandLineRun state = scaffold(List.of("state", "list"), missing);
        assertThat(state.out()).contains("loadBalancers.web.alb", "loadBalancers.web.target-group",
                "loadBalancers.web.security-group").doesNotContain("listener-https");
    }

    @Test
    void aCorruptStateExitsOneAndLeavesTheFileAndItsBackupUntouched() throws Exception {
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();
        assertThat(scaffold("apply", "--auto-approve", "--var", "healthPath=/ready").exitCode()).isZero();
        Path state;
        try (Stream<Path> files = Files.list(dir.resolve(".scaffold"))) {
            state = files.filter(f -> f.toString().endsWith(".state.json")).findFirst().orElseThrow();
        }
        byte[] truncated = java.util.Arrays.copyOf(Files.readAllBytes(state), 40);
        Files.write(state, truncated);
        Path backup = Path.of(state + ".backup");
        byte[] backupBefore = Files.readAllBytes(backup);

        CommandLineRun plan = scaffold("plan");

        assertThat(plan.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(plan.err()).contains(state.getFileName().toString()).doesNotContain("\tat ");
        assertThat(Files.readAllBytes(state)).isEqualTo(truncated);
        assertThat(Files.readAllBytes(backup)).isEqualTo(backupBefore);
    }

    private CommandLineRun scaffold(String... args) {
        return scaffold(List.of(args), certificate);
    }

    private CommandLineRun scaffold(Path blueprintFile, String... args) {
        return scaffold(blueprintFile, List.of(args), certificate);
    }

    private CommandLineRun scaffold(List<String> args, String certificateArn) {
        return scaffold(blueprint, args, certificateArn);
    }

    private CommandLineRun scaffold(Path blueprintFile, List<String> args, String certificateArn) {
        List<String> all = new ArrayList<>(args);
        boolean savedPlan = args.get(0).equals("apply") && args.size() > 1 && !args.get(1).startsWith("-");
        if (!savedPlan) {
            // A saved plan carries its blueprint and variables; apply takes neither beside it.
            all.addAll(List.of("-f", blueprintFile.toString(), "--var", "certificate=" + certificateArn));
        }
        if (List.of("plan", "apply", "destroy").contains(args.get(0))) {
            all.addAll(List.of("--endpoint-url", emulator.endpoint().toString()));
        }
        return CommandLineRun.of(Map.of(), all.toArray(String[]::new));
    }

    /** The changes of a {@code plan --json} document that do something. */
    private static List<JsonNode> changedResources(String planJson) throws Exception {
        List<JsonNode> changed = new ArrayList<>();
        for (JsonNode change : new ObjectMapper().readTree(planJson).get("changes")) {
            if (!change.get("action").asText().equals("no-op")) {
                changed.add(change);
            }
        }
        return changed;
    }

    private String stackName() {
        return StackInEmulator.uniqueName("e2e-", dir);
    }

    private List<LoadBalancer> loadBalancersOfStack() {
        return StackInEmulator.loadBalancers(aws, stackName());
    }

    private List<String> targetGroupsOfStack() {
        return StackInEmulator.targetGroupArns(aws, stackName());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
