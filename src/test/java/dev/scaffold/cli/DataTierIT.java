package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.StackInEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Parameter;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;

/**
 * The data tier end to end, as a user drives it against the emulator: a database with read replicas and a cache
 * behind a service, applied with every secure default checked through the SDK, planned again with no changes,
 * changed in place, its replicas cut, refused by destroy while protected and destroyed once the blueprint turns the
 * protection off; no secret AWS keeps for it ever shows in an output.
 */
@ExtendWith(AwsEmulator.class)
class DataTierIT {

    /** An image the emulator has; in AWS, the user's own. */
    private static final String IMAGE = "ami-1e749f67";

    @TempDir
    Path dir;

    private EmulatorTarget emulator;
    private AwsClients aws;
    private Path blueprint;
    private String stack;

    @BeforeEach
    void names(EmulatorTarget emulator, AwsClients aws) {
        this.emulator = emulator;
        this.aws = aws;
        this.stack = StackInEmulator.uniqueName("data", dir);
    }

    @Test
    void theDatabaseAppliesSecurePlansEmptyChangesInPlaceAndIsDestroyedOnlyOnceTheBlueprintLowersItsProtection()
            throws Exception {
        write(database("db.t4g.micro", "16.4", 3, true));
        CommandLineRun apply = scaffold("apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(scaffold("plan", "--detailed-exitcode").exitCode()).as("the next plan is empty").isZero();

        DBInstance primary = instance(stack + "-main");
        assertThat(primary.storageEncrypted()).isTrue();
        assertThat(primary.kmsKeyId()).isEqualTo(stackKeyArn());
        assertThat(primary.publiclyAccessible()).isFalse();
        assertThat(primary.multiAZ()).isTrue();
        assertThat(primary.deletionProtection()).isTrue();
        assertThat(primary.backupRetentionPeriod()).isEqualTo(7);
        assertThat(primary.copyTagsToSnapshot()).isTrue();
        assertThat(primary.masterUserSecret().secretArn()).as("RDS keeps the password").isNotBlank();
        assertThat(primary.vpcSecurityGroups()).singleElement().satisfies(group -> assertThat(ingressOf(
                group.vpcSecurityGroupId())).singleElement().satisfies(rule -> {
                    assertThat(rule.fromPort()).isEqualTo(5432);
                    assertThat(rule.userIdGroupPairs()).singleElement()
                            .satisfies(pair -> assertThat(pair.groupId()).isEqualTo(serviceGroupId()));
                    assertThat(rule.ipRanges()).isEmpty();
                }));
        assertThat(parameters(primary.dbParameterGroups().get(0).dbParameterGroupName()))
                .anySatisfy(p -> assertThat(p.parameterName() + "=" + p.parameterValue()).isEqualTo("rds.force_ssl=1"));
        List<DBInstance> replicas = Stream.of(0, 1, 2).map(i -> instance(stack + "-main-replica-" + i)).toList();
        assertThat(replicas).allSatisfy(replica -> {
            assertThat(replica.readReplicaSourceDBInstanceIdentifier()).isEqualTo(stack + "-main");
            assertThat(replica.storageEncrypted()).isTrue();
            assertThat(replica.publiclyAccessible()).isFalse();
        });
        assertThat(replicas.stream().map(DBInstance::availabilityZone).distinct()).as("spread over the zones")
                .hasSize(3);
        CommandLineRun output = output("databases.main.readerEndpoints");
        assertThat(output.out()).contains(replicas.get(0).endpoint().address(), replicas.get(2).endpoint().address());
        String password = Clients.secretsmanager(aws).getSecretValue(r -> r.secretId(primary.masterUserSecret()
                .secretArn())).join().secretString();
        assertThat(apply.out() + apply.err() + output().out() + stateFile()).doesNotContain(password);

        write(database("db.t4g.small", "16.4", 3, true));
        assertThat(scaffold("plan").out()).contains("~ databases.main.primary (AWS::RDS::DBInstance)")
                .contains("~ instanceClass: \"db.t4g.micro\" → \"db.t4g.small\"")
                .contains("~ databases.main.replica[2] (AWS::RDS::DBInstance)")
                .contains("Plan: 0 to add, 4 to change, 0 to replace, 0 to destroy.");
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();
        assertThat(instance(stack + "-main").dbInstanceClass()).isEqualTo("db.t4g.small");

        write(database("db.t4g.small", "17.2", 3, true));
        assertThat(scaffold("plan").out()).contains("# databases.main.primary must be replaced")
                .containsPattern("~ engineVersion: +\"16.4\" → \"17.2\" # forces replacement");

        write(database("db.t4g.small", "16.4", 1, true));
        CommandLineRun fewer = scaffold("plan");
        assertThat(fewer.out()).contains("- databases.main.replica[1]", "- databases.main.replica[2]")
                .doesNotContain("- databases.main.replica[0]")
                .contains("Plan: 0 to add, 0 to change, 0 to replace, 2 to destroy.");
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();

        CommandLineRun refused = scaffold("destroy", "--auto-approve");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err()).contains("databases.main.primary (deletionProtection is on)")
                .contains("To lower it, set deletionProtection: false in databases.main of " + blueprint
                        + " and run: scaffold apply -f " + blueprint);
        assertThat(instance(stack + "-main").deletionProtection()).as("nothing was changed").isTrue();

        write(database("db.t4g.small", "16.4", 1, false));
        CommandLineRun lowered = scaffold("apply", "--auto-approve");
        assertThat(lowered.out()).contains("~ deletionProtection: true → false");
        CommandLineRun destroy = scaffold("destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.out() + destroy.err()).isZero();
        assertThat(Clients.rds(aws).describeDBSnapshots(r -> r.dbInstanceIdentifier(stack + "-main")).join()
                .dbSnapshots()).as("the final snapshot").singleElement()
                .satisfies(snapshot -> assertThat(snapshot.dbSnapshotIdentifier()).startsWith(stack + "-main-final-"));
        assertThat(taggedWithTheStack()).as("the key waits 7 days; the final snapshot is kept")
                .allSatisfy(resource -> assertThat(resource.resourceARN()).containsAnyOf(":kms:", ":snapshot:"));
    }

    /** The proxy answers as AWS does for a version it does not have; the emulator takes any. */
    @Test
    void aVersionAwsRefusesFailsTheDatabaseInAwssWordsEverythingElseIsRecordedAndTheNextPlanHasWhatIsLeft()
            throws Exception {
        write(database("db.t4g.micro", "16.99", 0, false));
        CommandLineRun apply;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint())) {
            proxy.answer("CreateDBInstance", 400, "InvalidParameterCombination",
                    "Cannot find version 16.99 for postgres");
            List<String> args = new ArrayList<>(List.of("apply", "--auto-approve", "-f", blueprint.toString(),
                    "--endpoint-url", proxy.endpoint().toString()));
            apply = CommandLineRun.of(Map.of(), args.toArray(String[]::new));
        }

        assertThat(apply.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(apply.out() + apply.err()).contains("databases.main.primary")
                .contains("Cannot find version 16.99 for postgres");
        assertThat(stateFile()).contains("databases.main.parameter-group", "databases.main.subnet-group",
                "services.app.group");
        CommandLineRun next = scaffold("plan");
        assertThat(next.out()).contains("+ databases.main.primary (AWS::RDS::DBInstance)")
                .contains("Plan: 1 to add, 0 to change, 0 to replace, 0 to destroy.");
    }

    /**
     * With no replicas ({@code EmulatorGaps.REPLICATION_GROUP_HAS_ONE_MEMBER}); not destroyed, as the emulator cannot
     * delete a replication group or a cache subnet group ({@code EmulatorGaps.REPLICATION_GROUP_STAYS_DELETING},
     * {@code CACHE_SUBNET_GROUP_MODIFY_AND_DELETE_MISSING}): their deletes are tested on AWS's documented answers.
     */
    @Test
    void aCacheIsEncryptedBothWaysAndItsTokenSecretsManagerKeepsNeverShows() throws Exception {
        write("""
                caches:
                  sessions: { engine: redis, replicas: 0, allowFrom: [ services.app ] }
                """);
        Path saved = dir.resolve("cache.plan");
        CommandLineRun plan = scaffold("plan", "--out", saved.toString());
        CommandLineRun apply = CommandLineRun.of("-vvv", "apply", saved.toString(), "--endpoint-url",
                emulator.endpoint().toString());
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(scaffold("plan", "--detailed-exitcode").exitCode()).as("the next plan is empty").isZero();

        ReplicationGroup group = Clients.elasticache(aws).describeReplicationGroups(r -> r.replicationGroupId(
                stack + "-sessions")).join().replicationGroups().get(0);
        assertThat(group.atRestEncryptionEnabled()).isTrue();
        assertThat(group.transitEncryptionEnabled()).isTrue();
        assertThat(group.authTokenEnabled()).isTrue();
        assertThat(group.kmsKeyId()).isEqualTo(stackKeyArn());
        String token = Clients.secretsmanager(aws).getSecretValue(r -> r.secretId("scaffold/" + stack
                + "/sessions/auth-token")).join().secretString();
        assertThat(token).hasSize(64).doesNotContain("@", "\"", "/");
        assertThat(plan.out() + plan.err() + Files.readString(saved) + apply.out() + apply.err() + stateFile()
                + output().out()).doesNotContain(token);
        assertThat(output("caches.sessions.endpoint").out()).contains(group.nodeGroups().get(0)
                .primaryEndpoint().address());
    }

    private String database(String instanceClass, String version, int replicas, boolean protection) {
        return """
                databases:
                  main:
                    engine: postgres
                    version: "%s"
                    instanceClass: %s
                    readReplicas: %d
                    deletionProtection: %s
                    allowFrom: [ services.app ]
                """.formatted(version, instanceClass, replicas, protection);
    }

    private void write(String data) throws Exception {
        blueprint = Files.writeString(dir.resolve("blueprint.yaml"), """
                blueprint: %s
                region: us-east-1
                loadBalancers:
                  web: { healthCheck: { path: /health } }
                services:
                  app: { loadBalancer: web, image: %s, deploy: { strategy: none } }
                """.formatted(stack, IMAGE) + data);
    }

    private CommandLineRun scaffold(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", blueprint.toString(), "--endpoint-url", emulator.endpoint().toString()));
        return CommandLineRun.of(Map.of(), all.toArray(String[]::new));
    }

    /** {@code scaffold output [NAME]}, which reads the state alone. */
    private CommandLineRun output(String... name) {
        List<String> all = new ArrayList<>(List.of("output"));
        all.addAll(List.of(name));
        all.addAll(List.of("-f", blueprint.toString()));
        CommandLineRun run = CommandLineRun.of(Map.of(), all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private String stateFile() throws Exception {
        return Files.readString(dir.resolve(".scaffold/" + stack + ".state.json"));
    }

    private DBInstance instance(String identifier) {
        return Clients.rds(aws).describeDBInstances(r -> r.dbInstanceIdentifier(identifier)).join().dbInstances()
                .get(0);
    }

    private List<Parameter> parameters(String group) {
        return Clients.rds(aws).describeDBParameters(r -> r.dbParameterGroupName(group)).join().parameters();
    }

    private List<IpPermission> ingressOf(String groupId) {
        return Clients.ec2(aws).describeSecurityGroups(r -> r.groupIds(groupId)).join().securityGroups().get(0)
                .ipPermissions();
    }

    private String serviceGroupId() {
        return Clients.ec2(aws).describeSecurityGroups(r -> r.filters(f -> f.name("group-name")
                .values(stack + "-app-servers"))).join().securityGroups().get(0).groupId();
    }

    private String stackKeyArn() {
        return taggedWithTheStack().stream().map(ResourceTagMapping::resourceARN)
                .filter(arn -> arn.contains(":kms:")).findFirst().orElseThrow();
    }

    private List<ResourceTagMapping> taggedWithTheStack() {
        return aws.tagging().getResources(r -> r.tagFilters(f -> f.key("scaffold:stack").values(stack))).join()
                .resourceTagMappingList();
    }
}
