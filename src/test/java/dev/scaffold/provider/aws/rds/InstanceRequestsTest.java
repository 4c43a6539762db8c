package dev.scaffold.provider.aws.rds;

import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.rds.ScriptedRds.Call;
import dev.scaffold.schema.RdsTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.ScriptedHttpClient;
import dev.scaffold.testing.TestApplyContext;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The DB instance requests as AWS receives them, and waits through the states AWS goes through, which the emulator
 * skips ({@link EmulatorGaps#RDS_INSTANCES_AVAILABLE_AT_ONCE}): replayed by a scripted HTTP client.
 */
class InstanceRequestsTest {

    private static final ResourceAddress PRIMARY = ResourceAddress.of("databases", "main", "primary");
    private static final String ARN = "arn:aws:rds:us-east-1:123456789012:db:shop-main";

    @Test
    void anUpdateModifiesExactlyThePlannedAttributesImmediatelyAndWaitsUntilNothingIsPending() {
        ScriptedHttpClient rds = new ScriptedHttpClient()
                .answer("ModifyDBInstance", "/aws-answers/rds/modify-db-instance.xml")
                .answer("DescribeDBInstances", "/aws-answers/rds/describe-db-instance-modifying.xml")
                .answer("DescribeDBInstances", "/aws-answers/rds/describe-db-instance-available-pending.xml")
                .answer("DescribeDBInstances", "/aws-answers/rds/describe-db-instance-available.xml");
        Map<String, Object> before = primary("db.t4g.micro", 20, List.of("sg-0a1b2c3d4e5f60718"));
        Observed current = new Observed(PRIMARY, RdsTypes.INSTANCE.name(), "shop-main", ARN, before, Map.of());
        ResourceSpec spec = ResourceSpec.managed(PRIMARY, RdsTypes.INSTANCE.name(),
                primary("db.t4g.small", 50, List.of("sg-0f1e2d3c4b5a69788", "sg-0a1b2c3d4e5f60718")), Map.of());
        TestApplyContext ctx = new TestApplyContext(PRIMARY);

        Observed updated;
        try (AwsClients aws = ScriptedRds.clients(rds)) {
            updated = new InstanceHandler(aws, Duration.ofMillis(10), Duration.ofMinutes(1), Clock.systemUTC())
                    .update(spec, current, planned(spec, current), ctx).join();
        }

        Map<String, String> modify = new TreeMap<>();
        modify.put("DBInstanceIdentifier", "shop-main");
        modify.put("ApplyImmediately", "true");
        modify.put("DBInstanceClass", "db.t4g.small");
        modify.put("AllocatedStorage", "50");
        modify.put("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0f1e2d3c4b5a69788");
        modify.put("VpcSecurityGroupIds.VpcSecurityGroupId.2", "sg-0a1b2c3d4e5f60718");
        assertThat(ScriptedRds.calls(rds)).first().isEqualTo(new Call("ModifyDBInstance", modify));
        assertThat(rds.operations()).as("modifying, then available with storage still pending, then done")
                .containsExactly("ModifyDBInstance", "DescribeDBInstances", "DescribeDBInstances", "DescribeDBInstances");
        assertThat(ScriptedRds.calls(rds).get(1).parameters()).containsEntry("Filters.Filter.1.Name", "db-instance-id")
                .containsEntry("Filters.Filter.1.Values.Value.1", "shop-main");
        assertThat(updated.attributes()).containsEntry("instanceClass", "db.t4g.small").containsEntry("status", "available")
                .containsEntry("endpoint", "shop-main.c7x2kq9ltr4m.us-east-1.rds.amazonaws.com").containsEntry("port", 5432);
    }

    @Test
    void aReplicaIsCreatedFromItsSourceWithWhatAReplicaTakesAndWaitedOnUntilAvailable() {
        ScriptedHttpClient rds = new ScriptedHttpClient()
                .answer("CreateDBInstanceReadReplica", "/aws-answers/rds/create-db-instance-read-replica.xml")
                .answer("DescribeDBInstances", "/aws-answers/rds/describe-db-replica-available.xml");
        ResourceAddress address = new ResourceAddress("databases", "main", "replica", 0);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("identifier", "shop-main-replica-0");
        attributes.put("sourceIdentifier", "shop-main");
        attributes.put("engine", "postgres");
        attributes.put("instanceClass", "db.t4g.micro");
        attributes.put("availabilityZone", "us-east-1b");
        attributes.put("storageEncrypted", true);
        attributes.put("publiclyAccessible", false);
        attributes.put("skipFinalSnapshot", true);
        TestApplyContext ctx = new TestApplyContext(address);

        Observed created;
        try (AwsClients aws = ScriptedRds.clients(rds)) {
            created = new InstanceHandler(aws, Duration.ofMillis(10), Duration.ofMinutes(1), Clock.systemUTC()).create(ResourceSpec.managed(address,
                    RdsTypes.INSTANCE.name(), attributes, Map.of("scaffold:stack", "shop")), ctx).join();
        }

        Map<String, String> create = new TreeMap<>();
        create.put("DBInstanceIdentifier", "shop-main-replica-0");
        create.put("SourceDBInstanceIdentifier", "shop-main");
        create.put("DBInstanceClass", "db.t4g.micro");
        create.put("AvailabilityZone", "us-east-1b");
        create.put("PubliclyAccessible", "false");
        create.put("Tags.Tag.1.Key", "scaffold:stack");
        create.put("Tags.Tag.1.Value", "shop");
        assertThat(ScriptedRds.calls(rds)).first().as("no engine, no encryption flag: a replica has its source's")
                .isEqualTo(new Call("CreateDBInstanceReadReplica", create));
        assertThat(ctx.created()).singleElement().extracting(Observed::physicalId).isEqualTo("shop-main-replica-0");
        assertThat(created.attributes()).containsEntry("status", "available").containsEntry("masterSecretArn", null);
    }

    @Test
    void aWaitPastItsBoundFailsNamingTheInstanceWhatItWaitedForAndThatTheNextApplyGoesOn() {
        ScriptedHttpClient rds = new ScriptedHttpClient()
                .answer("ModifyDBInstance", "/aws-answers/rds/modify-db-instance.xml");
        for (int i = 0; i < 100; i++) {
            rds.answer("DescribeDBInstances", "/aws-answers/rds/describe-db-instance-modifying.xml");
        }
        Observed current = new Observed(PRIMARY, RdsTypes.INSTANCE.name(), "shop-main", ARN,
                primary("db.t4g.micro", 20, List.of("sg-0a1b2c3d4e5f60718")), Map.of());
        ResourceSpec spec = ResourceSpec.managed(PRIMARY, RdsTypes.INSTANCE.name(),
                primary("db.t4g.small", 20, List.of("sg-0a1b2c3d4e5f60718")), Map.of());

        try (AwsClients aws = ScriptedRds.clients(rds)) {
            InstanceHandler handler = new InstanceHandler(aws, Duration.ofMillis(50), Duration.ofSeconds(1),
                    Clock.systemUTC());
            assertThatThrownBy(() -> handler.update(spec, current, planned(spec, current), new TestApplyContext(PRIMARY))
                    .join()).isInstanceOf(CompletionException.class).cause()
                    .isInstanceOfSatisfying(HandlerException.class, failure -> {
                        assertThat(failure.address()).isEqualTo(PRIMARY);
                        assertThat(failure).hasMessage("the DB instance shop-main is still modifying after 1 s of"
                                + " waiting until it is available with its changes; AWS goes on with it, and the next"
                                + " apply goes on waiting");
                    });
        }
    }

    private static Map<String, Object> primary(String instanceClass, int storage, List<String> groups) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("identifier", "shop-main");
        attributes.put("engine", "postgres");
        attributes.put("engineVersion", "16.4");
        attributes.put("instanceClass", instanceClass);
        attributes.put("allocatedStorage", storage);
        attributes.put("multiAz", true);
        attributes.put("vpcSecurityGroupIds", groups);
        attributes.put("skipFinalSnapshot", false);
        return attributes;
    }
}
