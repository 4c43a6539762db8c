package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.StackInEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A new user's first stacks, as they make them: each {@code scaffold init} starter and the repository's
 * {@code blueprints/web-app.yaml} apply with nothing but the image given, plan again with no changes and destroy
 * clean. The tiers not built yet are left out and said to be.
 */
@ExtendWith(AwsEmulator.class)
class StarterBlueprintsIT {

    /** An image the emulator has; in AWS, the user's own. */
    private static final String IMAGE = "ami-1e749f67";

    @TempDir
    Path dir;

    private EmulatorTarget emulator;
    private AwsClients aws;

    @ParameterizedTest
    @ValueSource(strings = { "minimal", "web-app" })
    void aStarterAppliesWithItsImageGivenPlansEmptyAndDestroysClean(String template, EmulatorTarget emulator,
            AwsClients aws) {
        this.emulator = emulator;
        this.aws = aws;
        String stack = StackInEmulator.uniqueName(template.replace("-", ""), dir);
        CommandLineRun init = CommandLineRun.of("init", "--template", template, "--name", stack, dir.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();

        appliesPlansEmptyAndDestroysClean(dir.resolve("blueprint.yaml"), stack);
    }

    @Test
    void theWebAppExampleAppliesTheTiersBuiltSoFar(EmulatorTarget emulator, AwsClients aws) throws Exception {
        this.emulator = emulator;
        this.aws = aws;
        String stack = StackInEmulator.uniqueName("shop", dir);
        Path examples = Path.of("blueprints");
        Files.createDirectories(dir.resolve("shared"));
        Files.createDirectories(dir.resolve("templates/user-data"));
        Files.copy(examples.resolve("shared/baseline.yaml"), dir.resolve("shared/baseline.yaml"));
        Files.copy(examples.resolve("templates/user-data/app.sh.ftl"), dir.resolve("templates/user-data/app.sh.ftl"));
        String example = Files.readString(examples.resolve("web-app.yaml"));
        String local = example.replace("blueprint: shop\n", "blueprint: " + stack + "\n")
                .replaceAll("(?m)^(state|moved): .*\n", "");
        assertThat(local).as("the example with a stack name of its own, a local state and no move")
                .contains("blueprint: " + stack).doesNotContain("state:", "moved:");
        Path blueprint = Files.writeString(dir.resolve("web-app.yaml"), local);

        CommandLineRun plan = scaffold(blueprint, "plan");
        assertThat(plan.out()).contains("+ services.app.group (AWS::AutoScaling::AutoScalingGroup)")
                .contains("+ loadBalancers.web.web-acl (AWS::WAFv2::WebACL)")
                .contains("+ queues.jobs.queue (AWS::SQS::Queue)", "+ queues.jobs.dead-letter-queue (AWS::SQS::Queue)")
                .contains("warning: this plan does not provision all the blueprint asks for")
                .contains("databases (main)", "caches (sessions)", "cdn (site)", "backups (nightly)", "monitoring");
        appliesPlansEmptyAndDestroysClean(blueprint, stack);
    }

    private void appliesPlansEmptyAndDestroysClean(Path blueprint, String stack) {
        CommandLineRun validate = CommandLineRun.of("validate", "-f", blueprint.toString());
        assertThat(validate.exitCode()).as("validate needs no image: " + validate.err()).isZero();
        assertThat(validate.err()).contains("variable 'image' has no value");

        CommandLineRun apply = scaffold(blueprint, "apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("services.app.group", "loadBalancers.web.certificate", "0 failed");
        assertThat(StackInEmulator.loadBalancers(aws, stack)).hasSize(1);

        CommandLineRun again = scaffold(blueprint, "plan", "--detailed-exitcode");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();

        CommandLineRun destroy = CommandLineRun.of("destroy", "--auto-approve", "-f", blueprint.toString(),
                "--endpoint-url", emulator.endpoint().toString());
        assertThat(destroy.exitCode()).as(destroy.out() + destroy.err()).isZero();
        assertThat(StackInEmulator.loadBalancers(aws, stack)).isEmpty();
        assertThat(aws.tagging().getResources(r -> r.tagFilters(f -> f.key("scaffold:stack").values(stack))).join()
                .resourceTagMappingList()).as("a KMS key waits 7 days, pending deletion, before AWS deletes it")
                .allSatisfy(resource -> assertThat(resource.resourceARN()).contains(":kms:"));
    }

    /** scaffold on {@code blueprint} with the image given, against the emulator. */
    private CommandLineRun scaffold(Path blueprint, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", blueprint.toString(), "--var", "image=" + IMAGE,
                "--endpoint-url", emulator.endpoint().toString()));
        return CommandLineRun.of(Map.of(), all.toArray(String[]::new));
    }
}
