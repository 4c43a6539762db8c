package dev.scaffold.plan;

import static dev.scaffold.plan.PlanFixtures.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.aws.AwsProvider;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.schema.ReplaceRule;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.ResourceTypes;
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

/**
 * Each flag of the schema, through the differ alone: no handler, no AWS. The load-balancer types are
 * used as scaffold declares them; the flags none of them carries (a replace only for some changes, a
 * sensitive and a write-only value) are shown on a type declared here, as the database tier's will be.
 */
class SchemaFlagsTest {

    private static final ResourceAddress ALB = ResourceAddress.parse("loadBalancers.web.alb");
    private static final ResourceAddress TARGET_GROUP = ResourceAddress.parse("loadBalancers.web.target-group");
    private static final ResourceAddress GROUP = ResourceAddress.parse("loadBalancers.web.security-group");
    private static final ResourceAddress DB = ResourceAddress.parse("databases.main.primary");

    /** A database-like type: storage may grow in place but not shrink; its password is write-only. */
    private static final ResourceType DATABASE = ResourceType.managed("Test::Database")
            .replaceWhen("storageGb", ReplaceRule.WHEN_DECREASED)
            .sensitive("connectionString")
            .writeOnly("masterPassword")
            .build();

    private final List<ResourceSpec> desired = new ArrayList<>();
    private final Map<ResourceAddress, Observed> actual = new LinkedHashMap<>();
    private State state = State.empty("shop", null);

    @Test
    void anAttributeThatForcesReplaceReplacesAndThePlanSaysWhichAndInWhichOrder() {
        exists(TARGET_GROUP, Elbv2Types.TARGET_GROUP, attrs("name", "shop-web-8080", "port", 8080));
        exists(ALB, Elbv2Types.LOAD_BALANCER, attrs("name", "shop-web", "scheme", "internet-facing"));
        want(TARGET_GROUP, Elbv2Types.TARGET_GROUP, attrs("name", "shop-web-9090", "port", 9090));
        want(ALB, Elbv2Types.LOAD_BALANCER, attrs("name", "shop-web", "scheme", "internal"));

        Plan plan = diff();

        ResourceChange group = change(plan, TARGET_GROUP);
        assertThat(group.action()).as("a target group is made first, so the listener can move to it")
                .isEqualTo(Action.CREATE_THEN_DELETE);
        assertThat(group.action().symbol()).isEqualTo("+/-");
        assertThat(group.replaceReasons()).containsExactly("name", "port");
        assertThat(group.changes()).allSatisfy(c -> assertThat(c.forcesReplace()).isTrue());
        ResourceChange alb = change(plan, ALB);
        assertThat(alb.action()).as("a load balancer keeps its name, so the old one goes first")
                .isEqualTo(Action.DELETE_THEN_CREATE);
        assertThat(alb.action().symbol()).isEqualTo("-/+");
        assertThat(alb.replaceReasons()).containsExactly("scheme");
    }

    @Test
    void aCreateFirstTypeDeletesFirstWhenTheReplaceKeepsTheName() {
        exists(TARGET_GROUP, Elbv2Types.TARGET_GROUP, attrs("name", "shop-web-80", "vpcId", "vpc-1"));
        want(TARGET_GROUP, Elbv2Types.TARGET_GROUP, attrs("name", "shop-web-80", "vpcId", "vpc-2"));

        assertThat(change(diff(), TARGET_GROUP).action()).isEqualTo(Action.DELETE_THEN_CREATE);
    }

    @Test
    void aTaintedResourceOfACreateFirstTypeIsReplacedDeleteFirst() {
        exists(TARGET_GROUP, Elbv2Types.TARGET_GROUP, attrs("name", "shop-web-80"));
        taint(TARGET_GROUP);
        want(TARGET_GROUP, Elbv2Types.TARGET_GROUP, attrs("name", "shop-web-80"));

        ResourceChange change = change(diff(), TARGET_GROUP);

        assertThat(change.action()).isEqualTo(Action.DELETE_THEN_CREATE);
        assertThat(change.replaceReasons()).containsExactly(Differ.TAINTED);
    }

    @Test
    void aConditionalReplaceReplacesOnlyForTheChangesItNames() {
        exists(DB, DATABASE, attrs("storageGb", 50));

        want(DB, DATABASE, attrs("storageGb", 100));
        ResourceChange grow = change(diff(), DB);
        desired.clear();
        want(DB, DATABASE, attrs("storageGb", 20));
        ResourceChange shrink = change(diff(), DB);

        assertThat(grow.action()).isEqualTo(Action.UPDATE);
        assertThat(grow.changes()).singleElement().satisfies(c -> assertThat(c.forcesReplace()).isFalse());
        assertThat(shrink.action()).isEqualTo(Action.DELETE_THEN_CREATE);
        assertThat(shrink.replaceReasons()).containsExactly("storageGb");
    }

    @Test
    void aComputedAttributeIsNeverComparedAndARefToItIsKnownOnlyAfterTheUpdate() {
        ResourceType balancer = ResourceType.managed("Test::Balancer").computed("dnsName").build();
        ResourceAddress listener = ResourceAddress.parse("loadBalancers.web.listener-http");
        exists(ALB, balancer, attrs("name", "shop-web", "idleTimeoutSeconds", 60,
                "dnsName", "shop-web-1.elb.amazonaws.com"));
        want(ALB, balancer, attrs("name", "shop-web", "idleTimeoutSeconds", 120,
                "dnsName", "something the blueprint cannot know"));
        desired.add(ResourceSpec.managed(listener, "Test::Record", attrs("target", new Ref(ALB, "dnsName")), Map.of()));

        Plan plan = diff(balancer, ResourceType.managed("Test::Record").build());

        assertThat(change(plan, ALB).changes()).extracting(AttributeChange::name).containsExactly("idleTimeoutSeconds");
        assertThat(change(plan, listener).desired().attributes().get("target")).isEqualTo(new Ref(ALB, "dnsName"));
    }

    @Test
    void aRefToWhatAwsSetsAtCreationStaysKnownAcrossAnUpdateSoWhatUsesItIsNotPlannedAgain() {
        ResourceType database = ResourceType.managed("Test::Db").computedAtCreation("endpoint").build();
        ResourceType record = ResourceType.managed("Test::Record").build();
        ResourceAddress app = ResourceAddress.parse("services.app.config");
        exists(DB, database, attrs("instanceClass", "db.t4g.micro", "endpoint", "main.rds.amazonaws.com"));
        exists(app, record, attrs("host", "main.rds.amazonaws.com"));
        want(DB, database, attrs("instanceClass", "db.t4g.small"));
        want(app, record, attrs("host", new Ref(DB, "endpoint")));

        Plan plan = diff(database, record);

        assertThat(change(plan, DB).action()).isEqualTo(Action.UPDATE);
        assertThat(change(plan, app).action()).as("the endpoint an update keeps").isEqualTo(Action.NO_OP);
    }

    @Test
    void aSensitiveValueIsMarkedInThePlanAndSoIsAnAttributeThatTakesIt() {
        ResourceAddress app = ResourceAddress.parse("services.app.config");
        exists(DB, DATABASE, attrs("connectionString", "postgres://old"));
        want(DB, DATABASE, attrs("connectionString", "postgres://new"));
        desired.add(ResourceSpec.managed(app, "Test::Record", attrs("url", new Ref(DB, "connectionString")), Map.of()));

        Plan plan = diff(ResourceType.managed("Test::Record").build());

        assertThat(change(plan, DB).changes()).singleElement().satisfies(c -> assertThat(c.sensitive()).isTrue());
        assertThat(change(plan, DB).desired().sensitive()).contains("connectionString");
        assertThat(change(plan, app).desired().sensitive()).as("a value taken from a sensitive one").contains("url");
        assertThat(change(plan, app).changes()).filteredOn(c -> c.name().equals("url"))
                .singleElement().satisfies(c -> assertThat(c.sensitive()).isTrue());
    }

    @Test
    void aWriteOnlyValueIsComparedWithTheDigestTheStateRecordedNotWithAws() {
        exists(DB, DATABASE, attrs("storageGb", 50));
        record(DB, DATABASE, "masterPassword", SensitiveValues.salted(state.lineage()).digest("first"));

        want(DB, DATABASE, attrs("storageGb", 50, "masterPassword", "first"));
        ResourceChange same = change(diff(), DB);
        desired.clear();
        want(DB, DATABASE, attrs("storageGb", 50, "masterPassword", "second"));
        ResourceChange rotated = change(diff(), DB);

        assertThat(same.action()).as("AWS never returns it; the recorded digest matches").isEqualTo(Action.NO_OP);
        assertThat(rotated.action()).isEqualTo(Action.UPDATE);
        assertThat(rotated.changes()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("masterPassword");
            assertThat(c.sensitive()).isTrue();
        });
    }

    @Test
    void aReplaceThatKeepsASensitiveNameTheStateHoldsAsADigestDeletesFirst() {
        exists(TARGET_GROUP, Elbv2Types.TARGET_GROUP, attrs("name", "shop-s3cret-80", "vpcId", "vpc-1"));
        record(TARGET_GROUP, Elbv2Types.TARGET_GROUP, "name",
                SensitiveValues.salted(state.lineage()).digest("shop-s3cret-80"));
        want(TARGET_GROUP, Elbv2Types.TARGET_GROUP, attrs("name", "shop-s3cret-80", "vpcId", "vpc-2"));

        assertThat(change(diff(), TARGET_GROUP).action()).as("two target groups cannot share the name")
                .isEqualTo(Action.DELETE_THEN_CREATE);
    }

    @Test
    void aDeletionProtectionTheStateHoldsAsADigestOfTrueStillProtects() {
        // Recorded as sensitive, say because a sensitive boolean variable is true as well; AWS no longer answers.
        exists(ALB, Elbv2Types.LOAD_BALANCER, attrs("name", "shop-web"));
        record(ALB, Elbv2Types.LOAD_BALANCER, "deletionProtection", SensitiveValues.salted(state.lineage()).digest(true));
        actual.remove(ALB);

        Plan plan = diff();

        assertThat(change(plan, ALB).action()).isEqualTo(Action.DELETE);
        assertThat(plan.protectedDeletes()).extracting(Protection::address).containsExactly(ALB);
    }

    @Test
    void aReplaceOfAResourceTheBlueprintTurnsProtectionOffForIsNotRefusedThoughAwsStillHasItOn() {
        exists(ALB, Elbv2Types.LOAD_BALANCER, attrs("name", "shop-web", "scheme", "internet-facing",
                "deletionProtection", true));
        record(ALB, Elbv2Types.LOAD_BALANCER, "deletionProtection", true);
        want(ALB, Elbv2Types.LOAD_BALANCER, attrs("name", "shop-web", "scheme", "internal", "deletionProtection", false));
        Plan lifted = diff();
        desired.clear();
        want(ALB, Elbv2Types.LOAD_BALANCER, attrs("name", "shop-web", "scheme", "internal", "deletionProtection", true));
        Plan kept = diff();

        assertThat(change(lifted, ALB).action().deletes()).isTrue();
        assertThat(lifted.protectedDeletes()).as("the handler lowers it before it deletes").isEmpty();
        assertThat(kept.protectedDeletes()).extracting(Protection::address).containsExactly(ALB);
    }

    @Test
    void aWriteOnlyValueRecordedAsTheUnsaltedDigestOfAnOlderScaffoldStillMatches() {
        exists(DB, DATABASE, attrs("storageGb", 50));
        // SHA-256 of "first", as scaffold recorded write-only values before their digests were salted.
        record(DB, DATABASE, "masterPassword", "sha256:a7937b64b8caa58f03721bb6bacf5c78cb235febe0e70b1b84cd99541461a08e");

        want(DB, DATABASE, attrs("storageGb", 50, "masterPassword", "first"));

        assertThat(change(diff(), DB).action()).isEqualTo(Action.NO_OP);
    }

    @Test
    void aValueKnownOnlyAsTheStatesDigestIsComparedByDigestAndItsChangeStaysSensitive() {
        // Without a refresh the plan takes the state's record, which holds sensitive values as digests.
        SensitiveValues digests = SensitiveValues.salted(state.lineage());
        exists(DB, DATABASE, attrs("connectionString", digests.digest("postgres://a"),
                "engineVersion", digests.digest("16.4")));

        want(DB, DATABASE, attrs("connectionString", "postgres://a", "engineVersion", "16.4"));
        ResourceChange same = change(diff(), DB);
        desired.clear();
        want(DB, DATABASE, attrs("connectionString", "postgres://a", "engineVersion", "16.5"));
        ResourceChange upgraded = change(diff(), DB);

        assertThat(same.action()).isEqualTo(Action.NO_OP);
        assertThat(upgraded.changes()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("engineVersion");
            assertThat(c.sensitive()).as("it was sensitive when recorded").isTrue();
        });
    }

    @Test
    void anUnorderedListWithTheSameItemsInAnotherOrderIsNoChange() {
        Map<String, Object> http = attrs("protocol", "tcp", "fromPort", 80, "toPort", 80, "cidr", "0.0.0.0/0");
        Map<String, Object> https = attrs("protocol", "tcp", "fromPort", 443, "toPort", 443, "cidr", "0.0.0.0/0");
        exists(GROUP, Ec2Types.SECURITY_GROUP, attrs("name", "shop-web-alb", "ingress", List.of(https, http)));
        exists(ALB, Elbv2Types.LOAD_BALANCER, attrs("name", "shop-web", "subnets", List.of("subnet-b", "subnet-a")));
        want(GROUP, Ec2Types.SECURITY_GROUP, attrs("name", "shop-web-alb", "ingress", List.of(http, https)));
        want(ALB, Elbv2Types.LOAD_BALANCER, attrs("name", "shop-web", "subnets", List.of("subnet-a", "subnet-b")));

        Plan plan = diff();

        assertThat(plan.hasChanges()).isFalse();
        desired.clear();
        want(GROUP, Ec2Types.SECURITY_GROUP, attrs("name", "shop-web-alb", "ingress", List.of(http)));
        assertThat(change(diff(), GROUP).action()).as("a missing item is still a change").isEqualTo(Action.UPDATE);
    }

    @Test
    void aTypeThatCannotCarryTagsShowsAndComparesNone() {
        ResourceType policy = ResourceType.managed("Test::ScalingPolicy").untagged().build();
        ResourceAddress address = ResourceAddress.parse("services.app.scaling-policy");
        Map<String, String> ownership = Map.of("scaffold:stack", "shop", "team", "web");
        desired.add(ResourceSpec.managed(address, policy.name(), attrs("targetValue", 60), ownership));

        assertThat(change(diff(policy), address).changes()).extracting(AttributeChange::name)
                .containsExactly("targetValue");

        actual.put(address, new Observed(address, policy.name(), "policy-1", null, attrs("targetValue", 60),
                Map.of("scaffold:stack", "shop")));
        assertThat(diff(policy).hasChanges()).as("its parent's tags, which it stands with, are no change").isFalse();
    }

    private void exists(ResourceAddress address, ResourceType type, Map<String, Object> attributes) {
        Observed observed = new Observed(address, type.name(), address.resource() + "-1", null, attributes, Map.of());
        actual.put(address, observed);
        state = state.with(new ResourceState(address, type.name(), observed.physicalId(), null, attributes, Set.of(),
                ResourceStatus.OK));
    }

    private void taint(ResourceAddress address) {
        state = state.with(state.resources().get(address).withStatus(ResourceStatus.TAINTED));
    }

    private void record(ResourceAddress address, ResourceType type, String attribute, Object value) {
        ResourceState recorded = state.resources().get(address);
        Map<String, Object> attributes = new LinkedHashMap<>(recorded.attributes());
        attributes.put(attribute, value);
        state = state.with(new ResourceState(address, type.name(), recorded.physicalId(), null, attributes, Set.of(),
                ResourceStatus.OK));
    }

    private void want(ResourceAddress address, ResourceType type, Map<String, Object> attributes) {
        desired.add(ResourceSpec.managed(address, type.name(), attributes, Map.of()));
    }

    private Plan diff(ResourceType... others) {
        List<ResourceType> types = new ArrayList<>(AwsProvider.types().all());
        types.add(DATABASE);
        types.addAll(List.of(others));
        return new Differ(ResourceTypes.of(types)).diff(DiffInput.of(PlanMode.NORMAL, "sha256:test",
                DesiredGraph.of(desired), state, PlanFixtures.LOCATION, actual));
    }

    private static ResourceChange change(Plan plan, ResourceAddress address) {
        return plan.changes().stream().filter(c -> c.address().equals(address)).findFirst().orElseThrow();
    }
}
