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

/**
 * A new user's first stacks, as they make them: each {@code scaffold init} starter and the repository's
 * {@code blueprints/web-app.yaml} apply with nothing but the image given and plan again with no changes; the tiers
 * not built yet are left out and said to be. The minimal starter is destroyed clean. The web-app ones are applied in
 * their staging environment (an unprotected database, a cache without replicas: the emulator makes a replication
 * group of one member whatever it is asked, {@code EmulatorGaps.REPLICATION_GROUP_HAS_ONE_MEMBER}) and not
 * destroyed, as the emulator can delete neither a replication group nor a cache subnet group
 * ({@code EmulatorGaps.REPLICATION_GROUP_STAYS_DELETING}, {@code CACHE_SUBNET_GROUP_MODIFY_AND_DELETE_MISSING});
 * {@code DataTierIT} destroys a database tier and {@code QueueTierIT} a queue.
 */
@ExtendWith(AwsEmulator.class)
class StarterBlueprintsIT {

    /** An image the emulator has; in AWS, the user's own. */
    private static final String IMAGE = "ami-1e749f67";

    @TempDir
    Path dir;

    private EmulatorTarget emulator;
    private AwsClients aws;

    @Test
    void theMinimalStarterAppliesWithItsImageGivenPlansEmptyAndDestroysClean(EmulatorTarget emulator, AwsClients aws) {
        this.emulator = emulator;
        this.aws = aws;
        String stack = StackInEmulator.uniqueName("minimal", dir);
        Path blueprint = init("minimal", stack);

        appliesAndPlansEmpty(blueprint, stack);

        CommandLineRun destroy = CommandLineRun.of("destroy", "--auto-approve", "-f", blueprint.toString(),
                "--endpoint-url", emulator.endpoint().toString());
        assertThat(destroy.exitCode()).as(destroy.out() + destroy.err()).isZero();
        assertThat(StackInEmulator.loadBalancers(aws, stack)).isEmpty();
        assertThat(aws.tagging().getResources(r -> r.tagFilters(f -> f.key("scaffold:stack").values(stack))).join()
                .resourceTagMappingList()).as("a KMS key waits 7 days, pending deletion, before AWS deletes it")
                .allSatisfy(resource -> assertThat(resource.resourceARN()).contains(":kms:"));
    }

    @Test
    void theWebAppStarterAppliesEveryTierBuiltSoFarInStaging(EmulatorTarget emulator, AwsClients aws) {
        this.emulator = emulator;
        this.aws = aws;
        String stack = StackInEmulator.uniqueName("webapp", dir);
        Path blueprint = init("web-app", stack);

        CommandLineRun plan = appliesAndPlansEmpty(blueprint, stack, "-e", "staging");

        assertEveryTierBuiltSoFar(plan);
    }

    @Test
    void theWebAppExampleAppliesEveryTierBuiltSoFarInStaging(EmulatorTarget emulator, AwsClients aws) throws Exception {
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
                .replaceAll("(?m)^(state|moved): .*\n", "")
                .replaceAll("(?m)^    policy:\n      waive:\n(        - .*\n)+", "");
        assertThat(local).as("the example with a stack name of its own, a local state, no move and no waiver, which"
                + " are refused until they are built").contains("blueprint: " + stack)
                .doesNotContain("state:", "moved:", "SCF-RDS-004");
        Path blueprint = Files.writeString(dir.resolve("web-app.yaml"), local);

        CommandLineRun plan = appliesAndPlansEmpty(blueprint, stack, "-e", "staging");

        assertEveryTierBuiltSoFar(plan);
    }

    private Path init(String template, String stack) {
        CommandLineRun init = CommandLineRun.of("init", "--template", template, "--name", stack, dir.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        return dir.resolve("blueprint.yaml");
    }

    private static void assertEveryTierBuiltSoFar(CommandLineRun plan) {
        assertThat(plan.out()).contains("+ services.app.group (AWS::AutoScaling::AutoScalingGroup)",
                        "+ loadBalancers.web.web-acl (AWS::WAFv2::WebACL)", "+ databases.main.primary (AWS::RDS::DBInstance)",
                        "+ caches.sessions.replication-group (AWS::ElastiCache::ReplicationGroup)",
                        "+ queues.jobs.queue (AWS::SQS::Queue)")
                .contains("warning: this plan does not provision all the blueprint asks for")
                .contains("cdn (site)", "backups (nightly)", "monitoring")
                .doesNotContain("databases (main)", "caches (sessions)");
    }

    /** Validates without the image, plans, applies and plans again: the plan it applied. */
    private CommandLineRun appliesAndPlansEmpty(Path blueprint, String stack, String... environment) {
        CommandLineRun validate = CommandLineRun.of("validate", "-f", blueprint.toString());
        assertThat(validate.exitCode()).as("validate needs no image: " + validate.err()).isZero();
        assertThat(validate.err()).contains("variable 'image' has no value");

        CommandLineRun plan = scaffold(blueprint, environment, "plan");
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        CommandLineRun apply = scaffold(blueprint, environment, "apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("services.app.group", "loadBalancers.web.certificate", "0 failed");
        assertThat(StackInEmulator.loadBalancers(aws, stack)).hasSize(1);

        CommandLineRun again = scaffold(blueprint, environment, "plan", "--detailed-exitcode");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        return plan;
    }

    /** scaffold on {@code blueprint} in {@code environment} (none, or {@code -e NAME}) with the image given. */
    private CommandLineRun scaffold(Path blueprint, String[] environment, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(environment));
        all.addAll(List.of("-f", blueprint.toString(), "--var", "image=" + IMAGE,
                "--endpoint-url", emulator.endpoint().toString()));
        return CommandLineRun.of(Map.of(), all.toArray(String[]::new));
    }
}
