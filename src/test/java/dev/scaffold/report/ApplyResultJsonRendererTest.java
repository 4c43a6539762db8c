package dev.scaffold.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaffold.apply.ChangeFailure;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.ResourceOutcome;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanFixtures;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.plan.SensitiveValues;
import dev.scaffold.state.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyResultJsonRendererTest {

    private final ApplyResultJsonRenderer renderer = new ApplyResultJsonRenderer();

    /** The sample plan's changes: the first made, the second failed, the third skipped, the rest not started. */
    private static ExecutionResult partlyFailed(Plan plan) {
        List<ResourceChange> changes = plan.changes().stream().filter(c -> c.action().isChange()).toList();
        List<ResourceOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            ResourceChange change = changes.get(i);
            ResourceAddress address = change.address();
            outcomes.add(switch (i) {
                case 0 -> new ResourceOutcome(address, change.action(), ResourceOutcome.Status.DONE, null, null,
                        Duration.ofMillis(2300));
                case 1 -> new ResourceOutcome(address, change.action(), ResourceOutcome.Status.FAILED,
                        new ChangeFailure(address, "AuthorizeSecurityGroupIngress", "InvalidPermission.Malformed", "bad port range", null),
                        null, Duration.ofMillis(400));
                case 2 -> new ResourceOutcome(address, change.action(), ResourceOutcome.Status.SKIPPED, null,
                        changes.get(1).address(), Duration.ZERO);
                default -> new ResourceOutcome(address, change.action(), ResourceOutcome.Status.NOT_STARTED, null, null,
                        Duration.ZERO);
            });
        }
        State state = new State(1, "shop", "prod", PlanFixtures.LINEAGE, 4, Map.of(),
                Map.of("loadBalancers.web.dnsName", "shop-web-1.elb.example"));
        return new ExecutionResult(outcomes, state, false, Duration.ofMillis(5120), null);
    }

    @Test
    void givenAnApplyThatPartlyFailed_whenRendered_thenItMatchesTheGoldenFile() {
        Plan plan = PlanFixtures.samplePlan();

        Golden.assertMatches("apply-result/result.json", renderer.render(plan, partlyFailed(plan)));
    }

    @Test
    void givenAMaskingRenderer_thenAwsErrorMessagesAreWrittenMaskedAndSensitiveOutputsAsSensitive()
            throws Exception {
        Plan plan = PlanFixtures.samplePlan();
        ExecutionResult result = partlyFailed(plan);
        State state = result.state().withOutputs(Map.of("databases.main.password",
                SensitiveValues.salted(PlanFixtures.LINEAGE).digest("s3cret")));
        ExecutionResult withSecrets = new ExecutionResult(result.outcomes(), state, false, result.elapsed(), null);

        JsonNode document = new ObjectMapper().readTree(new ApplyResultJsonRenderer(
                message -> message.replace("port range", "(sensitive)")).render(plan, withSecrets));

        assertThat(document.get("resources").get(1).get("error").get("message").asText()).isEqualTo("bad (sensitive)");
        assertThat(document.get("outputs").get("databases.main.password").asText()).isEqualTo("(sensitive)");
    }

    @Test
    void givenAnApplyThatPartlyFailed_thenEveryChangeHasItsOutcomeAndTheCountsAddUp() throws Exception {
        Plan plan = PlanFixtures.samplePlan();
        ExecutionResult result = partlyFailed(plan);

        JsonNode document = new ObjectMapper().readTree(renderer.render(plan, result));

        assertThat(document.get("kind").asText()).isEqualTo("apply-result");
        assertThat(document.get("status").asText()).isEqualTo("failed");
        assertThat(document.get("resources")).hasSize(result.outcomes().size());
        JsonNode summary = document.get("summary");
        assertThat(summary.get("done").asInt() + summary.get("failed").asInt() + summary.get("skipped").asInt()
                + summary.get("interrupted").asInt() + summary.get("notStarted").asInt()).isEqualTo(result.outcomes().size());
        assertThat(document.get("outputs").get("loadBalancers.web.dnsName").asText()).isEqualTo("shop-web-1.elb.example");
    }

    @Test
    void givenNothingToDoAndNoState_whenRendered_thenCompleteWithNoResourcesAndNoState() throws Exception {
        Plan plan = PlanFixtures.samplePlan();
        ExecutionResult nothing = new ExecutionResult(List.of(), State.empty("shop", "prod"), false, Duration.ZERO, null);

        JsonNode document = new ObjectMapper().readTree(renderer.render(plan, nothing));

        assertThat(document.get("status").asText()).isEqualTo("complete");
        assertThat(document.get("resources")).isEmpty();
        assertThat(document.get("state").isNull()).isTrue();
        assertThat(document.get("outputs").isEmpty()).isTrue();
    }
}
