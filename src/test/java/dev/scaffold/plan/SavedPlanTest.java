package dev.scaffold.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.BlueprintLoader;
import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.components.Components;
import dev.scaffold.components.NetworkComponent;
import dev.scaffold.engine.Stack;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.aws.AwsProvider;
import dev.scaffold.report.Golden;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.state.Observed;
import dev.scaffold.state.PrettyJson;
import dev.scaffold.state.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedPlanTest {

    @TempDir
    Path dir;

    private static final PlanSource SOURCE = new PlanSource("../blueprints/shop.yaml", "prod",
            Map.of("instanceType", "t3.small", "ports", "[80,443]"), Set.of("dbPassword"),
            Set.of(PlanFixtures.ALB_ADDR), true);

    private static final String REPLAN = "scaffold plan -f shop.yaml -e prod --out prod.plan";

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

        SavedPlan.write(plan, SOURCE, file);
        SavedPlan.Contents contents = SavedPlan.read(file);
        Plan read = contents.plan();

        assertThat(Files.readString(file)).doesNotContain("n3w-s3cret").doesNotContain("0ld-s3cret");
        assertThat(contents.source()).isEqualTo(SOURCE);
        assertThat(read.changes()).hasSameSizeAs(plan.changes());
        for (int i = 0; i < plan.changes().size(); i++) {
            ResourceChange written = plan.changes().get(i);
            ResourceChange back = read.changes().get(i);
            if (written.address().equals(PlanFixtures.DB_ADDR)) {
                assertThat(back.desired().attributes().get("masterPassword"))
                        .isEqualTo(SensitiveValues.salted(PlanFixtures.LINEAGE).digest("n3w-s3cret"));
                assertThat(back.prior().attributes().get("masterPassword"))
                        .isEqualTo(SensitiveValues.salted(PlanFixtures.LINEAGE).digest("0ld-s3cret"));
                assertThat(back.changes()).singleElement().satisfies(change -> assertThat(change.sensitive()).isTrue());
            } else {
                assertThat(back).isEqualTo(written);
            }
        }
        assertThat(new Plan(read.formatVersion(), read.mode(), read.stack(), read.environment(), read.lineage(),
                read.serial(), read.region(), read.accountId(), read.blueprintDigest(), plan.changes(), read.foreign(),
                read.protectedDeletes()))
                .isEqualTo(plan);
    }

    @Test
    void givenAPlan_whenWritten_thenTheFileIsOwnerOnlyAndMatchesTheDocumentedLayout() throws Exception {
        Path file = dir.resolve("plan.json");

        SavedPlan.write(plan, SOURCE, file);

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Golden.assertMatches("saved-plan/plan.json", Files.readString(file));
    }

    @Test
    void givenTheStateAtThePlansSerial_whenChecked_thenThePlanIsCurrent() {
        assertThatCode(() -> SavedPlan.checkCurrent(plan, stateAt(PlanFixtures.LINEAGE, 3), REPLAN))
                .doesNotThrowAnyException();
    }

    @Test
    void givenTheStateMovedOn_whenChecked_thenThePlanIsStale() {
        assertThatThrownBy(() -> SavedPlan.checkCurrent(plan, stateAt(PlanFixtures.LINEAGE, 5), REPLAN))
                .isInstanceOf(ScaffoldException.class)
                .hasMessage("saved plan is stale: it was made against state serial 3 of lineage "
                        + PlanFixtures.LINEAGE + ", but the state is now at serial 5; nothing was changed. Make the plan again: " + REPLAN)
                .satisfies(e -> assertThat(((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.FAILURE));
    }

    @Test
    void givenAStateOfAnotherLineage_whenChecked_thenThePlanIsStale() {
        UUID other = UUID.fromString("00000000-0000-4000-8000-000000000009");

        assertThatThrownBy(() -> SavedPlan.checkCurrent(plan, stateAt(other, 3), REPLAN))
                .hasMessageContaining("saved plan is stale")
                .hasMessageContaining("the state is now serial 3 of lineage " + other);
    }

    @Test
    void givenAPlanMadeWithoutStateAndAStateNow_whenChecked_thenThePlanIsStale() {
        Plan withoutState = new Plan(Plan.FORMAT_VERSION, PlanMode.NORMAL, "shop", null, PlanFixtures.LINEAGE, 0,
                "us-east-1", "123456789012", "d", plan.changes(), List.of(), List.of());

        UUID other = UUID.fromString("00000000-0000-4000-8000-000000000009");
        assertThatThrownBy(() -> SavedPlan.checkCurrent(withoutState, stateAt(other, 1), REPLAN))
                .hasMessageStartingWith("saved plan is stale: it was made when the stack had no state, but the state"
                        + " is now serial 1 of lineage ");
        assertThatCode(() -> SavedPlan.checkCurrent(withoutState, null, REPLAN)).doesNotThrowAnyException();
    }

    @Test
    void givenAPlanMadeAgainstAStateThatIsGone_whenChecked_thenThePlanIsStale() {
        assertThatThrownBy(() -> SavedPlan.checkCurrent(plan, null, REPLAN))
                .hasMessageContaining("but there is no state any more");
    }

    @Test
    void givenATruncatedPlanFile_whenRead_thenAClearFailureNamingTheFile() throws Exception {
        Path file = dir.resolve("plan.json");
        SavedPlan.write(plan, SOURCE, file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 3));

        assertThatThrownBy(() -> SavedPlan.read(file))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining(file + " is not a saved plan: it is not JSON (a damaged or cut-off plan");
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
    void givenABlueprint_whenReadAsAPlan_thenItSaysItIsABlueprintAndHowToApplyIt() throws Exception {
        Path file = dir.resolve("blueprint.yaml");
        Files.writeString(file, "# the shop\nblueprint: shop\nregion: us-east-1\n");

        assertThatThrownBy(() -> SavedPlan.read(file))
                .hasMessage(file + " is a blueprint, not a saved plan; to apply it, run: scaffold apply -f " + file);
    }

    @Test
    void givenAFileThatIsNotASavedPlan_whenAPlanIsSavedThere_thenItIsLeftAsItWas() throws Exception {
        Path file = dir.resolve("blueprint.yaml");
        Files.writeString(file, "blueprint: shop\n");

        assertThatThrownBy(() -> SavedPlan.write(plan, SOURCE, file))
                .hasMessageContaining("exists and is not a saved plan");
        assertThat(Files.readString(file)).isEqualTo("blueprint: shop\n");
        SavedPlan.write(plan, SOURCE, dir.resolve("plan.json"));
        assertThatCode(() -> SavedPlan.write(plan, SOURCE, dir.resolve("plan.json"))).as("an earlier saved plan")
                .doesNotThrowAnyException();
    }

    @Test
    void givenASavedPlan_whenItsSensitiveValuesAreRestoredFromTheBlueprint_thenTheyAreTheClearValuesAgain()
            throws Exception {
        Path file = dir.resolve("plan.json");
        SavedPlan.write(plan, SOURCE, file);
        Plan read = SavedPlan.read(file).plan();
        DesiredGraph blueprint = DesiredGraph.of(plan.changes().stream()
                .filter(c -> c.desired() != null).map(ResourceChange::desired).toList());

        Plan restored = SensitiveValues.restored(read, blueprint);

        ResourceChange db = restored.changes().stream().filter(c -> c.address().equals(PlanFixtures.DB_ADDR))
                .findFirst().orElseThrow();
        assertThat(db.desired().attributes()).containsEntry("masterPassword", "n3w-s3cret");
        assertThat(db.desired()).isEqualTo(plan.changes().stream().filter(c -> c.address().equals(PlanFixtures.DB_ADDR))
                .findFirst().orElseThrow().desired());
    }

    @Test
    void givenABlueprintThatNowGivesAnotherSensitiveValue_whenRestored_thenTheSavedPlanIsRefused() {
        Path file = dir.resolve("plan.json");
        SavedPlan.write(plan, SOURCE, file);
        Plan read = SavedPlan.read(file).plan();
        DesiredGraph changed = DesiredGraph.of(plan.changes().stream().filter(c -> c.desired() != null)
                .map(c -> c.address().equals(PlanFixtures.DB_ADDR)
                        ? c.desired().withAttributes(Map.of("masterPassword", "n0t-the-same")) : c.desired())
                .toList());

        assertThatThrownBy(() -> SensitiveValues.restored(read, changed))
                .hasMessageContaining("databases.main.primary.masterPassword").hasMessageNotContaining("n0t-the-same");
    }

    @Test
    void givenAPlanOfABlueprintWithASensitiveVariable_whenSavedAndRestoredForApply_thenTheFileHoldsNoneOfItAndApplyGetsItAll()
            throws Exception {
        Plan planned = planOf(tokenBlueprint("TOPSECRET-hunter2"));
        Path file = dir.resolve("token.plan");

        SavedPlan.write(planned, SOURCE, file);
        Plan read = SavedPlan.read(file).plan();
        Plan restored = SensitiveValues.restored(read, tokenBlueprint("TOPSECRET-hunter2").graph());

        assertThat(Files.readString(file)).doesNotContain("TOPSECRET").doesNotContain("hunter2")
                .contains(SensitiveValues.PREFIX);
        ResourceChange targetGroup = read.changes().stream()
                .filter(c -> c.address().toString().equals("loadBalancers.web.target-group")).findFirst().orElseThrow();
        assertThat(targetGroup.desired().sensitive()).contains("healthCheckPath", "tags.owner", "tags.auth");
        assertThat(restored.changes()).isEqualTo(planned.changes());
    }

    @Test
    void givenAPlanOfABlueprintWithASensitiveVariable_whenTheVariableNowHasAnotherValue_thenApplyRefusesIt() {
        Plan planned = planOf(tokenBlueprint("TOPSECRET-hunter2"));
        Path file = dir.resolve("token.plan");
        SavedPlan.write(planned, SOURCE, file);
        Plan read = SavedPlan.read(file).plan();

        assertThatThrownBy(() -> SensitiveValues.restored(read, tokenBlueprint("guessed-wrong").graph()))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("another value of the sensitive loadBalancers.web.")
                .hasMessageNotContaining("guessed-wrong").hasMessageNotContaining("hunter2");
    }

    /** blueprints/load-balancer.yaml with a sensitive token in its tags, whole and in part, and a health check path. */
    private Stack tokenBlueprint(String token) {
        try {
            Path file = dir.resolve("blueprint.yaml");
            Files.writeString(file, """
                    blueprint: edge
                    region: us-east-1
                    tags: { team: web, owner: "${var.token}", auth: "Bearer ${var.token}" }
                    variables:
                      certificate: { type: string }
                      token: { type: string, sensitive: true }
                    network: { vpc: default, subnets: default }
                    loadBalancers:
                      web:
                        https: { certificate: "${var.certificate}" }
                        healthCheck: { path: "/health/${var.token}" }
                    """);
            Blueprint blueprint = new BlueprintLoader(Map.of()).load(new LoadRequest(file, null,
                    Map.of("certificate", "arn:aws:acm:us-east-1:123456789012:certificate/0b6c2f1e", "token", token),
                    List.of()));
            return Stack.of(blueprint, new Components().expansion(blueprint));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plan of a stack never applied, in a region whose default VPC has one subnet. */
    private static Plan planOf(Stack stack) {
        Map<ResourceAddress, Observed> network = Map.of(
                NetworkComponent.VPC, new Observed(NetworkComponent.VPC, Ec2Types.VPC.name(), "vpc-1", null,
                        Map.of("id", "vpc-1"), Map.of()),
                NetworkComponent.SUBNETS, new Observed(NetworkComponent.SUBNETS, Ec2Types.SUBNETS.name(), "vpc-1",
                        null, Map.of("subnetIds", List.of("subnet-1")), Map.of()));
        return new Differ(AwsProvider.types()).diff(DiffInput.of(PlanMode.NORMAL, stack.digest(), stack.graph(),
                stateAt(PlanFixtures.LINEAGE, 0), PlanFixtures.LOCATION, network));
    }

    @Test
    void givenNoFile_whenRead_thenItSaysSo() {
        assertThatThrownBy(() -> SavedPlan.read(dir.resolve("nope.json"))).hasMessageContaining("does not exist");
    }
}
