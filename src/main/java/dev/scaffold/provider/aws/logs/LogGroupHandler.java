package dev.scaffold.provider.aws.logs;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.AnsweredPages;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.Tagged;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.schema.LogsTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.cloudwatchlogs.model.AssociateKmsKeyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyRequest;

/**
 * A CloudWatch Logs log group ({@link LogsTypes#LOG_GROUP}), known by its name.
 *
 * <p>Attributes: {@code name}, {@code retentionDays} (absent: kept forever), {@code kmsKeyArn} (absent: AWS's
 * own encryption). Refs name {@code arn}, without the {@code :*} that DescribeLogGroups' {@code arn} appends,
 * and {@code name}.
 */
public final class LogGroupHandler implements ResourceHandler {

    /** How ARNs name log groups, some with {@code :*} (all the group's streams) at their end. */
    private static final ArnType ARN_TYPE = new ArnType("logs", "log-group:");
    private static final String ARN_NAME_START = ":log-group:";
    private static final String ALL_STREAMS = ":*";
    /** The most names one DescribeLogGroups takes. */
    private static final int BATCH = 50;
    static final Set<String> GONE = Set.of("ResourceNotFoundException");
    private static final String DUPLICATE = "ResourceAlreadyExistsException";

    private static final SdkAttributes<LogGroup> ATTRIBUTES = SdkAttributes.describedAs(LogGroup.builder())
            .writtenTo(CreateLogGroupRequest.builder(), PutRetentionPolicyRequest.builder(),
                    AssociateKmsKeyRequest.builder())
            .member("name", "logGroupName")
            .member("retentionDays", "retentionInDays")
            .member("kmsKeyArn", "kmsKeyId")
            .build();

    private final AwsClients aws;
    /** The ARNs of the groups described so far, by name, for the tag calls, which take ARNs. */
    private final Map<String, String> arns = new ConcurrentHashMap<>();
    private final LogsTags tags;
    private final TaggedReader<LogGroup> reader;

    public LogGroupHandler(AwsClients aws) {
        this.aws = aws;
        this.tags = new LogsTags(aws, arns::get);
        this.reader = TaggedReader.of(aws, ARN_TYPE, LogGroup::logGroupName)
                .idFromArn(arn -> withoutStreams(arn).substring(arn.indexOf(ARN_NAME_START) + ARN_NAME_START.length()))
                .describedBy("DescribeLogGroups", BATCH, Set.of(), this::named)
                .tagsFrom(tags)
                .alsoByName(List.of("name"), named -> named.string("name"), LogGroup::logGroupName, (calls, names) ->
                        IdBatches.describe(calls, "DescribeLogGroups", names, BATCH, Set.of(), this::named))
                .build();
    }

    @Override
    public ResourceType schema() {
        return LogsTypes.LOG_GROUP;
    }

    /**
     * Reads the groups the state knows, those the tagging read returned and those the blueprint names that
     * neither knows, by name: one DescribeLogGroups per 50 names; then one ListTagsForResource per group whose
     * tags the tagging read did not give.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return reader.read(known, desired, ctx).stream().map(found -> found.observed(schema().name(),
                found.resource().logGroupName(), arnOf(found.resource()), ATTRIBUTES.read(found.resource()))).toList();
    }

    /**
     * Creates the group with its key and tags, records it, sets its retention (a new group keeps its events
     * forever) and describes it for its ARN. A
     * create that meets ResourceAlreadyExistsException goes on with the group of that name if it carries this
     * stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        return Creation.call(ctx, spec, "CreateLogGroup", () -> LogsClient.of(aws).createLogGroup(r ->
                        ATTRIBUTES.write(r, desired).tags(spec.tags())), made -> name)
                .orExisting(DUPLICATE, "a log group named " + name, () -> described(ApplyCalls.of(ctx), name)
                        .thenCompose(found -> found.isEmpty() ? CompletableFuture.completedFuture(Optional.empty())
                                : tags.readOne(ctx, name).thenApply(read -> Optional.of(new Tagged<>(name, read)))))
                .recorded(made -> written(spec, null))
                .thenCompose(made -> desired.has("retentionDays") ? retention(ctx, name, desired) : ApplyCalls.none())
                .thenCompose(ignored -> described(ApplyCalls.of(ctx), name))
                .thenApply(group -> written(spec, group.map(LogGroupHandler::arnOf).orElse(null)));
    }

    /** Makes the planned changes: retention, key, tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String name = current.physicalId();
        Planned planned = new Planned(changes);
        Attributes desired = Attributes.of(spec);
        CompletableFuture<?> retention = planned.changes("retentionDays") ? retention(ctx, name, desired)
                : ApplyCalls.none();
        return retention
                .thenCompose(ignored -> planned.changes("kmsKeyArn") ? encryption(ctx, name, desired) : ApplyCalls.none())
                .thenCompose(ignored -> tags.update(ctx, current.arn(), planned.tags()))
                .thenApply(ignored -> written(spec, current.arn()));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String name = current.physicalId();
        return ApplyCalls.callUnless(ctx, "DeleteLogGroup", GONE, () -> LogsClient.of(aws)
                .deleteLogGroup(r -> r.logGroupName(name)));
    }

    /** Keeps the group's events as long as desired: for the days given, or forever when none are. */
    private CompletableFuture<?> retention(ApplyContext ctx, String name, Attributes desired) {
        return desired.has("retentionDays")
                ? ApplyCalls.call(ctx, "PutRetentionPolicy", () -> LogsClient.of(aws).putRetentionPolicy(r ->
                        ATTRIBUTES.write(r.logGroupName(name), desired, List.of("retentionDays"))))
                : ApplyCalls.call(ctx, "DeleteRetentionPolicy", () -> LogsClient.of(aws)
                        .deleteRetentionPolicy(r -> r.logGroupName(name)));
    }

    /** Encrypts the group's new events with the desired key, or, when none is, with AWS's own. */
    private CompletableFuture<?> encryption(ApplyContext ctx, String name, Attributes desired) {
        return desired.has("kmsKeyArn")
                ? ApplyCalls.call(ctx, "AssociateKmsKey", () -> LogsClient.of(aws).associateKmsKey(r ->
                        ATTRIBUTES.write(r.logGroupName(name), desired, List.of("kmsKeyArn"))))
                : ApplyCalls.call(ctx, "DisassociateKmsKey", () -> LogsClient.of(aws)
                        .disassociateKmsKey(r -> r.logGroupName(name)));
    }

    /**
     * The groups of these names (at most 50), and no others; absent ones are not answered. AWS answers the names on
     * one page; a next page, if an answer names one, is read too.
     */
    private CompletableFuture<List<LogGroup>> named(List<String> names) {
        return AnsweredPages.only(LogsClient.of(aws).describeLogGroupsPaginator(r -> r.logGroupIdentifiers(names))
                .logGroups(), LogGroup::logGroupName, names).thenApply(groups -> {
                    groups.forEach(group -> arns.put(group.logGroupName(), arnOf(group)));
                    return groups;
                });
    }

    private CompletableFuture<Optional<LogGroup>> described(ApiCalls calls, String name) {
        return calls.call("DescribeLogGroups", () -> named(List.of(name))).thenApply(groups -> groups.stream()
                .filter(group -> group.logGroupName().equals(name)).findFirst());
    }

    /** The group's ARN as ARNs of other resources name it, without the {@code :*} of all its streams. */
    private static String arnOf(LogGroup group) {
        return group.logGroupArn() != null ? group.logGroupArn() : withoutStreams(group.arn());
    }

    private static String withoutStreams(String arn) {
        return arn.endsWith(ALL_STREAMS) ? arn.substring(0, arn.length() - ALL_STREAMS.length()) : arn;
    }

    private static Observed written(ResourceSpec spec, String arn) {
        return ATTRIBUTES.written(spec, LogsTypes.LOG_GROUP.name(), Attributes.of(spec).string("name"), arn, null);
    }
}
