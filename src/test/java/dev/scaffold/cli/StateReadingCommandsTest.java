package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.SensitiveValues;
import dev.scaffold.state.LocalStateStore;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import dev.scaffold.state.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** output and state read only the state: they need no variable values and no AWS. */
class StateReadingCommandsTest {

    private static final ResourceAddress ALB = ResourceAddress.parse("loadBalancers.web.alb");

    @TempDir
    Path dir;

    private Path blueprint;

    @BeforeEach
    void givenAnAppliedStackWhoseBlueprintNeedsAVariable() throws IOException {
        blueprint = dir.resolve("blueprint.yaml");
        Files.writeString(blueprint, """
                blueprint: shop
                region: us-east-1
                variables:
                  certificate: { type: string }
                loadBalancers:
                  web: { https: { certificate: "${var.certificate}" } }
                environments:
                  prod: { production: true }
                """);
        LocalStateStore store = new LocalStateStore(dir, "shop", "prod");
        State state = State.empty("shop", "prod")
                .with(new ResourceState(ALB, "AWS::ElasticLoadBalancingV2::LoadBalancer", "arn:alb", "arn:alb",
                        Map.of("dnsName", "shop-prod-web.elb.example"), Set.of(), ResourceStatus.OK))
                .withOutputs(Map.of("loadBalancers.web.dnsName", "shop-prod-web.elb.example"));
        try (StateLock lock = store.lock("apply")) {
            store.write(state);
        }
    }

    @Test
    void anOutputTheStateHoldsOnlyAsADigestPrintsAsSensitive() throws IOException {
        LocalStateStore store = new LocalStateStore(dir, "shop", "prod");
        State state = store.read().orElseThrow();
        String digest = SensitiveValues.salted(state.lineage()).digest("TOPSECRET-hunter2");
        try (StateLock lock = store.lock("apply")) {
            store.write(state.withOutputs(Map.of("loadBalancers.web.dnsName", digest)));
        }

        CommandLineRun text = CommandLineRun.of("output", "-f", blueprint.toString(), "-e", "prod");
        CommandLineRun one = CommandLineRun.of("output", "loadBalancers.web.dnsName", "-f", blueprint.toString(),
                "-e", "prod");
        CommandLineRun json = CommandLineRun.of("output", "--json", "-f", blueprint.toString(), "-e", "prod");

        assertThat(text.out()).isEqualTo("loadBalancers.web.dnsName = (sensitive)" + System.lineSeparator());
        assertThat(one.out()).isEqualTo("(sensitive)" + System.lineSeparator());
        assertThat(json.out()).contains("\"loadBalancers.web.dnsName\": \"(sensitive)\"").doesNotContain("pbkdf2");
    }

    @Test
    void outputPrintsOneValueForScripts() {
        CommandLineRun run = CommandLineRun.of("output", "loadBalancers.web.dnsName", "-f", blueprint.toString(),
                "-e", "prod");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("shop-prod-web.elb.example" + System.lineSeparator());
    }

    @Test
    void anUnknownOutputListsTheOnesThereAre() {
        CommandLineRun run = CommandLineRun.of("output", "loadBalancers.web.arn", "-f", blueprint.toString(),
                "-e", "prod");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("loadBalancers.web.dnsName");
    }

    @Test
    void stateListAndShowReadTheEnvironmentsState() {
        CommandLineRun list = CommandLineRun.of("state", "list", "-f", blueprint.toString(), "-e", "prod");
        CommandLineRun show = CommandLineRun.of("state", "show", "loadBalancers.web.alb", "-f", blueprint.toString(),
                "-e", "prod");

        assertThat(list.out()).isEqualTo("loadBalancers.web.alb" + System.lineSeparator());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("arn    = arn:alb", "dnsName = shop-prod-web.elb.example");
    }

    @Test
    void stateListJsonListsEachResourceAndNothingBeforeTheFirstApply() throws Exception {
        CommandLineRun list = CommandLineRun.of("state", "list", "--json", "-f", blueprint.toString(), "-e", "prod");
        CommandLineRun none = CommandLineRun.of("state", "list", "--json", "-f", blueprint.toString());

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.out()).toString())
                .isEqualTo("[{\"address\":\"loadBalancers.web.alb\",\"type\":\"AWS::ElasticLoadBalancingV2::LoadBalancer\","
                        + "\"physicalId\":\"arn:alb\",\"arn\":\"arn:alb\",\"status\":\"ok\"}]");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEqualTo("[]\n");
    }

    @Test
    void stateShowOfAMistypedAddressGetsTheRightOneSuggested() {
        CommandLineRun show = CommandLineRun.of("state", "show", "loadBalancers.web.abl", "-f", blueprint.toString(),
                "-e", "prod");

        assertThat(show.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(show.err()).contains("the state holds no loadBalancers.web.abl (did you mean loadBalancers.web.alb?)");
    }

    @Test
    void anotherEnvironmentHasNoStateYetSoOutputPrintsNothingAndSaysWhyOnStderr() {
        CommandLineRun run = CommandLineRun.of("output", "-f", blueprint.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("note: there is no state at").contains("shop.state.json").contains("scaffold apply");
    }

    @Test
    void withoutStateOutputJsonIsAnEmptyObject() {
        CommandLineRun run = CommandLineRun.of("output", "--json", "-f", blueprint.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("{}\n");
    }

    @Test
    void withoutStateStateListPrintsNothing() {
        CommandLineRun run = CommandLineRun.of("state", "list", "-f", blueprint.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void quietSilencesTheNoteAboutTheMissingState() {
        CommandLineRun run = CommandLineRun.of("-q", "output", "-f", blueprint.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anOutputNameWithTheWrongCaseGetsTheRightOneSuggested() {
        CommandLineRun run = CommandLineRun.of("output", "loadbalancers.web.dnsname", "-f", blueprint.toString(),
                "-e", "prod");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("error: no output named 'loadbalancers.web.dnsname'")
                .contains("did you mean loadBalancers.web.dnsName?");
    }

    @Test
    void outputPrintsEveryOutputAsNameEqualsValue() {
        CommandLineRun run = CommandLineRun.of("output", "-f", blueprint.toString(), "-e", "prod");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("loadBalancers.web.dnsName = shop-prod-web.elb.example" + System.lineSeparator());
    }
}
