package dev.scaffold.provider.aws.kms;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsErrors;
import dev.scaffold.provider.aws.CreationByTags;
import dev.scaffold.provider.aws.PerResourceReads;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.PolicyDocuments;
import dev.scaffold.provider.aws.ReadCalls;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.schema.KmsTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.UpdateKeyDescriptionRequest;

/**
 * A symmetric customer-managed KMS key ({@link KmsTypes#KEY}).
 *
 * <p>Attributes: {@code description}, {@code keyRotation} (boolean), {@code policy} (the key policy, a
 * document of maps and lists). Refs name {@code id} (the key id) and {@code arn}.
 *
 * <p>A key has no name and CreateKey no idempotency token, so a create whose answer was lost is recovered by
 * the key's tags ({@link CreationByTags}) rather than by AWS's "already exists".
 */
public final class KeyHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("kms", "key/");
    /** A key's only policy has this name. */
    private static final String POLICY = "default";
    /** The shortest wait AWS allows before it deletes a key. */
    private static final int DELETION_WINDOW_DAYS = 7;
    /** How ScheduleKeyDeletion answers for a key already pending deletion. */
    private static final Set<String> INVALID_STATE = Set.of("KMSInvalidStateException");
    private static final Set<KeyState> DELETED = Set.of(KeyState.PENDING_DELETION, KeyState.PENDING_REPLICA_DELETION);

    private static final SdkAttributes<KeyMetadata> ATTRIBUTES = SdkAttributes.describedAs(KeyMetadata.builder())
            .writtenTo(CreateKeyRequest.builder(), UpdateKeyDescriptionRequest.builder())
            .member("description", "Description")
            .build();

    private final AwsClients aws;
    private final KmsTags tags;
    private final TaggedReader<KeyMetadata> reader;

    public KeyHandler(AwsClients aws) {
        this.aws = aws;
        this.tags = new KmsTags(aws);
        this.reader = TaggedReader.of(aws, ARN_TYPE, KeyMetadata::keyId)
                .idFromArn(ArnType::lastPart)
                .describedBy("DescribeKey", 1, KmsTags.GONE, ids -> KmsClient.of(aws).describeKey(r -> r.keyId(ids.get(0)))
                        .thenApply(answer -> live(answer.keyMetadata()).stream().toList()))
                .tagsFrom(tags)
                .build();
    }

    @Override
    public ResourceType schema() {
        return KmsTypes.KEY;
    }

    /**
     * Reads the keys the state knows and those the tagging read returned. KMS has no batched describe: per
     * key one DescribeKey, then GetKeyRotationStatus and GetKeyPolicy in parallel, and ListResourceTags when
     * the tagging read did not give its tags. A key pending deletion is gone.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return PerResourceReads.observed(schema().name(), reader.read(known, desired, ctx), ATTRIBUTES,
                KeyMetadata::keyId, KeyMetadata::arn, key -> settings(ReadCalls.of(ctx), key.keyId()));
    }

    /** Creates the key with its description, policy and tags, records it, then turns its rotation on when asked. */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        return CreationByTags.call(aws, ctx, spec, "CreateKey", () -> KmsClient.of(aws).createKey(r -> ATTRIBUTES
                                .write(r, desired).policy(policy(desired)).tags(KmsTags.toSdk(spec.tags()))
                                .overrideConfiguration(o -> o.addPlugin(CreationByTags.WITHOUT_RETRIES)))
                        .thenApply(made -> made.keyMetadata()), "kms:key", this::live)
                .recorded(key -> written(spec, key.keyId(), key.arn()))
                .thenCompose(key -> rotation(ctx, key.keyId(), desired, rotated(desired))
                        .thenApply(ignored -> written(spec, key.keyId(), key.arn())));
    }

    /** Makes the planned changes: description, rotation, policy, tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String keyId = current.physicalId();
        Planned planned = new Planned(changes);
        Attributes desired = Attributes.of(spec);
        CompletableFuture<?> description = !planned.changes("description") ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "UpdateKeyDescription", () -> KmsClient.of(aws).updateKeyDescription(r ->
                        ATTRIBUTES.write(r.keyId(keyId), desired, List.of("description"))));
        return description
                .thenCompose(ignored -> rotation(ctx, keyId, desired, planned.changes("keyRotation")))
                .thenCompose(ignored -> !planned.changes("policy") ? ApplyCalls.none()
                        : ApplyCalls.call(ctx, "PutKeyPolicy", () -> KmsClient.of(aws).putKeyPolicy(r -> r
                                .keyId(keyId).policyName(POLICY).policy(policy(desired)))))
                .thenCompose(ignored -> tags.update(ctx, keyId, planned.tags()))
                .thenApply(ignored -> written(spec, keyId, current.arn()));
    }

    /**
     * Schedules the key's deletion after the shortest wait AWS allows, telling the user how to keep it meanwhile;
     * from then on it counts as gone. A key gone, or already pending deletion (KMSInvalidStateException), is done
     * with.
     */
    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String keyId = current.physicalId();
        return AwsErrors.unless(ApplyCalls.call(ctx, "ScheduleKeyDeletion", () -> KmsClient.of(aws)
                        .scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(DELETION_WINDOW_DAYS))), KmsTags.GONE)
                .thenAccept(scheduled -> scheduled.ifPresent(answer -> ctx.tell("AWS deletes key " + keyId + " after "
                        + DELETION_WINDOW_DAYS + " days; until then, aws kms cancel-key-deletion --key-id " + keyId
                        + " keeps it")))
                .exceptionallyCompose(failure -> !AwsErrors.hasCode(failure, INVALID_STATE)
                        ? CompletableFuture.failedFuture(AwsErrors.unwrap(failure))
                        : live(ApplyCalls.of(ctx), keyId).thenCompose(key -> key.isEmpty() ? ApplyCalls.<Void>none()
                                : CompletableFuture.failedFuture(AwsErrors.unwrap(failure))));
    }

    /** Turns rotation on or off as desired, when {@code changes} says it must. */
    private CompletableFuture<?> rotation(ApplyContext ctx, String keyId, Attributes desired, boolean changes) {
        if (!changes) {
            return ApplyCalls.none();
        }
        return rotated(desired)
                ? ApplyCalls.call(ctx, "EnableKeyRotation", () -> KmsClient.of(aws).enableKeyRotation(r -> r.keyId(keyId)))
                : ApplyCalls.call(ctx, "DisableKeyRotation", () -> KmsClient.of(aws)
                        .disableKeyRotation(r -> r.keyId(keyId)));
    }

    /** A key's rotation and policy, read in parallel; empty when the key is gone. */
    private CompletableFuture<Optional<Map<String, Object>>> settings(ApiCalls calls, String keyId) {
        CompletableFuture<Boolean> rotation = calls.call("GetKeyRotationStatus", () -> KmsClient.of(aws)
                .getKeyRotationStatus(r -> r.keyId(keyId)).thenApply(answer -> answer.keyRotationEnabled()));
        CompletableFuture<Object> policy = calls.call("GetKeyPolicy", () -> KmsClient.of(aws)
                .getKeyPolicy(r -> r.keyId(keyId).policyName(POLICY))
                .thenApply(answer -> PolicyDocuments.fromJson(answer.policy())));
        return AwsErrors.unless(rotation.thenCombine(policy, (on, document) ->
                Map.of("keyRotation", on, "policy", document)), KmsTags.GONE);
    }

    /** The key, unless it is gone or pending deletion, which for scaffold is as good as gone. */
    private CompletableFuture<Optional<KeyMetadata>> live(ApiCalls calls, String keyId) {
        return AwsErrors.unless(calls.call("DescribeKey", () -> KmsClient.of(aws).describeKey(r -> r.keyId(keyId))),
                KmsTags.GONE).thenApply(answer -> answer.flatMap(described -> live(described.keyMetadata())));
    }

    private static Optional<KeyMetadata> live(KeyMetadata key) {
        return DELETED.contains(key.keyState()) ? Optional.empty() : Optional.of(key);
    }

    /** Whether the key is to rotate; a key is made without rotation. */
    private static boolean rotated(Attributes desired) {
        return desired.has("keyRotation") && desired.bool("keyRotation");
    }

    /** The key policy as CreateKey and PutKeyPolicy take it; none leaves AWS's default policy. */
    private static String policy(Attributes desired) {
        return desired.has("policy") ? PolicyDocuments.toJson(desired.map("policy")) : null;
    }

    private static Observed written(ResourceSpec spec, String keyId, String arn) {
        return ATTRIBUTES.written(spec, KmsTypes.KEY.name(), keyId, arn, null);
    }
}
