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
import dev.scaffold.provider.aws.PerResourceReads;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.PolicyDocuments;
import dev.scaffold.provider.aws.ReadCalls;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.Tagged;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.schema.IamTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.UpdateRoleRequest;

/**
 * An IAM role ({@link IamTypes#ROLE}), known by its name.
 *
 * <p>Attributes: {@code name}, {@code path}, {@code description}, {@code assumeRolePolicy} (a policy document),
 * and its policies ({@link RolePolicies}): {@code managedPolicyArns} (a list of ARNs), {@code inlinePolicies}
 * (policy name → policy document). Refs name {@code arn} and {@code name}.
 */
public final class RoleHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("iam", "role/");
    private static final String DUPLICATE = "EntityAlreadyExists";
    /** More than the instance profiles a role is ever in: one page. */
    private static final int ALL_PROFILES = 1000;

    private static final SdkAttributes<Role> ATTRIBUTES = SdkAttributes.describedAs(Role.builder())
            .writtenTo(CreateRoleRequest.builder(), UpdateRoleRequest.builder())
            .member("name", "RoleName")
            .member("path", "Path")
            .member("description", "Description")
            .member("assumeRolePolicy", "AssumeRolePolicyDocument", encoded -> PolicyDocuments.fromUrlEncoded(
                    (String) encoded), PolicyDocuments::toJson)
            .build();

    private final AwsClients aws;
    private final IamTags tags;
    private final RolePolicies policies;
    private final TaggedReader<Role> reader;

    public RoleHandler(AwsClients aws) {
        this.aws = aws;
        this.tags = IamTags.ofRoles(aws);
        this.policies = new RolePolicies(aws);
        this.reader = IamReader.of(aws, ARN_TYPE, "GetRole", Role::roleName, Role::tags,
                name -> IamClient.of(aws).getRole(r -> r.roleName(name)).thenApply(answer -> answer.role()));
    }

    @Override
    public ResourceType schema() {
        return IamTypes.ROLE;
    }

    /**
     * Reads the roles the state knows and those the blueprint names, by name: IAM has no batched describe, so
     * per role one GetRole (with its tags), then ListAttachedRolePolicies and ListRolePolicies in parallel, and
     * one GetRolePolicy per inline policy.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return PerResourceReads.observed(schema().name(), reader.read(known, desired, ctx), ATTRIBUTES, Role::roleName,
                Role::arn, role -> policies.read(ReadCalls.of(ctx), role.roleName()));
    }

    /**
     * Creates the role with its tags, records it, then attaches and puts its policies. A create that meets
     * EntityAlreadyExists goes on with the role of that name if it carries this stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        return Creation.call(ctx, spec, "CreateRole", () -> IamClient.of(aws).createRole(r -> ATTRIBUTES.write(r, desired)
                        .tags(IamTags.toSdk(spec.tags()))), made -> made.role())
                .orExisting(DUPLICATE, "a role named " + name, () -> AwsErrors.unless(ApplyCalls.call(ctx, "GetRole",
                        () -> IamClient.of(aws).getRole(r -> r.roleName(name))), IamReader.GONE).thenApply(found -> found
                        .map(answer -> new Tagged<>(answer.role(), IamTags.toMap(answer.role().tags())))))
                .recorded(role -> written(spec, role.arn()))
                .thenCompose(role -> policies.create(ctx, name, desired).thenApply(ignored -> written(spec, role.arn())));
    }

    /** Makes the planned changes: description, trust policy, policies, tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String name = current.physicalId();
        Planned planned = new Planned(changes);
        Attributes desired = Attributes.of(spec);
        CompletableFuture<?> description = !planned.changes("description") ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "UpdateRole", () -> IamClient.of(aws).updateRole(r ->
                        ATTRIBUTES.write(r.roleName(name), desired, List.of("description"))));
        return description
                .thenCompose(ignored -> !planned.changes("assumeRolePolicy") ? ApplyCalls.none()
                        : ApplyCalls.call(ctx, "UpdateAssumeRolePolicy", () -> IamClient.of(aws).updateAssumeRolePolicy(
                                r -> r.roleName(name).policyDocument(PolicyDocuments.toJson(
                                        desired.map("assumeRolePolicy"))))))
                .thenCompose(ignored -> policies.update(ctx, name, planned, desired))
                .thenCompose(ignored -> tags.update(ctx, name, planned.tags()))
                .thenApply(ignored -> written(spec, current.arn()));
    }

    /** Removes its policies and takes it out of its instance profiles, as IAM requires, then deletes it. */
    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String name = current.physicalId();
        return CompletableFuture.allOf(policies.removeAll(ctx, name), outOfProfiles(ctx, name)).thenCompose(ignored ->
                ApplyCalls.callUnless(ctx, "DeleteRole", IamReader.GONE, () -> IamClient.of(aws)
                        .deleteRole(r -> r.roleName(name))));
    }

    /** Takes the role out of every instance profile that holds it. */
    private CompletableFuture<Void> outOfProfiles(ApplyContext ctx, String name) {
        return AwsErrors.unless(ApplyCalls.call(ctx, "ListInstanceProfilesForRole", () -> IamClient.of(aws)
                        .listInstanceProfilesForRole(r -> r.roleName(name).maxItems(ALL_PROFILES))), IamReader.GONE)
                .thenApply(answer -> answer.map(found -> found.instanceProfiles()).orElse(List.of()))
                .thenCompose(profiles -> CompletableFuture.allOf(profiles.stream().map(InstanceProfile::instanceProfileName)
                        .map(profile -> ApplyCalls.callUnless(ctx, "RemoveRoleFromInstanceProfile", IamReader.GONE,
                                () -> IamClient.of(aws).removeRoleFromInstanceProfile(r -> r.roleName(name)
                                        .instanceProfileName(profile))))
                        .toArray(CompletableFuture[]::new)));
    }

    private static Observed written(ResourceSpec spec, String arn) {
        return ATTRIBUTES.written(spec, IamTypes.ROLE.name(), Attributes.of(spec).string("name"), arn, null);
    }
}
