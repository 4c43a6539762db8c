package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphCommandTest {

    private static final String[] LOAD_BALANCER = {"-f", "blueprints/load-balancer.yaml",
        "--var", "certificate=arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"};

    @Test
    void dotDrawsAnEdgeFromEachResourceToWhatItNeedsFirst() {
        CommandLineRun run = CommandLineRun.of(args("graph"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("digraph scaffold {")
                .contains("\"loadBalancers.web.alb\" -> \"loadBalancers.web.security-group\";")
                .contains("\"loadBalancers.web.listener-https\" -> \"loadBalancers.web.target-group\";")
                .contains("\"network.main.vpc\" [label=\"network.main.vpc\\nAWS::EC2::VPC\", style=dashed];");
    }

    @Test
    void mermaidIsAFlowchartWithIdsMermaidAccepts() {
        CommandLineRun run = CommandLineRun.of(args("graph", "--format", "mermaid"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("flowchart LR\n")
                .contains("  loadBalancers_web_listener_https --> loadBalancers_web_alb\n");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CommandLineRun run = CommandLineRun.of(args("graph", "--format", "svg"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("dot", "mermaid");
    }

    private static String[] args(String... command) {
        String[] all = new String[command.length + LOAD_BALANCER.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(LOAD_BALANCER, 0, all, command.length, LOAD_BALANCER.length);
        return all;
    }
}
