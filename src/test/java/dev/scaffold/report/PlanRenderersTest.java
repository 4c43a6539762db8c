package dev.scaffold.report;

import static dev.scaffold.plan.PlanFixtures.ALB;
import static dev.scaffold.plan.PlanFixtures.ALB_ADDR;
import static dev.scaffold.plan.PlanFixtures.DB;
import static dev.scaffold.plan.PlanFixtures.DB_ADDR;
import static dev.scaffold.plan.PlanFixtures.LISTENER;
import static dev.scaffold.plan.PlanFixtures.LISTENER_ADDR;
import static dev.scaffold.plan.PlanFixtures.TAGS;
import static dev.scaffold.plan.PlanFixtures.attrs;
import static dev.scaffold.plan.PlanFixtures.observed;
import static dev.scaffold.plan.PlanFixtures.ref;
import static dev.scaffold.plan.PlanFixtures.spec;
import static dev.scaffold.plan.PlanFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Differ;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanFixtures;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanRenderersTest {

    private final PlanTextRenderer text = new PlanTextRenderer(false);
    private final PlanJsonRenderer json = new PlanJsonRenderer();

    private final Observed albNow = observed(ALB_ADDR, ALB, "alb-1", attrs("name", "shop-web", "scheme", "internal"));
    private final Observed listenerNow = observed(LISTENER_ADDR, LISTENER, "listener-1",
            attrs("loadBalancerArn", "arn:aws:test:::alb-1", "port", 443));
    private final ResourceSpec alb = spec(ALB_ADDR, ALB, attrs("name", "shop-web", "scheme", "internal"));
    private final ResourceSpec listener = spec(LISTENER_ADDR, LISTENER,
            attrs("loadBalancerArn", ref(ALB_ADDR, "arn"), "port", 443));

    private static Plan diff(PlanMode mode, List<ResourceSpec> desired, List<ResourceState> stored, List<Observed> actual) {
        Map<ResourceAddress, ResourceState> resources = new LinkedHashMap<>();
        stored.forEach(r -> resources.put(r.address(), r));
        Map<ResourceAddress, Observed> found = new LinkedHashMap<>();
        actual.forEach(o -> found.put(o.address(), o));
        State state = new State(1, "shop", null, PlanFixtures.LINEAGE, stored.isEmpty() ? 0 : 12, resources, Map.of());
        return new Differ(PlanFixtures.types()).diff(DiffInput.of(mode, "sha256:0123",
                DesiredGraph.of(desired), state, PlanFixtures.LOCATION, found));
    }

    @Test
    void givenAPlanWithEveryAction_whenRenderedAsText_thenItMatchesTheGoldenFile() {
        Golden.assertMatches("plan-every-action/plan.txt", text.render(PlanFixtures.samplePlan()));
    }

    @Test
    void givenAPlanWithEveryAction_whenRenderedAsJson_thenItMatchesTheGoldenFile() {
        Golden.assertMatches("plan-every-action/plan.json", json.render(PlanFixtures.samplePlan()));
    }

    @Test
    void givenAPlanWithEveryAction_thenTheSensitiveValuesAppearInNeitherRendering() {
        Plan plan = PlanFixtures.samplePlan();

        assertThat(text.render(plan)).doesNotContain("s3cret").contains("masterPassword: (sensitive)");
        assertThat(json.render(plan)).doesNotContain("s3cret");
    }

    @Test
    void givenAFirstApply_whenRendered_thenEverythingIsAddedAndRefsAreKnownAfterApply() {
        ResourceSpec db = new ResourceSpec(DB_ADDR, DB, Mode.MANAGED,
                attrs("engine", "postgres", "storageGb", 50, "masterPassword", "x-secret-x"), TAGS, Set.of(),
                Set.of("masterPassword"));
        Plan plan = diff(PlanMode.NORMAL, List.of(alb, listener, db), List.of(), List.of());

        String rendered = text.render(plan);

        Golden.assertMatches("plan-first-apply/plan.txt", rendered);
        Golden.assertMatches("plan-first-apply/plan.json", json.render(plan));
        assertThat(rendered).contains("loadBalancerArn:     (known after apply)")
                .endsWith("Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy.\n");
    }

    @Test
    void givenATaintedResource_whenRendered_thenTheBlockSaysWhyItIsReplaced() {
        Plan plan = diff(PlanMode.NORMAL, List.of(alb, listener),
                List.of(stored(albNow).withStatus(ResourceStatus.TAINTED), stored(listenerNow, ALB_ADDR)),
                List.of(albNow, listenerNow));

        Golden.assertMatches("plan-tainted/plan.txt", text.render(plan));
    }

    @Test
    void givenNothingToChange_whenRendered_thenNoChanges() {
        Plan plan = diff(PlanMode.NORMAL, List.of(alb, listener),
                List.of(stored(albNow), stored(listenerNow, ALB_ADDR)), List.of(albNow, listenerNow));

        assertThat(text.render(plan)).isEqualTo("No changes. AWS matches the blueprint.\n");
        Golden.assertMatches("plan-no-changes/plan.json", json.render(plan));
    }

    @Test
    void givenADestroyPlan_whenRendered_thenEveryResourceIsDestroyedDependentsFirst() {
        Plan plan = diff(PlanMode.DESTROY, List.of(),
                List.of(stored(albNow), stored(listenerNow, ALB_ADDR)), List.of(albNow, listenerNow));

        Golden.assertMatches("plan-destroy/plan.txt", text.render(plan));
    }

    @Test
    void givenColour_whenRendered_thenSymbolsAreColouredAndWithoutItThereIsNoEscape() {
        Plan plan = PlanFixtures.samplePlan();

        String coloured = new PlanTextRenderer(true).render(plan);

        assertThat(coloured).contains("\u001B[1mPlan:\u001B[22m").doesNotContain("\u001B[21m");
        assertThat(coloured).contains("\u001B[32m  +\u001B[0m", "\u001B[33m  ~\u001B[0m", "\u001B[31m  -\u001B[0m",
                "\u001B[31m-/\u001B[0m\u001B[32m+\u001B[0m", "\u001B[31m # forces replacement\u001B[0m");
        assertThat(coloured.replaceAll("\u001B\\[[0-9;]*m", "")).isEqualTo(text.render(plan));
        assertThat(text.render(plan)).doesNotContain("\u001B");
    }

    @Test
    void givenAPlanWithEveryAction_whenRenderedAsMarkdown_thenItMatchesTheGoldenFile() {
        Golden.assertMatches("plan-every-action/plan.md", new PlanMarkdownRenderer().render(PlanFixtures.samplePlan()));
    }

    @Test
    void givenNothingToChange_whenRenderedAsMarkdown_thenItSaysSoWithoutATable() {
        Plan plan = diff(PlanMode.NORMAL, List.of(alb, listener),
                List.of(stored(albNow), stored(listenerNow, ALB_ADDR)), List.of(albNow, listenerNow));

        assertThat(new PlanMarkdownRenderer().render(plan))
                .isEqualTo("### scaffold plan: `shop`\n\n**No changes.** AWS matches the blueprint.\n");
    }

    @Test
    void givenAValueWithBackticks_whenRenderedAsMarkdown_thenTheCodeFenceIsLongerThanThem() {
        ResourceSpec odd = spec(ALB_ADDR, ALB, attrs("name", "shop-web", "scheme", "internal", "note", "a ``` b"));

        String markdown = new PlanMarkdownRenderer().render(diff(PlanMode.NORMAL, List.of(odd), List.of(), List.of()));

        assertThat(markdown).contains("````text\n").contains("\"a ``` b\"");
    }

    @Test
    void givenNothingToChangeWithoutReadingAws_whenRendered_thenItNeverClaimsAwsMatches() {
        Plan plan = diff(PlanMode.NORMAL, List.of(alb, listener),
                List.of(stored(albNow), stored(listenerNow, ALB_ADDR)), List.of(albNow, listenerNow));

        String text = new PlanTextRenderer(false, false).render(plan);
        String markdown = new PlanMarkdownRenderer(false).render(plan);

        assertThat(text).isEqualTo("No changes. The state matches the blueprint; AWS was not read (--refresh=false).\n");
        assertThat(markdown).contains("The state matches the blueprint; AWS was not read").doesNotContain("AWS matches");
    }

    private static final List<String> NOT_PROVISIONED = List.of(
            "databases (main) validated but not provisioned yet: scaffold provisions loadBalancers and services today",
            "services.app.environment.DB_HOST refers to ${databases.main.endpoint}, which is not provisioned yet:"
                    + " it is left out");

    @Test
    void givenPartsOfTheBlueprintNotProvisioned_whenRenderedInEveryFormat_thenEachSaysWhatThePlanLeavesOut() {
        Plan plan = diff(PlanMode.NORMAL, List.of(alb, listener), List.of(), List.of())
                .withNotProvisioned(NOT_PROVISIONED);

        Golden.assertMatches("plan-not-provisioned/plan.txt", text.render(plan));
        Golden.assertMatches("plan-not-provisioned/plan.json", json.render(plan));
        Golden.assertMatches("plan-not-provisioned/plan.md", new PlanMarkdownRenderer().render(plan));
    }

    @Test
    void givenACertificateAwaitingItsValidationRecord_whenRenderedInEveryFormat_thenEachSaysWhatToCreate() {
        Plan plan = diff(PlanMode.NORMAL, List.of(alb, listener),
                List.of(stored(albNow), stored(listenerNow, ALB_ADDR)), List.of(albNow, listenerNow))
                .withAwaitingYou(List.of("loadBalancers.web.certificate: create the DNS record"
                        + " _3f1.shop.example.com. CNAME _9c2.acm-validations.aws. so that ACM issues the certificate"
                        + " for shop.example.com"));

        Golden.assertMatches("plan-awaiting-you/plan.txt", text.render(plan));
        Golden.assertMatches("plan-awaiting-you/plan.json", json.render(plan));
        Golden.assertMatches("plan-awaiting-you/plan.md", new PlanMarkdownRenderer().render(plan));
    }

    @Test
    void givenNothingToChangeButPartsNotProvisioned_whenRendered_thenItNeverClaimsAwsMatchesTheWholeBlueprint() {
        Plan plan = diff(PlanMode.NORMAL, List.of(alb, listener),
                List.of(stored(albNow), stored(listenerNow, ALB_ADDR)), List.of(albNow, listenerNow))
                .withNotProvisioned(NOT_PROVISIONED);

        Golden.assertMatches("plan-not-provisioned/no-changes.txt", text.render(plan));
        Golden.assertMatches("plan-not-provisioned/no-changes.md", new PlanMarkdownRenderer().render(plan));
    }

    @Test
    void givenADestroyPlanOfAProductionEnvironment_whenRendered_thenEachFormatSaysDestroyWillRefuseIt() {
        Map<ResourceAddress, ResourceState> resources = new LinkedHashMap<>();
        resources.put(ALB_ADDR, stored(albNow));
        resources.put(LISTENER_ADDR, stored(listenerNow, ALB_ADDR));
        State prod = new State(1, "shop", "prod", PlanFixtures.LINEAGE, 12, resources, Map.of());
        Plan plan = new Differ(PlanFixtures.types()).diff(DiffInput.of(PlanMode.DESTROY, "sha256:0123",
                DesiredGraph.of(List.of()), prod, PlanFixtures.LOCATION, Map.of(ALB_ADDR, albNow,
                        LISTENER_ADDR, listenerNow))).withProduction(true);

        Golden.assertMatches("plan-destroy/production.txt", text.render(plan));
        Golden.assertMatches("plan-destroy/production.json", json.render(plan));
        Golden.assertMatches("plan-destroy/production.md", new PlanMarkdownRenderer().render(plan));
    }

    @Test
    void givenTwoPlansOfTheSameBlueprintBeforeItsFirstApply_whenRendered_thenTheyReadAlikeWhicheverLineageEachPicked() {
        Plan one = firstApplyTaggedWith(java.util.UUID.randomUUID());
        Plan other = firstApplyTaggedWith(java.util.UUID.randomUUID());

        assertThat(text.render(one)).isEqualTo(text.render(other)).contains("tags.scaffold:lineage: (new lineage)\n");
        assertThat(new PlanMarkdownRenderer().render(one)).isEqualTo(new PlanMarkdownRenderer().render(other));
    }

    private Plan firstApplyTaggedWith(java.util.UUID lineage) {
        Map<String, String> tags = new LinkedHashMap<>(TAGS);
        tags.put("scaffold:lineage", lineage.toString());
        ResourceSpec tagged = new ResourceSpec(ALB_ADDR, ALB, Mode.MANAGED, attrs("name", "shop-web"), tags, Set.of(),
                Set.of());
        return diff(PlanMode.NORMAL, List.of(tagged), List.of(), List.of());
    }
}
