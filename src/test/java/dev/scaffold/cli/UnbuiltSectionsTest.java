package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blueprint sections that validate accepts but no command carries out yet: plan and apply refuse
 * them, before any AWS call, instead of doing silently other than the blueprint says.
 */
class UnbuiltSectionsTest {

    private static final String LOAD_BALANCER = """
            blueprint: edge
            region: us-east-1
            network: { vpc: default, subnets: default }
            loadBalancers:
              web: { healthCheck: { path: /health } }
            """;

    @TempDir
    Path dir;

    @Test
    void aMovedTierIsRefusedSinceItsResourcesWouldBeReplaced() throws IOException {
        Path blueprint = write(LOAD_BALANCER + "moved: [ { from: loadBalancers.old, to: loadBalancers.web } ]\n");

        CommandLineRun run = plan(blueprint);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains(blueprint + ": moved is not supported yet", "loadBalancers.old → loadBalancers.web",
                "keep the old tier names");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aPolicyWaiverIsRefusedSinceNoRuleIsCheckedYet() throws IOException {
        Path blueprint = write(LOAD_BALANCER
                + "policy: { waive: [ { rule: SCF-ELB-001, reason: internal only, until: 2030-01-01 } ] }\n");

        CommandLineRun run = CommandLineRun.of("apply", "--auto-approve", "-f", blueprint.toString(),
                "--endpoint-url", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("policy.waive is not supported yet", "(SCF-ELB-001)");
    }

    @Test
    void everyUnbuiltSectionIsNamedInOneRefusal() throws IOException {
        Path blueprint = write(LOAD_BALANCER + """
                state: { backend: s3, bucket: acme-state, key: edge.json }
                moved: [ { from: loadBalancers.old, to: loadBalancers.web } ]
                policy: { waive: [ { rule: SCF-ELB-001, reason: internal only, until: 2030-01-01 } ] }
                """);

        CommandLineRun run = plan(blueprint);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("state backend 's3' is not supported yet", "moved is not supported yet",
                "policy.waive is not supported yet");
    }

    @Test
    void anEmptyWaiverListAndNoMovesAreAccepted() throws IOException {
        Path blueprint = write(LOAD_BALANCER + "policy: { waive: [] }\nmoved: []\n");

        CommandLineRun run = CommandLineRun.of("graph", "-f", blueprint.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("loadBalancers.web.alb");
    }

    @Test
    void validateStillChecksTheSections() throws IOException {
        Path blueprint = write(LOAD_BALANCER + "moved: [ { from: loadBalancers.old, to: loadBalancers.web } ]\n");

        CommandLineRun run = CommandLineRun.of("validate", "-f", blueprint.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private CommandLineRun plan(Path blueprint) {
        // A closed port: were a refusal to come after the first AWS call, the run would fail otherwise.
        return CommandLineRun.of("plan", "-f", blueprint.toString(), "--endpoint-url", "http://127.0.0.1:1");
    }

    private Path write(String text) throws IOException {
        Path blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, text);
        return blueprint;
    }
}
