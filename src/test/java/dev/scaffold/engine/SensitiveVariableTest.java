package dev.scaffold.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.BlueprintLoader;
import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.components.Components;
import dev.scaffold.components.NetworkComponent;
import dev.scaffold.components.SensitiveMarks;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Differ;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.PlanSource;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.plan.SavedPlan;
import dev.scaffold.provider.aws.AwsProvider;
import dev.scaffold.report.PlanJsonRenderer;
import dev.scaffold.report.PlanMarkdownRenderer;
import dev.scaffold.report.PlanTextRenderer;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.state.Observed;
import dev.scaffold.state.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A variable declared sensitive stays sensitive once a tier uses its value, whole or in part: the
 * blueprint of {@code blueprints/load-balancer.yaml} with a token in its tags and in a health check path.
 */
class SensitiveVariableTest {

    private static final String TOKEN = "TOPSECRET-hunter2";
    private static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0b6c2f1e";
    private static final DiffInput.Location HERE = new DiffInput.Location("us-east-1", "123456789012");

    @TempDir
    Path dir;

    @Test
    void aTokenUsedInTagsAndAnAttributePrintsAsSensitiveInEveryRenderingAndNeverReachesASavedPlan() throws Exception {
        Plan plan = firstPlan(stack(TOKEN));
        Path saved = dir.resolve("token.plan");

        String text = new PlanTextRenderer(false).render(plan);
        String json = new PlanJsonRenderer().render(plan);
        String markdown = new PlanMarkdownRenderer().render(plan);
        SavedPlan.write(plan, new PlanSource("blueprint.yaml", null, Map.of(), Set.of("token"), Set.of(), true), saved);

        assertThat(text).contains("+ tags.owner:", "tags.auth:").doesNotContain(TOKEN);
        assertThat(text.lines().filter(line -> line.contains("tags.owner:") || line.contains("tags.auth:")
                || line.contains("healthCheckPath:"))).allSatisfy(line -> assertThat(line).endsWith("(sensitive)"));
        assertThat(json).doesNotContain(TOKEN).contains("\"name\": \"tags.owner\"");
        assertThat(markdown).doesNotContain(TOKEN).contains("tags.owner:");
        assertThat(Files.readString(saved)).doesNotContain(TOKEN).doesNotContain("hunter2");
    }

    @Test
    void everyAttributeAndTagThatHoldsTheTokenIsMarkedSensitiveAndNoOtherIs() {
        Plan plan = firstPlan(stack(TOKEN));

        ResourceChange targetGroup = change(plan, "loadBalancers.web.target-group");
        assertThat(targetGroup.changes()).filteredOn(AttributeChange::sensitive).extracting(AttributeChange::name)
                .containsExactlyInAnyOrder("healthCheckPath", "tags.owner", "tags.auth");
        ResourceChange alb = change(plan, "loadBalancers.web.alb");
        assertThat(alb.changes()).filteredOn(AttributeChange::sensitive).extracting(AttributeChange::name)
                .containsExactlyInAnyOrder("tags.owner", "tags.auth");
    }

    @Test
    void aTagTheBlueprintNoLongerSetsShowsItsOldSensitiveValueAsSensitive() {
        Stack stack = stack(TOKEN);
        ResourceAddress alb = ResourceAddress.parse("loadBalancers.web.alb");
        AttributeChange removed = new AttributeChange(AttributeChange.tagName("old-owner"), TOKEN, null, false, false);
        AttributeChange plain = new AttributeChange(AttributeChange.tagName("team"), "web", null, false, false);
        Plan plan = firstPlan(stack);
        Plan withRemovals = plan.withChanges(plan.changes().stream()
                .map(c -> c.address().equals(alb) ? c.withChanges(List.of(removed, plain)) : c).toList());

        Plan marked = Planner.withSensitiveValuesMarked(withRemovals, SensitiveMarks.of(stack.blueprint()));

        assertThat(change(marked, "loadBalancers.web.alb").changes())
                .containsExactly(removed.asSensitive(), plain);
        assertThat(new PlanTextRenderer(false).render(marked)).doesNotContain(TOKEN);
    }

    @Test
    void theBlueprintDigestCannotBeWorkedOutFromAGuessedToken() {
        assertThat(stack(TOKEN).digest()).isEqualTo(stack("guess-1").digest()).isEqualTo(stack("guess-2").digest());
    }

    private Stack stack(String token) {
        try {
            Path file = dir.resolve("blueprint.yaml");
            Files.writeString(file, """
                    blueprint: edge
                    region: us-east-1
                    tags: { team: web, owner: "${var.token}", auth: "Bearer ${var.token}" }
                    variables:
                      certificate: { type: string }
                      token: { type: string, sensitive: true }
                      healthPath: { type: string, default: "/health/${var.token}" }
                    network: { vpc: default, subnets: default }
                    loadBalancers:
                      web:
                        algorithm: least-outstanding-requests
                        https: { certificate: "${var.certificate}" }
                        redirectHttp: true
                        healthCheck: { path: "${var.healthPath}" }
                    """);
            Blueprint blueprint = new BlueprintLoader(Map.of()).load(new LoadRequest(file, null,
                    Map.of("certificate", CERTIFICATE, "token", token), List.of()));
            return Stack.of(blueprint, new Components().expansion(blueprint));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The plan of a stack never applied, in a region whose default VPC has two subnets. */
    private static Plan firstPlan(Stack stack) {
        State empty = State.empty(stack.name(), stack.environment());
        Map<ResourceAddress, Observed> network = Map.of(
                NetworkComponent.VPC, new Observed(NetworkComponent.VPC, Ec2Types.VPC.name(), "vpc-1", null,
                        Map.of("id", "vpc-1"), Map.of()),
                NetworkComponent.SUBNETS, new Observed(NetworkComponent.SUBNETS, Ec2Types.SUBNETS.name(), "vpc-1",
                        null, Map.of("subnetIds", List.of("subnet-1", "subnet-2")), Map.of()));
        DiffInput input = DiffInput.of(PlanMode.NORMAL, stack.digest(),
                Planner.withLineage(stack.graph(), empty.lineage()), empty, HERE, network);
        return new Differ(AwsProvider.types()).diff(input);
    }

    private static ResourceChange change(Plan plan, String address) {
        return plan.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
    }
}
