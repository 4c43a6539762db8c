package dev.scaffold.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import dev.scaffold.report.Golden;
import dev.scaffold.state.PrettyJson;
import dev.scaffold.state.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedPlanTest {

    @TempDir
    Path dir;

    private final Plan plan = PlanFixtures.samplePlan();

    private static State stateAt(UUID lineage, long serial) {
        return new State(1, "shop", "prod", lineage, serial, Map.of(), Map.of());
    }

    @Test
    void givenTheSamplePlan_thenItHasOneOfEachAction() {
        assertThat(plan.counts()).containsEntry(Action.CREATE, 1).containsEntry(Action.UPDATE, 3)
                .containsEntry(Action.DELETE_THEN_CREATE, 1).containsEntry(Action.DELETE, 1).containsEntry(Action.NO_OP, 1);
    }

    @Test
    void givenAPlan_whenWrittenAndRead_thenItIsTheSamePlanWithSensitiveValuesOnlyAsDigests() throws Exception {
        Path file = dir.resolve("plan.json");

        SavedPlan.write(plan, file);
        Plan read = SavedPlan.read(file);

        assertThat(Files.readString(file)).doesNotContain("n3w-s3cret").doesNotContain("0ld-s3cret");
        assertThat(read.changes()).hasSameSizeAs(plan.changes());
        for (int i = 0; i < plan.changes().size(); i++) {
            ResourceChange written = plan.changes().get(i);
            ResourceChange back = read.changes().get(i);
            if (written.address().equals(PlanFixtures.DB_ADDR)) {
                assertThat(back.desired().attributes().get("masterPassword"))
                        .isEqualTo(SensitiveValues.digest("n3w-s3cret"));
                assertThat(back.prior().attributes().get("masterPassword"))
                        .isEqualTo(SensitiveValues.digest("0ld-s3cret"));
                assertThat(back.changes()).singleElement().satisfies(change -> assertThat(change.sensitive()).isTrue());
            } else {
                assertThat(back).isEqualTo(written);
            }
        }
        assertThat(new Plan(read.formatVersion(), read.mode(), read.stack(), read.environment(), read.lineage(),
                read.serial(), read.region(), read.accountId(), read.blueprintDigest(), plan.changes(), read.foreign()))
                .isEqualTo(plan);
    }

    @Test
    void givenAPlan_whenWritten_thenTheFileIsOwnerOnlyAndMatchesTheDocumentedLayout() throws Exception {
        Path file = dir.resolve("plan.json");

        SavedPlan.write(plan, file);

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Golden.assertMatches("saved-plan/plan.json", Files.readString(file));
    }

    @Test
    void givenTheStateAtThePlansSerial_whenChecked_thenThePlanIsCurrent() {
        assertThatCode(() -> SavedPlan.checkCurrent(plan, stateAt(PlanFixtures.LINEAGE, 3)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenTheStateMovedOn_whenChecked_thenThePlanIsStale() {
        assertThatThrownBy(() -> SavedPlan.checkCurrent(plan, stateAt(PlanFixtures.LINEAGE, 5)))
                .isInstanceOf(ScaffoldException.class)
                .hasMessage("saved plan is stale: it was made against state serial 3 of lineage "
                        + PlanFixtures.LINEAGE + ", but the state is now at serial 5; run scaffold plan again")
                .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.FAILURE));
    }

    @Test
    void givenAStateOfAnotherLineage_whenChecked_thenThePlanIsStale() {
        UUID other = UUID.fromString("00000000-0000-4000-8000-000000000009");

        assertThatThrownBy(() -> SavedPlan.checkCurrent(plan, stateAt(other, 3)))
                .hasMessageContaining("saved plan is stale")
                .hasMessageContaining("the state is now serial 3 of lineage " + other);
    }

    @Test
    void givenAPlanMadeWithoutStateAndAStateNow_whenChecked_thenThePlanIsStale() {
        Plan withoutState = new Plan(Plan.FORMAT_VERSION, PlanMode.NORMAL, "shop", null, PlanFixtures.LINEAGE, 0,
                "us-east-1", "123456789012", "d", plan.changes(), List.of());

        UUID other = UUID.fromString("00000000-0000-4000-8000-000000000009");
        assertThatThrownBy(() -> SavedPlan.checkCurrent(withoutState, stateAt(other, 1)))
                .hasMessageStartingWith("saved plan is stale: it was made when the stack had no state, but the state"
                        + " is now serial 1 of lineage ");
        assertThatCode(() -> SavedPlan.checkCurrent(withoutState, null)).doesNotThrowAnyException();
    }

    @Test
    void givenAPlanMadeAgainstAStateThatIsGone_whenChecked_thenThePlanIsStale() {
        assertThatThrownBy(() -> SavedPlan.checkCurrent(plan, null))
                .hasMessageContaining("but there is no state any more");
    }

    @Test
    void givenATruncatedPlanFile_whenRead_thenAClearFailureNamingTheFile() throws Exception {
        Path file = dir.resolve("plan.json");
        SavedPlan.write(plan, file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 3));

        assertThatThrownBy(() -> SavedPlan.read(file))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("the saved plan " + file + " is not valid JSON");
    }

    @Test
    void givenJsonThatIsNotASavedPlan_whenRead_thenItSaysHowToSaveOne() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"changes\": []}");

        assertThatThrownBy(() -> SavedPlan.read(file)).hasMessageContaining("is not a saved plan");
    }

    @Test
    void givenAPlanFromANewerScaffold_whenRead_thenItSaysToUpgrade() throws Exception {
        Path file = dir.resolve("plan.json");
        var root = SavedPlan.encode(plan);
        root.put("formatVersion", Plan.FORMAT_VERSION + 1);
        Files.write(file, PrettyJson.bytes(root));

        assertThatThrownBy(() -> SavedPlan.read(file)).hasMessageContaining("format version " + (Plan.FORMAT_VERSION + 1))
                .hasMessageContaining("upgrade scaffold");
    }

    @Test
    void givenNoFile_whenRead_thenItSaysSo() {
        assertThatThrownBy(() -> SavedPlan.read(dir.resolve("nope.json"))).hasMessageContaining("does not exist");
    }
}
