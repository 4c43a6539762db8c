package dev.scaffold.provider.aws.iam;

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
import dev.scaffold.schema.IamTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.InstanceProfile;

/**
 * An IAM instance profile ({@link IamTypes#INSTANCE_PROFILE}), known by its name: what hands a role to EC2
 * instances. It holds one role at most.
 *
 * <p>Attributes: {@code name}, {@code path}, {@code roleName}. Refs name {@code arn} and {@code name}.
 */
public final class InstanceProfileHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("iam", "instance-profile/");
    private static final String DUPLICATE = "EntityAlreadyExists";

    private static final SdkAttributes<InstanceProfile> ATTRIBUTES = SdkAttributes.describedAs(InstanceProfile.builder())
            .writtenTo(CreateInstanceProfileRequest.builder())
            .member("name", "InstanceProfileName")
            .member("path", "Path")
            .read("roleName", InstanceProfileHandler::roleOf, null)
            .build();

    private final AwsClients aws;
    private final IamTags tags;
    private final TaggedReader<InstanceProfile> reader;

    public InstanceProfileHandler(AwsClients aws) {
        this.aws = aws;
        this.tags = IamTags.ofInstanceProfiles(aws);
        this.reader = IamReader.of(aws, ARN_TYPE, "GetInstanceProfile", InstanceProfile::instanceProfileName,
                InstanceProfile::tags, this::described);
    }

    @Override
    public ResourceType schema() {
        return IamTypes.INSTANCE_PROFILE;
    }

    /**
     * Reads the profiles the state knows and those the blueprint names, by name: IAM has no batched describe,
     * so one GetInstanceProfile per profile, which answers with its role and tags.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return reader.read(known, desired, ctx).stream().map(found -> found.observed(schema().name(),
                found.resource().instanceProfileName(), found.resource().arn(), ATTRIBUTES.read(found.resource()))).toList();
    }

    /**
     * Creates the profile with its tags, records it, then adds its role. A create that meets EntityAlreadyExists
     * goes on with the profile of that name if it carries this stack's tags, and gives it the role it lacks.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        return Creation.call(ctx, spec, "CreateInstanceProfile", () -> IamClient.of(aws).createInstanceProfile(r ->
                        ATTRIBUTES.write(r, desired).tags(IamTags.toSdk(spec.tags()))), made -> made.instanceProfile())
                .orExisting(DUPLICATE, "an instance profile named " + name, () -> AwsErrors.unless(
                        ApplyCalls.call(ctx, "GetInstanceProfile", () -> described(name)), IamReader.GONE)
                        .thenApply(found -> found.map(profile -> new Tagged<>(profile, IamTags.toMap(profile.tags())))))
                .recorded(profile -> written(spec, profile.arn()))
                .thenCompose(profile -> replaceRole(ctx, name, roleOf(profile), desired)
                        .thenApply(ignored -> written(spec, profile.arn())));
    }

    /** Makes the planned changes: the role (the old one removed, then the new one added), then the tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String name = current.physicalId();
        Planned planned = new Planned(changes);
        CompletableFuture<?> role = !planned.changes("roleName") ? ApplyCalls.none()
                : replaceRole(ctx, name, (String) planned.before("roleName"), Attributes.of(spec));
        return role.thenCompose(ignored -> tags.update(ctx, name, planned.tags()))
                .thenApply(ignored -> written(spec, current.arn()));
    }

    /** Removes the role the profile holds now, as IAM requires, then deletes it. */
    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String name = current.physicalId();
        return AwsErrors.unless(ApplyCalls.call(ctx, "GetInstanceProfile", () -> described(name)), IamReader.GONE)
                .thenCompose(found -> replaceRole(ctx, name, found.map(InstanceProfileHandler::roleOf).orElse(null), null))
                .thenCompose(ignored -> ApplyCalls.callUnless(ctx, "DeleteInstanceProfile", IamReader.GONE, () -> IamClient
                        .of(aws).deleteInstanceProfile(r -> r.instanceProfileName(name))));
    }

    /**
     * Gives the profile the desired role in place of {@code had}: removes that one (a role already gone from it is
     * done with), then adds the desired one; no desired attributes, or none named, leave it without a role.
     */
    private CompletableFuture<Void> replaceRole(ApplyContext ctx, String name, String had, Attributes desired) {
        String want = desired != null && desired.has("roleName") ? desired.string("roleName") : null;
        if (Objects.equals(had, want)) {
            return ApplyCalls.none();
        }
        CompletableFuture<Void> removed = had == null ? ApplyCalls.none()
                : ApplyCalls.callUnless(ctx, "RemoveRoleFromInstanceProfile", IamReader.GONE, () -> IamClient.of(aws)
                        .removeRoleFromInstanceProfile(r -> r.instanceProfileName(name).roleName(had)));
        return removed.thenCompose(ignored -> want == null ? ApplyCalls.<Void>none()
                : ApplyCalls.call(ctx, "AddRoleToInstanceProfile", () -> IamClient.of(aws)
                        .addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(want))).thenApply(done -> null));
    }

    private CompletableFuture<InstanceProfile> described(String name) {
        return IamClient.of(aws).getInstanceProfile(r -> r.instanceProfileName(name))
                .thenApply(answer -> answer.instanceProfile());
    }

    private static String roleOf(InstanceProfile profile) {
        return profile.roles().isEmpty() ? null : profile.roles().get(0).roleName();
    }

    private static Observed written(ResourceSpec spec, String arn) {
        return ATTRIBUTES.written(spec, IamTypes.INSTANCE_PROFILE.name(), Attributes.of(spec).string("name"), arn, null);
    }
}
