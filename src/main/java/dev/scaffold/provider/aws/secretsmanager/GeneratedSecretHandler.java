package dev.scaffold.provider.aws.secretsmanager;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.AnsweredPages;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.AsRecorded;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.ClientTokens;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.SdkTags;
import dev.scaffold.provider.aws.Tagged;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.SecretsManagerTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretRequest;

/**
 * A secret whose value Secrets Manager generates ({@link SecretsManagerTypes#GENERATED_SECRET}), known by its name:
 * the value goes from GetRandomPassword into CreateSecret and is never kept, logged or recorded by scaffold.
 *
 * <p>Attributes: {@code name}, {@code description}, {@code kmsKeyId}, {@code passwordLength} and
 * {@code excludeCharacters}; AWS keeps no trace of the last two, which read back as the state recorded them. Refs
 * name {@code arn} and {@code name}. A delete schedules the deletion after 7 days; applying the stack again within
 * them restores the secret, if it carries this stack's lineage, and gives it a new value.
 */
public final class GeneratedSecretHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("secretsmanager", "secret:");
    /** The most values one ListSecrets filter takes. */
    private static final int BATCH = 10;
    /** The random suffix AWS appends to a secret's name in its ARN, {@code -AbCdEf}. */
    private static final int ARN_SUFFIX = 7;
    private static final Set<String> GONE = Set.of("ResourceNotFoundException");
    /** AWS's answers to a create of a name in use, and of one scheduled for deletion. */
    private static final List<String> NAME_TAKEN = List.of("ResourceExistsException", "InvalidRequestException");
    private static final int RECOVERY_DAYS = 7;
    private static final List<String> GENERATION = List.of("passwordLength", "excludeCharacters");

    private static final SdkAttributes<SecretListEntry> ATTRIBUTES = SdkAttributes.describedAs(SecretListEntry.builder())
            .writtenTo(CreateSecretRequest.builder(), UpdateSecretRequest.builder())
            .member("name", "Name")
            .member("description", "Description")
            .member("kmsKeyId", "KmsKeyId")
            .build();

    private final AwsClients aws;
    private final TaggedReader<SecretListEntry> reader;

    public GeneratedSecretHandler(AwsClients aws) {
        this.aws = aws;
        this.reader = TaggedReader.of(aws, ARN_TYPE, SecretListEntry::name)
                .idFromArn(arn -> arn.substring(arn.indexOf(":secret:") + ":secret:".length(), arn.length() - ARN_SUFFIX))
                .describedBy("ListSecrets", BATCH, Set.of(), names -> named(names, false))
                .tagsFromDescription(secret -> SdkTags.toMap(secret.tags(), Tag::key, Tag::value))
                .alsoByName(List.of("name"), named -> named.string("name"), SecretListEntry::name, (calls, names) ->
                        IdBatches.describe(calls, "ListSecrets", names, BATCH, Set.of(), batch -> named(batch, false)))
                .build();
    }

    @Override
    public ResourceType schema() {
        return SecretsManagerTypes.GENERATED_SECRET;
    }

    /**
     * Reads the secrets the state knows, those the tagging read returned and those the blueprint names that neither
     * knows, with their tags: one ListSecrets per 10 names, filtered by name (never their values); a secret scheduled
     * for deletion counts as gone.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        AsRecorded recorded = AsRecorded.of(GENERATION, known);
        return reader.read(known, desired, ctx).stream().map(found -> found.observed(schema().name(),
                found.resource().name(), found.resource().arn(),
                recorded.addedTo(found.address(), ATTRIBUTES.read(found.resource())))).toList();
    }

    /**
     * Generates the value and creates the secret with it, under a token of the spec, so that a retry after a lost
     * answer makes no second version. A name in use goes on with that secret if it carries this stack's tags;
     * one scheduled for deletion is restored and given a new value.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        Creation<SecretListEntry> creation = Creation.of(ctx, spec, "CreateSecret", randomValue(ctx, desired)
                .thenCompose(value -> ApplyCalls.call(ctx, "CreateSecret", () -> SecretsClient.of(aws).createSecret(r ->
                        ATTRIBUTES.write(r, desired).secretString(value).clientRequestToken(ClientTokens.of(spec))
                                .tags(SdkTags.toList(spec.tags(), (k, v) -> Tag.builder().key(k).value(v).build())))))
                .thenApply(made -> SecretListEntry.builder().name(made.name()).arn(made.arn()).build()));
        for (String code : NAME_TAKEN) {
            creation = creation.orExisting(code, "a secret named " + name, () -> ApplyCalls.of(ctx)
                    .call("ListSecrets", () -> named(List.of(name), true))
                    .thenApply(found -> found.stream().findFirst().map(secret -> new Tagged<>(secret,
                            SdkTags.toMap(secret.tags(), Tag::key, Tag::value)))));
        }
        return creation.recorded(secret -> written(spec, secret))
                .thenCompose(secret -> secret.deletedDate() == null ? CompletableFuture.completedFuture(secret)
                        : restored(spec, secret, ctx))
                .thenApply(secret -> written(spec, secret));
    }

    /** Makes the planned changes: description and key in one UpdateSecret, then the tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        Planned planned = new Planned(changes);
        List<String> modified = planned.among(List.of("description", "kmsKeyId"));
        CompletableFuture<?> update = modified.isEmpty() ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "UpdateSecret", () -> SecretsClient.of(aws).updateSecret(r ->
                        ATTRIBUTES.write(r.secretId(current.arn()), Attributes.of(spec), modified)));
        return update.thenCompose(ignored -> planned.tags().apply(
                        toSet -> ApplyCalls.call(ctx, "TagResource", () -> SecretsClient.of(aws).tagResource(r -> r
                                .secretId(current.arn()).tags(SdkTags.toList(toSet, (k, v) -> Tag.builder().key(k)
                                        .value(v).build())))),
                        toRemove -> ApplyCalls.call(ctx, "UntagResource", () -> SecretsClient.of(aws)
                                .untagResource(r -> r.secretId(current.arn()).tagKeys(toRemove)))))
                .thenApply(ignored -> ATTRIBUTES.written(spec, schema().name(), current.physicalId(), current.arn(), null));
    }

    /** Schedules the deletion after a recovery window, and tells the user how to undo it. */
    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        return ApplyCalls.callUnless(ctx, "DeleteSecret", GONE, () -> SecretsClient.of(aws).deleteSecret(r -> r
                        .secretId(current.arn()).recoveryWindowInDays((long) RECOVERY_DAYS)))
                .thenRun(() -> ctx.tell("the secret " + current.physicalId() + " is scheduled for deletion in "
                        + RECOVERY_DAYS + " days; until then `aws secretsmanager restore-secret --secret-id "
                        + current.physicalId() + "` restores it, and applying this stack again restores it with a new value"));
    }

    /** A secret of this stack scheduled for deletion, restored with the desired description and key and a new value. */
    private CompletableFuture<SecretListEntry> restored(ResourceSpec spec, SecretListEntry secret, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        return ApplyCalls.call(ctx, "RestoreSecret", () -> SecretsClient.of(aws).restoreSecret(r -> r.secretId(secret.arn())))
                .thenCompose(ignored -> ApplyCalls.call(ctx, "UpdateSecret", () -> SecretsClient.of(aws).updateSecret(r ->
                        ATTRIBUTES.write(r.secretId(secret.arn()), desired, List.of("description", "kmsKeyId")))))
                .thenCompose(ignored -> randomValue(ctx, desired))
                .thenCompose(value -> ApplyCalls.call(ctx, "PutSecretValue", () -> SecretsClient.of(aws).putSecretValue(r ->
                        r.secretId(secret.arn()).secretString(value)
                                .clientRequestToken(ClientTokens.of(spec, "restored", secret.deletedDate())))))
                .thenApply(ignored -> secret);
    }

    private CompletableFuture<String> randomValue(ApplyContext ctx, Attributes desired) {
        return ApplyCalls.call(ctx, "GetRandomPassword", () -> SecretsClient.of(aws).getRandomPassword(r -> r
                        .passwordLength((long) desired.integer("passwordLength"))
                        .excludeCharacters(desired.has("excludeCharacters") ? desired.string("excludeCharacters") : null)))
                .thenApply(answer -> answer.randomPassword());
    }

    /** The secrets of these names (at most 10) and no others, on every page ListSecrets answers; with those scheduled for deletion if asked. */
    private CompletableFuture<List<SecretListEntry>> named(List<String> names, boolean withDeleted) {
        return AnsweredPages.only(SecretsClient.of(aws).listSecretsPaginator(r -> r.includePlannedDeletion(withDeleted)
                        .filters(f -> f.key(FilterNameStringType.NAME).values(names)))
                .flatMapIterable(ListSecretsResponse::secretList), SecretListEntry::name, names);
    }

    private static Observed written(ResourceSpec spec, SecretListEntry secret) {
        return ATTRIBUTES.written(spec, SecretsManagerTypes.GENERATED_SECRET.name(), secret.name(), secret.arn(), null);
    }
}
