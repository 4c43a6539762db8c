package dev.scaffold.plan;

import static dev.scaffold.plan.PlanFixtures.ALB;
import static dev.scaffold.plan.PlanFixtures.ALB_ADDR;
import static dev.scaffold.plan.PlanFixtures.LISTENER;
import static dev.scaffold.plan.PlanFixtures.LISTENER_ADDR;
import static dev.scaffold.plan.PlanFixtures.SG;
import static dev.scaffold.plan.PlanFixtures.SG_ADDR;
import static dev.scaffold.plan.PlanFixtures.TAGS;
import static dev.scaffold.plan.PlanFixtures.VPC;
import static dev.scaffold.plan.PlanFixtures.VPC_ADDR;
import static dev.scaffold.plan.PlanFixtures.attrs;
import static dev.scaffold.plan.PlanFixtures.dataSpec;
import static dev.scaffold.plan.PlanFixtures.observed;
import static dev.scaffold.plan.PlanFixtures.ref;
import static dev.scaffold.plan.PlanFixtures.spec;
import static dev.scaffold.plan.PlanFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DifferTest {

    private final Differ differ = new Differ(PlanFixtures.types());

    // The blueprint: a data VPC, a security group in it, an ALB behind the group, a listener on the ALB.
    private final ResourceSpec vpc = dataSpec(VPC_ADDR, VPC);
    private ResourceSpec sg = spec(SG_ADDR, SG,
            attrs("name", "shop-web", "vpcId", ref(VPC_ADDR, "id"), "ingress", List.of(443, 80)));
    private ResourceSpec alb = spec(ALB_ADDR, ALB, attrs("name", "shop-web", "scheme", "internet-facing",
            "idleTimeout", 60, "securityGroups", List.of(ref(SG_ADDR, "id")),
            "attributes", attrs("dropInvalidHeaders", true, "http2", true)));
    private ResourceSpec listener = spec(LISTENER_ADDR, LISTENER,
            attrs("loadBalancerArn", ref(ALB_ADDR, "arn"), "port", 443));

    // What AWS holds, matching the blueprint.
    private final Map<ResourceAddress, Observed> actual = new LinkedHashMap<>();
    private final Map<ResourceAddress, ResourceState> stored = new LinkedHashMap<>();

    DifferTest() {
        put(observed(VPC_ADDR, VPC, "vpc-1", attrs("cidr", "10.0.0.0/16")), false);
        put(observed(SG_ADDR, SG, "sg-1", attrs("name", "shop-web", "vpcId", "vpc-1",
                "ingress", List.of(443L, 80L), "ownerId", "123456789012")), true);
        put(observed(ALB_ADDR, ALB, "alb-1", attrs("name", "shop-web", "scheme", "internet-facing",
                "idleTimeout", 60.0, "securityGroups", List.of("sg-1"), "dnsName", "shop-web-1.elb.amazonaws.com",
                "attributes", attrs("http2", true, "dropInvalidHeaders", true))), true, SG_ADDR);
        put(observed(LISTENER_ADDR, LISTENER, "listener-1",
                attrs("loadBalancerArn", "arn:aws:test:::alb-1", "port", 443)), true, ALB_ADDR);
    }

    private void put(Observed observed, boolean inState, ResourceAddress... dependencies) {
        actual.put(observed.address(), observed);
        if (inState) {
            stored.put(observed.address(), stored(observed, dependencies));
        }
    }

    private State state() {
        return new State(1, "shop", null, UUID.fromString("00000000-0000-4000-8000-000000000001"), 4, stored, Map.of());
    }

    private Plan plan(ResourceSpec... desired) {
        return differ.diff(DiffInput.of(PlanMode.NORMAL, "sha256:abc", DesiredGraph.of(List.of(desired)), state(), PlanFixtures.LOCATION, actual));
    }

    /** The spec with one attribute set to another value. */
    private static ResourceSpec with(ResourceSpec spec, String name, Object value) {
        Map<String, Object> attributes = new LinkedHashMap<>(spec.attributes());
        attributes.put(name, value);
        return spec.withAttributes(attributes);
    }

    private static ResourceChange change(Plan plan, ResourceAddress address) {
        return plan.changes().stream().filter(c -> c.address().equals(address)).findFirst().orElseThrow();
    }

    private static List<ResourceAddress> order(Plan plan) {
        return plan.changes().stream().map(ResourceChange::address).toList();
    }

    @Test
    void givenAwsMatchingTheBlueprint_whenDiffed_thenEveryResourceIsANoOpAndDataIsNotAChange() {
        Plan plan = plan(vpc, sg, alb, listener);

        assertThat(plan.hasChanges()).isFalse();
        assertThat(order(plan)).containsExactly(SG_ADDR, ALB_ADDR, LISTENER_ADDR);
        assertThat(plan.changes()).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.NO_OP));
        assertThat(plan.lineage()).isEqualTo(state().lineage());
        assertThat(plan.serial()).isEqualTo(4);
    }

    @Test
    void givenARefToAnUnchangedResource_whenDiffed_thenItIsResolvedToItsCurrentValue() {
        Plan plan = plan(vpc, sg, alb, listener);

        assertThat(change(plan, ALB_ADDR).desired().attributes().get("securityGroups")).isEqualTo(List.of("sg-1"));
        assertThat(change(plan, LISTENER_ADDR).desired().attributes().get("loadBalancerArn"))
                .isEqualTo("arn:aws:test:::alb-1");
        assertThat(change(plan, SG_ADDR).desired().attributes().get("vpcId")).isEqualTo("vpc-1");
    }

    @Test
    void givenARefToAnAttributeAwsNoLongerReports_whenDiffed_thenTheStatesValueIsUsed() {
        stored.put(ALB_ADDR, new ResourceState(ALB_ADDR, ALB, "alb-1", "arn:aws:test:::alb-1",
                attrs("zoneId", "Z35SXDOTRQ7X7K"), Set.of(SG_ADDR), ResourceStatus.OK));
        listener = spec(LISTENER_ADDR, LISTENER, attrs("loadBalancerArn", ref(ALB_ADDR, "arn"), "port", 443,
                "zone", ref(ALB_ADDR, "zoneId")));

        ResourceChange change = change(plan(vpc, sg, alb, listener), LISTENER_ADDR);

        assertThat(change.desired().attributes()).containsEntry("zone", "Z35SXDOTRQ7X7K");
    }

    @Test
    void givenNoStateAndNothingInAws_whenDiffed_thenEverythingIsCreatedWithRefsKnownAfterApply() {
        actual.keySet().removeIf(a -> !a.equals(VPC_ADDR));
        stored.clear();

        State none = State.empty("shop", null);
        Plan plan = differ.diff(DiffInput.of(PlanMode.NORMAL, "sha256:abc",
                DesiredGraph.of(List.of(vpc, sg, alb, listener)), none, PlanFixtures.LOCATION, actual));

        assertThat(plan.changes()).extracting(ResourceChange::action)
                .containsExactly(Action.CREATE, Action.CREATE, Action.CREATE);
        assertThat(plan.lineage()).as("the lineage the new state will have").isEqualTo(none.lineage());
        assertThat(plan.newState()).isTrue();
        assertThat(plan.serial()).isZero();
        ResourceChange listenerChange = change(plan, LISTENER_ADDR);
        assertThat(listenerChange.prior()).isNull();
        assertThat(listenerChange.dependencies()).containsExactly(ALB_ADDR);
        assertThat(listenerChange.changes()).extracting(AttributeChange::name)
                .containsExactly("loadBalancerArn", "port", "tags.scaffold:stack", "tags.team");
        assertThat(listenerChange.changes().get(0).after()).isEqualTo(ref(ALB_ADDR, "arn"));
        assertThat(change(plan, SG_ADDR).desired().attributes().get("vpcId")).isEqualTo("vpc-1");
        assertThat(change(plan, SG_ADDR).dependencies()).as("data resources are not waited for").isEmpty();
        assertThat(plan.counts()).containsEntry(Action.CREATE, 3);
    }

    @Test
    void givenNumbersOfOtherTypesAndMapsInOtherOrder_whenDiffed_thenTheyAreEqual() {
        assertThat(ValueComparison.same(1, 1.0)).isTrue();
        assertThat(ValueComparison.same(5_000_000_000L, new java.math.BigDecimal("5E+9"))).isTrue();
        assertThat(ValueComparison.same(Map.of("a", 1, "b", 2), attrs("b", 2L, "a", 1.0))).isTrue();
        assertThat(ValueComparison.same(List.of(1, 2), List.of(2, 1))).isFalse();
        assertThat(ValueComparison.same("1", 1)).isFalse();
        assertThat(ValueComparison.same(null, List.of())).isFalse();
    }

    @Test
    void givenAChangedAttribute_whenDiffed_thenAnUpdateWithBeforeAndAfter() {
        alb = with(alb, "idleTimeout", 120);

        Plan plan = plan(vpc, sg, alb, listener);

        ResourceChange change = change(plan, ALB_ADDR);
        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(change.changes()).containsExactly(new AttributeChange("idleTimeout", 60.0, 120, false, false));
        assertThat(change.replaceReasons()).isEmpty();
        assertThat(change(plan, LISTENER_ADDR).action()).as("the ALB's ARN survives an update").isEqualTo(Action.NO_OP);
    }

    @Test
    void givenAListInAnotherOrder_whenDiffed_thenAnUpdate() {
        sg = spec(SG_ADDR, SG, attrs("name", "shop-web", "vpcId", ref(VPC_ADDR, "id"), "ingress", List.of(80, 443)));

        assertThat(change(plan(vpc, sg, alb, listener), SG_ADDR).action()).isEqualTo(Action.UPDATE);
    }

    @Test
    void givenAComputedAttributeThatDiffers_whenDiffed_thenItIsIgnored() {
        alb = with(alb, "dnsName", "something-else");

        assertThat(change(plan(vpc, sg, alb, listener), ALB_ADDR).action()).isEqualTo(Action.NO_OP);
    }

    @Test
    void givenAReplaceOnAttributeThatChanges_whenDiffed_thenAReplaceNamingItAndDependentsSeeKnownAfterApply() {
        alb = with(alb, "scheme", "internal");

        Plan plan = plan(vpc, sg, alb, listener);

        ResourceChange albChange = change(plan, ALB_ADDR);
        assertThat(albChange.action()).isEqualTo(Action.DELETE_THEN_CREATE);
        assertThat(albChange.replaceReasons()).containsExactly("scheme");
        assertThat(albChange.changes()).containsExactly(
                new AttributeChange("scheme", "internet-facing", "internal", true, false));
        ResourceChange listenerChange = change(plan, LISTENER_ADDR);
        assertThat(listenerChange.action()).isEqualTo(Action.UPDATE);
        assertThat(listenerChange.changes()).containsExactly(new AttributeChange("loadBalancerArn",
                "arn:aws:test:::alb-1", ref(ALB_ADDR, "arn"), false, false));
        assertThat(listenerChange.desired().attributes().get("loadBalancerArn")).isInstanceOf(Ref.class);
    }

    @Test
    void givenAKnownAfterApplyValueInAReplaceOnAttribute_whenDiffed_thenTheDependentIsReplacedToo() {
        sg = spec(SG_ADDR, SG, attrs("name", "shop-web-2", "vpcId", ref(VPC_ADDR, "id"), "ingress", List.of(443, 80)));

        Plan plan = plan(vpc, sg, alb, listener);

        assertThat(change(plan, SG_ADDR).action()).isEqualTo(Action.DELETE_THEN_CREATE);
        assertThat(change(plan, SG_ADDR).replaceReasons()).containsExactly("name");
        ResourceChange albChange = change(plan, ALB_ADDR);
        assertThat(albChange.action()).isEqualTo(Action.UPDATE);
        assertThat(albChange.changes()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("securityGroups");
            assertThat(c.after()).isEqualTo(List.of(ref(SG_ADDR, "id")));
        });
    }

    @Test
    void givenATaintedResource_whenDiffed_thenItIsReplacedForThatReason() {
        stored.put(ALB_ADDR, stored.get(ALB_ADDR).withStatus(ResourceStatus.TAINTED));

        Plan plan = plan(vpc, sg, alb, listener);

        ResourceChange change = change(plan, ALB_ADDR);
        assertThat(change.action()).isEqualTo(Action.DELETE_THEN_CREATE);
        assertThat(change.replaceReasons()).containsExactly(Differ.TAINTED);
        assertThat(change.changes()).isEmpty();
        assertThat(change(plan, LISTENER_ADDR).action()).isEqualTo(Action.UPDATE);
    }

    @Test
    void givenARefToAnUpdatedResource_whenDiffed_thenTheNewDesiredValueIsUsed() {
        ResourceSpec tg = spec(ResourceAddress.parse("services.app.target-group"), LISTENER,
                attrs("albName", ref(ALB_ADDR, "name"), "albDns", ref(ALB_ADDR, "dnsName")));
        alb = with(alb, "name", "shop-web-v2");

        Plan plan = plan(vpc, sg, alb, listener, tg);

        ResourceChange tgChange = change(plan, tg.address());
        assertThat(tgChange.action()).isEqualTo(Action.CREATE);
        assertThat(tgChange.desired().attributes())
                .containsEntry("albName", "shop-web-v2")
                .containsEntry("albDns", ref(ALB_ADDR, "dnsName"));
    }

    @Test
    void givenATagThatChanged_whenDiffed_thenAnUpdateAndAwsReservedTagsAreIgnored() {
        Map<String, String> awsTags = new HashMap<>(TAGS);
        awsTags.put("aws:cloudformation:stack-name", "x");
        Observed sgNow = actual.get(SG_ADDR);
        actual.put(SG_ADDR, new Observed(SG_ADDR, SG, "sg-1", sgNow.arn(), sgNow.attributes(), awsTags));
        Map<String, String> newTags = new HashMap<>(TAGS);
        newTags.put("team", "platform");
        sg = new ResourceSpec(SG_ADDR, SG, sg.mode(), sg.attributes(), newTags, Set.of(), Set.of());

        ResourceChange change = change(plan(vpc, sg, alb, listener), SG_ADDR);

        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(change.changes()).containsExactly(new AttributeChange("tags.team", "web", "platform", false, false));
    }

    @Test
    void givenASensitiveAttribute_whenItChanges_thenTheChangeIsFlagged() {
        listener = new ResourceSpec(LISTENER_ADDR, LISTENER, listener.mode(),
                attrs("loadBalancerArn", ref(ALB_ADDR, "arn"), "port", 443, "token", "s3cret"),
                TAGS, Set.of(), Set.of("token"));

        ResourceChange change = change(plan(vpc, sg, alb, listener), LISTENER_ADDR);

        assertThat(change.changes()).containsExactly(new AttributeChange("token", null, "s3cret", false, true));
    }

    @Test
    void givenResourcesTheBlueprintDropped_whenDiffed_thenDeletesCarryTheirDependentsAndComeDependentsFirst() {
        Plan plan = plan(vpc, sg);

        assertThat(order(plan)).containsExactly(SG_ADDR, LISTENER_ADDR, ALB_ADDR);
        ResourceChange albDelete = change(plan, ALB_ADDR);
        assertThat(albDelete.action()).isEqualTo(Action.DELETE);
        assertThat(albDelete.desired()).isNull();
        assertThat(albDelete.prior()).isEqualTo(stored.get(ALB_ADDR));
        assertThat(albDelete.dependencies()).containsExactly(LISTENER_ADDR);
        assertThat(change(plan, LISTENER_ADDR).dependencies()).isEmpty();
        assertThat(change(plan, SG_ADDR).action()).isEqualTo(Action.NO_OP);
    }

    @Test
    void givenAResourceInTheStateButGoneFromAws_whenDiffed_thenItIsCreatedAgain() {
        actual.remove(LISTENER_ADDR);

        ResourceChange change = change(plan(vpc, sg, alb, listener), LISTENER_ADDR);

        assertThat(change.action()).isEqualTo(Action.CREATE);
        assertThat(change.changes().get(0).after()).as("the ALB is unchanged").isEqualTo("arn:aws:test:::alb-1");
    }

    @Test
    void givenAnOrphanTheBlueprintWants_whenDiffed_thenItIsAdoptedAndDiffedNotCreated() {
        stored.remove(LISTENER_ADDR);
        Observed listenerNow = actual.get(LISTENER_ADDR);
        actual.put(LISTENER_ADDR, observed(LISTENER_ADDR, LISTENER, "listener-1",
                attrs("loadBalancerArn", "arn:aws:test:::alb-1", "port", 80)));

        ResourceChange change = change(plan(vpc, sg, alb, listener), LISTENER_ADDR);

        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(change.adopted()).isTrue();
        assertThat(change.changes()).containsExactly(new AttributeChange("port", 80, 443, false, false));
        assertThat(change.prior().physicalId()).isEqualTo(listenerNow.physicalId());
        assertThat(change.prior().dependencies()).containsExactly(ALB_ADDR);
        assertThat(change.prior().status()).isEqualTo(ResourceStatus.OK);
    }

    @Test
    void givenAnOrphanTheBlueprintDoesNotWant_whenDiffed_thenItIsDeleted() {
        ResourceAddress stray = ResourceAddress.parse("loadBalancers.old.alb");
        actual.put(stray, observed(stray, ALB, "alb-old", attrs("name", "shop-old")));

        ResourceChange change = change(plan(vpc, sg, alb, listener), stray);

        assertThat(change.action()).isEqualTo(Action.DELETE);
        assertThat(change.adopted()).isTrue();
        assertThat(change.prior().physicalId()).isEqualTo("alb-old");
        assertThat(change.type()).isEqualTo(ALB);
    }

    @Test
    void givenAnOldObjectAReplaceDeposed_whenDiffed_thenItIsDeletedAfterWhatUsedItsResource() {
        ResourceAddress deposed = ALB_ADDR.deposed("alb-0");
        put(observed(deposed, ALB, "alb-0", attrs("name", "shop-web-old")), true, SG_ADDR);

        ResourceChange change = change(plan(vpc, sg, alb, listener), deposed);

        assertThat(change.action()).isEqualTo(Action.DELETE);
        assertThat(change.prior().physicalId()).isEqualTo("alb-0");
        assertThat(change.dependencies()).containsExactly(LISTENER_ADDR);
        assertThat(change(plan(vpc, sg, alb, listener), ALB_ADDR).action()).isEqualTo(Action.NO_OP);
    }

    @Test
    void givenALeftoverTheStateNeverKnew_whenDiffed_thenItIsDeletedWithoutWaitingForAnything() {
        ResourceAddress leftover = ALB_ADDR.deposed("alb-9");
        actual.put(leftover, observed(leftover, ALB, "alb-9", attrs("name", "shop-web")));

        ResourceChange change = change(plan(vpc, sg, alb, listener), leftover);

        assertThat(change.action()).isEqualTo(Action.DELETE);
        assertThat(change.adopted()).isTrue();
        assertThat(change.dependencies()).isEmpty();
    }

    @Test
    void givenADataResourceMissingFromAws_whenDiffed_thenInvalidInputNamingIt() {
        actual.remove(VPC_ADDR);

        assertThatThrownBy(() -> plan(vpc, sg, alb, listener))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("the data resource network.default.vpc (AWS::EC2::VPC) was not found in AWS")
                .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.INVALID_INPUT));
    }

    @Test
    void givenDestroyMode_whenDiffed_thenEveryManagedResourceIsDeletedDependentsFirst() {
        Plan plan = differ.diff(DiffInput.of(PlanMode.DESTROY, "sha256:abc",
                DesiredGraph.of(List.of(vpc, sg, alb, listener)), state(), PlanFixtures.LOCATION, actual));

        assertThat(order(plan)).containsExactly(LISTENER_ADDR, ALB_ADDR, SG_ADDR);
        assertThat(plan.changes()).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.DELETE));
        assertThat(change(plan, SG_ADDR).dependencies()).containsExactly(ALB_ADDR);
        assertThat(plan.mode()).isEqualTo(PlanMode.DESTROY);
    }

    @Test
    void givenDestroyModeWithATarget_whenDiffed_thenTheTargetAndItsDependentsAreDeleted() {
        Plan plan = differ.diff(DiffInput.of(PlanMode.DESTROY, "sha256:abc",
                DesiredGraph.of(List.of(vpc, sg, alb, listener)), state(), PlanFixtures.LOCATION, actual).withTargets(Set.of(ALB_ADDR)));

        assertThat(order(plan)).containsExactly(LISTENER_ADDR, ALB_ADDR);
    }

    @Test
    void givenATarget_whenDiffed_thenOnlyItAndItsDependenciesArePlanned() {
        listener = spec(LISTENER_ADDR, LISTENER, attrs("loadBalancerArn", ref(ALB_ADDR, "arn"), "port", 8443));
        sg = spec(SG_ADDR, SG, attrs("name", "shop-web", "vpcId", ref(VPC_ADDR, "id"), "ingress", List.of(443)));

        Plan plan = differ.diff(DiffInput.of(PlanMode.NORMAL, "sha256:abc",
                DesiredGraph.of(List.of(vpc, sg, alb, listener)), state(), PlanFixtures.LOCATION, actual).withTargets(Set.of(ALB_ADDR)));

        assertThat(order(plan)).containsExactly(SG_ADDR, ALB_ADDR);
        assertThat(change(plan, SG_ADDR).action()).isEqualTo(Action.UPDATE);
    }

    @Test
    void givenATargetThatIsNowhere_whenDiffed_thenInvalidInput() {
        ResourceAddress nowhere = ResourceAddress.parse("caches.sessions.group");

        assertThatThrownBy(() -> differ.diff(DiffInput.of(PlanMode.NORMAL, "sha256:abc",
                DesiredGraph.of(List.of(vpc, sg)), state(), PlanFixtures.LOCATION, actual).withTargets(Set.of(nowhere))))
                .hasMessageContaining("the target caches.sessions.group is neither in the blueprint nor in the state");
    }
}
