package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.StackInEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stacks whose tiers make the same AWS names: stack {@code X} with tier {@code web-api} and stack
 * {@code X-web} with tier {@code api} both want the load balancer {@code X-web-api}. The second one's plan
 * says so, naming the stack that has it, and its apply refuses before any change.
 */
@ExtendWith(AwsEmulator.class)
class NameClashIT {

    @TempDir
    Path dir;

    @Test
    void aPlanWhoseCreatesTakeNamesAnotherStackHasWarnsAndItsApplyChangesNothing(EmulatorTarget emulator,
                                                                                  AwsClients aws) throws Exception {
        String first = StackInEmulator.uniqueName("clash", dir);
        String second = first + "-web";
        Path firstBlueprint = blueprint("first", first, "web-api");
        Path secondBlueprint = blueprint("second", second, "api");
        String endpoint = emulator.endpoint().toString();
        CommandLineRun applied = CommandLineRun.of(Map.of(), "apply", "--auto-approve", "-f",
                firstBlueprint.toString(), "--endpoint-url", endpoint);
        assertThat(applied.exitCode()).as(applied.err()).isZero();

        CommandLineRun plan = CommandLineRun.of(Map.of(), "plan", "-f", secondBlueprint.toString(),
                "--endpoint-url", endpoint);
        CommandLineRun apply = CommandLineRun.of(Map.of(), "apply", "--auto-approve", "-f",
                secondBlueprint.toString(), "--endpoint-url", endpoint);

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("loadBalancers.api.alb (AWS::ElasticLoadBalancingV2::LoadBalancer")
                .contains("loadBalancers.api.target-group (AWS::ElasticLoadBalancingV2::TargetGroup")
                .contains("loadBalancers.api.security-group (AWS::EC2::SecurityGroup")
                .contains("stack " + first + ", lineage")
                .contains("apply will refuse this plan");
        assertThat(apply.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(apply.err()).contains("refusing to apply").contains("loadBalancers.api.alb");
        assertThat(apply.out()).doesNotContain("creating");
        assertThat(StackInEmulator.loadBalancerArns(aws, second)).isEmpty();
        assertThat(StackInEmulator.securityGroupIds(aws, second)).isEmpty();
        assertThat(StackInEmulator.loadBalancerArns(aws, first)).hasSize(1);
    }

    private Path blueprint(String directory, String stack, String tier) throws Exception {
        Path checkout = Files.createDirectories(dir.resolve(directory));
        return Files.writeString(checkout.resolve("blueprint.yaml"), """
                blueprint: %s
                region: us-east-1
                loadBalancers:
                  %s: { healthCheck: { path: /health } }
                """.formatted(stack, tier));
    }
}
