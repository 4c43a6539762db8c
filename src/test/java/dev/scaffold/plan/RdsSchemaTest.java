package dev.scaffold.plan;

import static dev.scaffold.plan.PlanFixtures.attrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.aws.AwsProvider;
import dev.scaffold.schema.RdsTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the plan decides about DB instances from {@link RdsTypes#INSTANCE}'s schema alone: no handler, no AWS. */
class RdsSchemaTest {

    private static final ResourceAddress PRIMARY = ResourceAddress.parse("databases.main.primary");

    private final List<ResourceSpec> desired = new ArrayList<>();
    private final Map<ResourceAddress, Observed> actual = new LinkedHashMap<>();
    private State state = State.empty("shop", null);

    @Test
    void aSmallerStorageIsRefusedByThePlanNamingTheAddressAndBothSizes() {
        exists(attrs("identifier", "shop-main", "allocatedStorage", 100));
        want(attrs("identifier", "shop-main", "allocatedStorage", 50));

        assertThatThrownBy(() -> diff(PlanMode.NORMAL))
                .isInstanceOfSatisfying(ScaffoldException.class, failure -> {
                    assertThat(failure.kind()).as("exit 1").isEqualTo(ScaffoldException.Kind.FAILURE);
                    assertThat(failure).hasMessage("databases.main.primary: allocatedStorage cannot shrink (AWS has 100 GB,"
                            + " the blueprint asks for 50 GB): RDS cannot make a database's storage smaller, and"
                            + " replacing it would lose its data");
                });
    }

    @Test
    void aLargerStorageGrowsInPlace() {
        exists(attrs("identifier", "shop-main", "allocatedStorage", 100));
        want(attrs("identifier", "shop-main", "allocatedStorage", 200));

        ResourceChange change = only(diff(PlanMode.NORMAL));
        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(change.changes()).extracting(AttributeChange::name).containsExactly("allocatedStorage");
    }

    @Test
    void aMinorEngineVersionChangesInPlaceAndAMajorOneReplacesNamingIt() {
        assertThat(versionChange("16.4", "16.6")).isEqualTo(Action.UPDATE);
        assertThat(versionChange("16.4", "17.2")).isEqualTo(Action.DELETE_THEN_CREATE);
        assertThat(versionChange("8.0.35", "8.0.39")).as("mysql").isEqualTo(Action.UPDATE);
        assertThat(versionChange("8.0.39", "8.4.3")).as("mysql").isEqualTo(Action.DELETE_THEN_CREATE);
        assertThat(versionChange("10.11.6", "10.11.9")).as("mariadb").isEqualTo(Action.UPDATE);
        assertThat(versionChange("10.6.19", "10.11.9")).as("mariadb").isEqualTo(Action.DELETE_THEN_CREATE);
        assertThat(only(diff(PlanMode.NORMAL)).replaceReasons()).containsExactly("engineVersion");
    }

    @Test
    void aNewerMinorVersionAwsUpgradedToFulfilsTheVersionAskedForAndIsNeverPlannedBack() {
        assertThat(versionChange("16.6", "16.4")).as("AWS upgraded 16.4 to 16.6").isEqualTo(Action.NO_OP);
        assertThat(versionChange("8.0.40", "8.0.39")).as("mysql").isEqualTo(Action.NO_OP);
        assertThat(versionChange("16.4", "16.6")).as("asked for a newer one").isEqualTo(Action.UPDATE);
        assertThat(versionChange("17.1", "16.4")).as("another major version").isEqualTo(Action.DELETE_THEN_CREATE);
    }

    @Test
    void anInstanceClassChangeIsOneInPlaceUpdateAndTheEngineOrKeyReplaces() {
        exists(attrs("identifier", "shop-main", "instanceClass", "db.t4g.micro", "engine", "postgres", "kmsKeyId", "k1"));
        want(attrs("identifier", "shop-main", "instanceClass", "db.t4g.small", "engine", "postgres", "kmsKeyId", "k1"));
        assertThat(only(diff(PlanMode.NORMAL)).action()).isEqualTo(Action.UPDATE);

        desired.clear();
        want(attrs("identifier", "shop-main", "instanceClass", "db.t4g.micro", "engine", "mysql", "kmsKeyId", "k2"));
        assertThat(only(diff(PlanMode.NORMAL)).replaceReasons()).containsExactly("engine", "kmsKeyId");
    }

    @Test
    void aProtectedInstanceIsNeitherDestroyedNorDeletedNorReplaced() {
        exists(attrs("identifier", "shop-main", "engine", "postgres", "deletionProtection", true));

        assertThat(diff(PlanMode.DESTROY).protectedDeletes()).extracting(Protection::address, Protection::attribute)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PRIMARY, "deletionProtection"));
        assertThat(diff(PlanMode.NORMAL).protectedDeletes()).as("removed from the blueprint")
                .extracting(Protection::address).containsExactly(PRIMARY);
        want(attrs("identifier", "shop-main", "engine", "mysql", "deletionProtection", true));
        assertThat(diff(PlanMode.NORMAL).protectedDeletes()).as("replaced").extracting(Protection::address)
                .containsExactly(PRIMARY);
    }

    @Test
    void anUnprotectedInstanceIsDeletedWithoutAProtection() {
        exists(attrs("identifier", "shop-main", "engine", "postgres", "deletionProtection", false));

        Plan plan = diff(PlanMode.DESTROY);

        assertThat(only(plan).action()).isEqualTo(Action.DELETE);
        assertThat(plan.protectedDeletes()).isEmpty();
    }

    @Test
    void fewerReplicasDeleteExactlyTheLastOnesAndADestroyDeletesTheReplicasBeforeTheirPrimary() {
        exists(attrs("identifier", "shop-main", "engine", "postgres", "deletionProtection", false));
        want(attrs("identifier", "shop-main", "engine", "postgres", "deletionProtection", false));
        for (int i = 0; i < 3; i++) {
            ResourceAddress replica = new ResourceAddress("databases", "main", "replica", i);
            Map<String, Object> recorded = attrs("identifier", "shop-main-replica-" + i, "sourceIdentifier", "shop-main");
            actual.put(replica, new Observed(replica, RdsTypes.INSTANCE.name(), "shop-main-replica-" + i, null, recorded,
                    Map.of()));
            state = state.with(new ResourceState(replica, RdsTypes.INSTANCE.name(), "shop-main-replica-" + i, null,
                    recorded, Set.of(PRIMARY), ResourceStatus.OK));
        }
        ResourceAddress first = new ResourceAddress("databases", "main", "replica", 0);
        desired.add(ResourceSpec.managed(first, RdsTypes.INSTANCE.name(), attrs("identifier", "shop-main-replica-0",
                "sourceIdentifier", PlanFixtures.ref(PRIMARY, "identifier")), Map.of()));

        assertThat(diff(PlanMode.NORMAL).changes()).filteredOn(change -> change.action() == Action.DELETE)
                .extracting(ResourceChange::address).containsExactlyInAnyOrder(
                        new ResourceAddress("databases", "main", "replica", 1),
                        new ResourceAddress("databases", "main", "replica", 2));
        Plan destroy = diff(PlanMode.DESTROY);
        assertThat(destroy.changes().stream().filter(change -> change.address().equals(PRIMARY)).findFirst().orElseThrow()
                .dependencies()).as("the primary's delete waits for its replicas'").containsExactlyInAnyOrder(first,
                new ResourceAddress("databases", "main", "replica", 1), new ResourceAddress("databases", "main", "replica", 2));
    }

    private Action versionChange(String from, String to) {
        actual.clear();
        desired.clear();
        state = State.empty("shop", null);
        exists(attrs("identifier", "shop-main", "engineVersion", from));
        want(attrs("identifier", "shop-main", "engineVersion", to));
        return only(diff(PlanMode.NORMAL)).action();
    }

    private void exists(Map<String, Object> attributes) {
        Observed observed = new Observed(PRIMARY, RdsTypes.INSTANCE.name(), "shop-main", null, attributes, Map.of());
        actual.put(PRIMARY, observed);
        state = state.with(new ResourceState(PRIMARY, RdsTypes.INSTANCE.name(), "shop-main", null, attributes, Set.of(),
                ResourceStatus.OK));
    }

    private void want(Map<String, Object> attributes) {
        desired.add(ResourceSpec.managed(PRIMARY, RdsTypes.INSTANCE.name(), attributes, Map.of()));
    }

    private Plan diff(PlanMode mode) {
        return new Differ(AwsProvider.types()).diff(DiffInput.of(mode, "sha256:test", DesiredGraph.of(desired), state,
                PlanFixtures.LOCATION, actual));
    }

    private static ResourceChange only(Plan plan) {
        assertThat(plan.changes()).hasSize(1);
        return plan.changes().get(0);
    }
}
