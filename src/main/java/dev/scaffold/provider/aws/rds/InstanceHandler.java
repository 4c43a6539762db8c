package dev.scaffold.provider.aws.rds;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsErrors;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.Tagged;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.schema.RdsTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceReadReplicaRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * A DB instance ({@link RdsTypes#INSTANCE}): a primary, or with {@code sourceIdentifier} a read replica of one.
 *
 * <p>Attributes: {@code identifier} (the physical id), {@code engine}, {@code engineVersion}, {@code instanceClass},
 * {@code allocatedStorage} (GB), {@code storageEncrypted}, {@code kmsKeyId} (the key's ARN), {@code multiAz},
 * {@code publiclyAccessible}, {@code deletionProtection}, {@code backupRetentionDays}, {@code copyTagsToSnapshot},
 * {@code autoMinorVersionUpgrade}, {@code masterUsername} and {@code manageMasterPassword} (RDS keeps the password
 * in Secrets Manager; none passes through scaffold), {@code subnetGroupName}, {@code parameterGroupName},
 * {@code vpcSecurityGroupIds} (sorted), {@code availabilityZone}, {@code sourceIdentifier}; computed:
 * {@code endpoint}, {@code port}, {@code masterSecretArn}, {@code status}. Refs name {@code identifier}, {@code arn},
 * {@code endpoint}, {@code port} and {@code masterSecretArn}.
 *
 * <p>{@code skipFinalSnapshot} is scaffold's setting, not AWS's: AWS has no such attribute of an instance, so a read
 * gives the value the state recorded ({@code known}), and only delete uses it. Deleting a primary takes the final
 * snapshot {@code IDENTIFIER-final-yyyyMMddHHmm} (UTC) unless it is true; a replica never takes one.
 */
public final class InstanceHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("rds", "db:");
    private static final Set<String> GONE = Set.of("DBInstanceNotFound");
    private static final String DUPLICATE = "DBInstanceAlreadyExists";
    /** How DeleteDBInstance refuses an instance whose deletion protection is on. */
    private static final Set<String> PROTECTED = Set.of("InvalidParameterCombination");
    /** How AWS refuses a change of an instance that is busy with another, e.g. being deleted already. */
    private static final Set<String> BUSY = Set.of("InvalidDBInstanceState");
    private static final Duration POLL = Duration.ofSeconds(30);
    /** How long a wait lasts: long past AWS's usual ten minutes, short of an apply that seems to hang. */
    private static final Duration BOUND = Duration.ofMinutes(60);
    private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm")
            .withZone(ZoneOffset.UTC);

    private static final SdkAttributes<DBInstance> ATTRIBUTES = SdkAttributes.describedAs(DBInstance.builder())
            .writtenTo(CreateDbInstanceRequest.builder(), CreateDbInstanceReadReplicaRequest.builder(),
                    ModifyDbInstanceRequest.builder())
            .member("identifier", "DBInstanceIdentifier")
            .member("engine", "Engine")
            .member("engineVersion", "EngineVersion")
            .member("instanceClass", "DBInstanceClass")
            .member("allocatedStorage", "AllocatedStorage")
            .member("storageEncrypted", "StorageEncrypted")
            .member("kmsKeyId", "KmsKeyId")
            .member("multiAz", "MultiAZ")
            .member("publiclyAccessible", "PubliclyAccessible")
            .member("deletionProtection", "DeletionProtection")
            .member("backupRetentionDays", "BackupRetentionPeriod")
            .member("copyTagsToSnapshot", "CopyTagsToSnapshot")
            .member("autoMinorVersionUpgrade", "AutoMinorVersionUpgrade")
            .member("masterUsername", "MasterUsername")
            .read("manageMasterPassword", db -> db.masterUserSecret() != null, "ManageMasterUserPassword")
            .member("subnetGroupName", "DBSubnetGroup.DBSubnetGroupName", "DBSubnetGroupName")
            .read("parameterGroupName", db -> db.dbParameterGroups().stream().findFirst()
                    .map(group -> group.dbParameterGroupName()).orElse(null), "DBParameterGroupName")
            .read("vpcSecurityGroupIds", db -> db.vpcSecurityGroups().stream()
                    .map(VpcSecurityGroupMembership::vpcSecurityGroupId).sorted().toList(), "VpcSecurityGroupIds")
            .member("availabilityZone", "AvailabilityZone")
            .member("sourceIdentifier", "ReadReplicaSourceDBInstanceIdentifier", "SourceDBInstanceIdentifier")
            .computed("endpoint", "Endpoint.Address")
            .computed("port", "Endpoint.Port")
            .computed("masterSecretArn", "MasterUserSecret.SecretArn")
            .computed("status", "DBInstanceStatus")
            .build();

    private final AwsClients aws;
    private final TaggedReader<DBInstance> reader;
    private final InstanceStates states;
    private final Clock clock;

    public InstanceHandler(AwsClients aws) {
        this(aws, POLL, BOUND, Clock.systemUTC());
    }

    /**
     * A handler whose waits poll every {@code interval} for at most {@code bound} and whose final snapshots are named
     * by {@code clock}.
     */
    InstanceHandler(AwsClients aws, Duration interval, Duration bound, Clock clock) {
        this.aws = aws;
        this.clock = clock;
        this.states = new InstanceStates(aws, interval, bound);
        this.reader = TaggedReader.of(aws, ARN_TYPE, DBInstance::dbInstanceIdentifier)
                .idFromArn(arn -> arn.substring(arn.lastIndexOf(':') + 1))
                .describedBy(InstanceStates.OPERATION, InstanceStates.BATCH, Set.of(), states::describe)
                .tagsFromDescription(db -> RdsTags.toMap(db.tagList()))
                .alsoByName(List.of("identifier"), named -> named.string("identifier"), DBInstance::dbInstanceIdentifier,
                        states::describe)
                .build();
    }

    @Override
    public ResourceType schema() {
        return RdsTypes.INSTANCE;
    }

    /**
     * Reads the instances the state knows, those the tagging read returned and those the blueprint names but neither
     * knows, one DescribeDBInstances per 100 (filtered by {@code db-instance-id}), their tags with them; a gone one is
     * simply not answered. {@code skipFinalSnapshot} comes from the state's record.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        Map<String, Object> skips = new HashMap<>();
        known.forEach(state -> skips.put(state.physicalId(), state.attributes().get("skipFinalSnapshot")));
        return reader.read(known, desired, ctx).stream().map(found -> {
            Map<String, Object> attributes = new LinkedHashMap<>(ATTRIBUTES.read(found.resource()));
            Optional.ofNullable(skips.get(found.resource().dbInstanceIdentifier()))
                    .ifPresent(skip -> attributes.put("skipFinalSnapshot", skip));
            return found.observed(schema().name(), found.resource().dbInstanceIdentifier(),
                    found.resource().dbInstanceArn(), attributes);
        }).toList();
    }

    /**
     * Creates the primary (CreateDBInstance) or the replica (CreateDBInstanceReadReplica) with its tags and waits until
     * it is available. A create that meets DBInstanceAlreadyExists goes on with the instance of that identifier if it
     * carries this stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String id = desired.string("identifier");
        boolean replica = desired.has("sourceIdentifier");
        Creation<DBInstance> creation = replica
                ? Creation.call(ctx, spec, "CreateDBInstanceReadReplica", () -> RdsClient.of(aws)
                        .createDBInstanceReadReplica(r -> ATTRIBUTES.write(r, desired).tags(RdsTags.toSdk(spec.tags()))),
                        made -> made.dbInstance())
                : Creation.call(ctx, spec, "CreateDBInstance", () -> RdsClient.of(aws)
                        .createDBInstance(r -> ATTRIBUTES.write(r, desired).tags(RdsTags.toSdk(spec.tags()))),
                        made -> made.dbInstance());
        return creation.orExisting(DUPLICATE, "a DB instance named " + id, () -> states.describe(ApplyCalls.of(ctx),
                        List.of(id)).thenApply(found -> found.stream().findFirst()
                                .map(db -> new Tagged<>(db, RdsTags.toMap(db.tagList())))))
                .recorded(db -> written(spec, db))
                .thenCompose(db -> states.available(ctx, id, "available"))
                .thenApply(db -> written(spec, db));
    }

    /** Makes the planned changes in one ModifyDBInstance, applied immediately; then the tags; then waits until it is available. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String id = current.physicalId();
        Planned planned = new Planned(changes);
        List<String> modified = planned.among(ATTRIBUTES.names());
        CompletableFuture<?> modify = modified.isEmpty() ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "ModifyDBInstance", () -> RdsClient.of(aws).modifyDBInstance(r -> ATTRIBUTES.write(
                        r.dbInstanceIdentifier(id).applyImmediately(true), Attributes.of(spec), modified)));
        return modify.thenCompose(done -> new RdsTags(aws).update(ctx, current.arn(), planned.tags()))
                .thenCompose(done -> states.available(ctx, id, "available with its changes"))
                .thenApply(db -> written(spec, db));
    }

    /**
     * Deletes the instance, a primary with its final snapshot unless {@code skipFinalSnapshot}, and waits until it is
     * gone. A plan deletes a protected instance only when the blueprint turns its protection off, so one whose record
     * has it on has it turned off first (ModifyDBInstance); one that AWS still protects although the record says it is
     * off (AWS refuses the delete) likewise, then the delete is made again.
     */
    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        Map<String, Object> recorded = current.attributes();
        String id = current.physicalId();
        boolean snapshot = recorded.get("sourceIdentifier") == null && !Boolean.TRUE.equals(recorded.get("skipFinalSnapshot"));
        String snapshotId = id + "-final-" + SNAPSHOT_TIME.format(clock.instant());
        CompletableFuture<?> unprotected = Boolean.TRUE.equals(recorded.get("deletionProtection"))
                ? unprotect(ctx, id) : ApplyCalls.none();
        return unprotected.thenCompose(done -> deleteOnce(ctx, id, snapshot, snapshotId))
                .exceptionallyCompose(failure -> !AwsErrors.hasCode(failure, PROTECTED)
                        ? CompletableFuture.failedFuture(AwsErrors.unwrap(failure))
                        : unprotect(ctx, id).thenCompose(done -> deleteOnce(ctx, id, snapshot, snapshotId)))
                .thenCompose(ignored -> states.gone(ctx, id));
    }

    private CompletableFuture<?> unprotect(ApplyContext ctx, String id) {
        return ApplyCalls.call(ctx, "ModifyDBInstance", () -> RdsClient.of(aws).modifyDBInstance(r -> r
                .dbInstanceIdentifier(id).deletionProtection(false).applyImmediately(true)));
    }

    /**
     * One DeleteDBInstance. An instance already being deleted (AWS answers InvalidDBInstanceState, as to the SDK's retry
     * of a delete whose answer was lost) counts as done; one busy otherwise (modifying, say) fails as AWS answered.
     */
    private CompletableFuture<Void> deleteOnce(ApplyContext ctx, String id, boolean snapshot, String snapshotId) {
        return ApplyCalls.callUnless(ctx, "DeleteDBInstance", GONE, () -> RdsClient.of(aws).deleteDBInstance(r -> {
            r.dbInstanceIdentifier(id);
            if (snapshot) {
                r.finalDBSnapshotIdentifier(snapshotId);
            } else {
                r.skipFinalSnapshot(true);
            }
        })).exceptionallyCompose(failure -> !AwsErrors.hasCode(failure, BUSY)
                ? CompletableFuture.failedFuture(AwsErrors.unwrap(failure))
                : states.describe(ApplyCalls.of(ctx), List.of(id)).thenCompose(found -> InstanceStates.deleting(found)
                        ? ApplyCalls.<Void>none() : CompletableFuture.failedFuture(AwsErrors.unwrap(failure))));
    }

    private static Observed written(ResourceSpec spec, DBInstance db) {
        return ATTRIBUTES.written(spec, RdsTypes.INSTANCE.name(), db.dbInstanceIdentifier(), db.dbInstanceArn(), db);
    }
}
