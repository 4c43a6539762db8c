package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.StackInEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * A blueprint that imports a shared fragment (a file without {@code blueprint:} of its own, as a team's
 * baseline of tags is) validates, plans, applies, plans no changes and destroys, and the fragment's tags
 * reach AWS under the importing file's.
 */
@ExtendWith(AwsEmulator.class)
class FragmentImportIT {

    @TempDir
    Path dir;

    private EmulatorTarget emulator;
    private AwsClients aws;
    private String certificate;
    private Path blueprint;

    @BeforeEach
    void writeBlueprintAndFragment(EmulatorTarget emulator, AwsClients aws) throws Exception {
        this.emulator = emulator;
        this.aws = aws;
        this.certificate = Certificates.request(emulator, "edge.example.com");
        Files.createDirectories(dir.resolve("shared"));
        Files.writeString(dir.resolve("shared/tags.yaml"), """
                # yaml-language-server: $schema=../blueprint-fragment.schema.json
                # The team's tags: a fragment, so no 'blueprint:' of its own.
                tags: { team: platform, cost-center: "4711", owner: edge-team }
                """);
        this.blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, """
                blueprint: %s
                region: us-east-1
                imports: [ shared/tags.yaml ]
                tags: { team: web }
                variables:
                  certificate: { type: string }
                network: { vpc: default, subnets: default }
                loadBalancers:
                  web:
                    algorithm: least-outstanding-requests
                    https: { certificate: "${var.certificate}" }
                    redirectHttp: true
                    healthCheck: { path: /health }
                """.formatted(stackName()));
    }

    @Test
    void aBlueprintImportingATagsFragmentPlansAppliesStaysUnchangedAndIsDestroyed() {
        CommandLineRun validate = scaffold("validate");
        assertThat(validate.exitCode()).as(validate.err()).isZero();

        CommandLineRun plan = scaffold("plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.CHANGES_PRESENT);
        assertThat(plan.out()).contains("to add, 0 to change, 0 to replace, 0 to destroy.");

        CommandLineRun apply = scaffold("apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("Apply complete:").contains(" 0 failed");
        assertThat(tagsOfTheLoadBalancer()).containsEntry("cost-center", "4711").containsEntry("owner", "edge-team")
                .containsEntry("team", "web").containsEntry("scaffold:stack", stackName());

        CommandLineRun unchanged = scaffold("plan", "--detailed-exitcode");
        assertThat(unchanged.exitCode()).as(unchanged.out() + unchanged.err()).isZero();
        assertThat(unchanged.out()).contains("No changes.");

        CommandLineRun destroy = scaffold("destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.err()).isZero();
        assertThat(destroy.out()).contains("Destroy complete:").contains(" 0 failed");
        assertThat(StackInEmulator.loadBalancers(aws, stackName())).isEmpty();
        assertThat(StackInEmulator.targetGroupArns(aws, stackName())).isEmpty();
        assertThat(StackInEmulator.securityGroupIds(aws, stackName())).isEmpty();
    }

    private Map<String, String> tagsOfTheLoadBalancer() {
        List<String> arns = StackInEmulator.loadBalancerArns(aws, stackName());
        assertThat(arns).hasSize(1);
        return Clients.elbv2(aws).describeTags(r -> r.resourceArns(arns)).join().tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private CommandLineRun scaffold(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", blueprint.toString(), "--var", "certificate=" + certificate));
        if (!args[0].equals("validate")) {
            all.addAll(List.of("--endpoint-url", emulator.endpoint().toString()));
        }
        return CommandLineRun.of(Map.of(), all.toArray(String[]::new));
    }

    private String stackName() {
        return StackInEmulator.uniqueName("fragment-", dir);
    }
}
