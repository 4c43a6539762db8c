package dev.scaffold.plan;

import static dev.scaffold.plan.PlanFixtures.DB;
import static dev.scaffold.plan.PlanFixtures.DB_ADDR;
import static dev.scaffold.plan.PlanFixtures.LINEAGE;
import static dev.scaffold.plan.PlanFixtures.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SensitiveValuesTest {

    // Worked out apart from scaffold: Python's hashlib.pbkdf2_hmac('sha256', value, str(LINEAGE), iterations).
    private static final String NEW_SECRET_120000 =
            "pbkdf2-sha256:120000:682e08f7a807a7d0d8065353ad01e734d260722525248cf7fe0843a0cf00a8e1";
    private static final String OLD_SECRET_1000 =
            "pbkdf2-sha256:1000:4bb60caad3a2d7c0ddae031ee6feaa5aa2ab27a2f79309af020e7818943d8c6b";
    // hashlib.sha256(value): what scaffold wrote before digests were salted.
    private static final String OLD_SECRET_LEGACY =
            "sha256:a1844623b00a72e614616979f2da6f7e847ba7afef93b3af42b15ab2f7bb8101";

    private final SensitiveValues digests = SensitiveValues.salted(LINEAGE);

    @Test
    void aDigestIsPbkdf2SaltedWithTheLineageAndNamesItsIterations() {
        assertThat(SensitiveValues.ITERATIONS).isEqualTo(120_000);
        assertThat(digests.digest("n3w-s3cret")).isEqualTo(NEW_SECRET_120000);
        assertThat(SensitiveValues.salted(UUID.fromString("00000000-0000-4000-8000-000000000009")).digest("n3w-s3cret"))
                .as("another state's digest of the same value").isNotEqualTo(NEW_SECRET_120000)
                .startsWith(SensitiveValues.PREFIX + SensitiveValues.ITERATIONS + ":");
    }

    @Test
    void theSameValueDigestsAlikeWhateverItsJavaTypes() {
        assertThat(digests.digest(50)).isEqualTo(digests.digest(50L)).isEqualTo(digests.digest(50.0))
                .isEqualTo(digests.digest("50"));
        assertThat(digests.digest(Map.of("b", 1, "a", List.of(2L))))
                .isEqualTo(digests.digest(Map.of("a", List.of(2), "b", 1.0)));
    }

    @Test
    void aRecordedDigestMatchesItsValueWhateverItsIterationsAndAnOlderUnsaltedOneToo() {
        assertThat(digests.matches(NEW_SECRET_120000, "n3w-s3cret")).isTrue();
        assertThat(digests.matches(OLD_SECRET_1000, "0ld-s3cret")).as("written with fewer iterations").isTrue();
        assertThat(digests.matches(OLD_SECRET_LEGACY, "0ld-s3cret")).as("written by an older scaffold").isTrue();

        assertThat(digests.matches(NEW_SECRET_120000, "n3w-s3cret!")).isFalse();
        assertThat(digests.matches(OLD_SECRET_LEGACY, "n3w-s3cret")).isFalse();
        assertThat(SensitiveValues.salted(UUID.randomUUID()).matches(NEW_SECRET_120000, "n3w-s3cret"))
                .as("a digest of another lineage").isFalse();
        assertThat(digests.matches("n3w-s3cret", "n3w-s3cret")).as("a value in clear is no digest").isFalse();
        assertThat(digests.matches(null, "n3w-s3cret")).isFalse();
    }

    @Test
    void aDigestAskingForAbsurdlyManyIterationsIsNeverWorkedOut() {
        String hostile = "pbkdf2-sha256:99999999:" + "0".repeat(64);

        long start = System.nanoTime();
        assertThat(digests.matches(hostile, "anything")).isFalse();
        assertThat(System.nanoTime() - start).as("no hundred million rounds").isLessThan(1_000_000_000L);
    }

    @Test
    void digestsOfEitherFormAreToldFromValues() {
        assertThat(SensitiveValues.isDigest(NEW_SECRET_120000)).isTrue();
        assertThat(SensitiveValues.isDigest(OLD_SECRET_LEGACY)).isTrue();
        assertThat(SensitiveValues.isDigest("pbkdf2-sha256:120000:abc")).isFalse();
        assertThat(SensitiveValues.isDigest("sha256:not-hex")).isFalse();
        assertThat(SensitiveValues.isDigest(42)).isFalse();
        assertThat(SensitiveValues.shown(NEW_SECRET_120000)).isEqualTo("(sensitive)");
        assertThat(SensitiveValues.shown("shop-web-1.elb.amazonaws.com")).isEqualTo("shop-web-1.elb.amazonaws.com");
    }

    @Test
    void anUnsaltedDigestOfAnOlderScaffoldIsReplacedWhereThePlanShowsItsValueAndKeptElsewhere() {
        ResourceState recorded = new ResourceState(DB_ADDR, DB, "shop-main", null,
                attrs("engine", "postgres", "masterPassword", OLD_SECRET_LEGACY, "other", OLD_SECRET_LEGACY), Set.of(),
                ResourceStatus.OK);
        State state = new State(2, "shop", "prod", "us-east-1", "123456789012", LINEAGE, 3,
                Map.of(DB_ADDR, recorded), Map.of());
        ResourceSpec desired = new ResourceSpec(DB_ADDR, DB, Mode.MANAGED,
                attrs("engine", "postgres", "masterPassword", "0ld-s3cret", "other", "not-what-was-recorded"),
                Map.of(), Set.of(), Set.of("masterPassword", "other"));
        Plan plan = new Plan(Plan.FORMAT_VERSION, PlanMode.NORMAL, "shop", "prod", LINEAGE, 3, "us-east-1",
                "123456789012", "d", List.of(new ResourceChange(DB_ADDR, DB, Action.NO_OP, desired, recorded, List.of(),
                        Set.of(), Set.of(), Standing.RECORDED)), List.of(), List.of());

        State upgraded = digests.upgraded(state, plan);

        Map<String, Object> attributes = upgraded.resources().get(DB_ADDR).attributes();
        assertThat(attributes.get("masterPassword")).isEqualTo(digests.digest("0ld-s3cret"));
        assertThat(attributes.get("other")).as("the plan does not show its value").isEqualTo(OLD_SECRET_LEGACY);
        assertThat(attributes.get("engine")).isEqualTo("postgres");
    }
}
