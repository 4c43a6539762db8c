package dev.scaffold.provider.aws.iam;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.assertRefusedAsAnotherStacks;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static dev.scaffold.provider.aws.Fixtures.withTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.provider.aws.PolicyDocuments;
import dev.scaffold.schema.IamTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** Attaches AWS-managed policies, as {@link EmulatorGaps#IAM_AWS_MANAGED_POLICIES_ONLY_WHEN_LOADED} says moto has them. */
@ExtendWith(AwsEmulator.class)
class RoleHandlerIT {

    private static final String SSM = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
    private static final String CLOUDWATCH_AGENT = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy";

    private static RoleHandler handler;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new RoleHandler(aws);
    }

    @Test
    void roleIsCreatedWithItsPoliciesReadUpdatedInPlaceAndDeleted(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "app", "role");
        ResourceSpec desired = spec(address, "shop-app", "app servers of shop", trust("ec2.amazonaws.com"), List.of(SSM),
                Map.of("logs", allow("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/scaffold/shop/app:*")));

        Observed created = handler.create(desired, new TestApplyContext(address)).join();

        assertThat(created.physicalId()).isEqualTo("shop-app");
        assertThat(created.arn()).endsWith(":role/scaffold/shop-app");
        assertThat(Clients.iam(aws).listAttachedRolePolicies(r -> r.roleName("shop-app")).join().attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactly(SSM);
        assertThat(PolicyDocuments.fromUrlEncoded(Clients.iam(aws).getRolePolicy(r -> r.roleName("shop-app")
                .policyName("logs")).join().policyDocument())).isEqualTo(((Map<?, ?>) desired.attributes()
                .get("inlinePolicies")).get("logs"));
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec changed = withTags(spec(address, "shop-app", "app servers of shop, with metrics",
                trust("ec2.amazonaws.com", "ssm.amazonaws.com"), List.of(CLOUDWATCH_AGENT),
                Map.of("metrics", allow("cloudwatch:PutMetricData", "*"))), Map.of("team", "platform"));
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(changed, afterCreate, planned(changed, afterCreate), updating).join();
        assertThat(updating.operations()).containsExactly("UpdateRole", "UpdateAssumeRolePolicy", "AttachRolePolicy",
                "PutRolePolicy", "DetachRolePolicy", "DeleteRolePolicy", "TagRole");
        assertNoChanges(changed, found(handler.read(known(updated), List.of(), read)).get(address));

        TestApplyContext deleting = new TestApplyContext(address);
        handler.delete(updated, deleting).join();
        assertThat(deleting.operations()).containsExactlyInAnyOrder("ListAttachedRolePolicies", "ListRolePolicies",
                "ListInstanceProfilesForRole", "DetachRolePolicy", "DeleteRolePolicy", "DeleteRole");
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        assertThatThrownBy(() -> Clients.iam(aws).getRole(r -> r.roleName("shop-app")).join())
                .hasCauseInstanceOf(NoSuchEntityException.class);
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void aRoleStillInAnInstanceProfileIsTakenOutOfItBeforeItIsDeleted(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "held", "role");
        Observed created = handler.create(spec(address, "shop-held", "held", trust("ec2.amazonaws.com"), List.of(),
                Map.of()), new TestApplyContext(address)).join();
        Clients.iam(aws).createInstanceProfile(r -> r.instanceProfileName("shop-held")).join();
        Clients.iam(aws).addRoleToInstanceProfile(r -> r.instanceProfileName("shop-held").roleName("shop-held")).join();

        handler.delete(created, new TestApplyContext(address)).join();

        assertThat(Clients.iam(aws).getInstanceProfile(r -> r.instanceProfileName("shop-held")).join()
                .instanceProfile().roles()).isEmpty();
        Clients.iam(aws).deleteInstanceProfile(r -> r.instanceProfileName("shop-held")).join();
    }

    @Test
    void aCreateWhoseAnswerWasLostGoesOnWithTheRoleItMade(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "lossy", "role");
        ResourceSpec desired = spec(address, "shop-lossy", "lossy", trust("ec2.amazonaws.com"), List.of(SSM),
                Map.of("logs", allow("logs:PutLogEvents", "*")));
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateRole", Fault.LOST_RESPONSE);

            created = new RoleHandler(lossy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("CreateRole", "CreateRole", "GetRole",
                    "AttachRolePolicy", "PutRolePolicy");
        }
        assertThat(Clients.iam(aws).listRoles(r -> r.pathPrefix("/scaffold/")).join().roles())
                .filteredOn(role -> role.roleName().equals("shop-lossy")).hasSize(1);
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aRoleOfThatNameOfAnotherStackIsAClashAndIsLeftAlone(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "twin", "role");
        ResourceSpec ours = spec(address, "shop-twin", "twin", trust("ec2.amazonaws.com"), List.of(), Map.of());
        ResourceSpec theirs = ResourceSpec.managed(address, IamTypes.ROLE.name(), ours.attributes(),
                Fixtures.tags("blog", ENV, address));
        Observed existing = handler.create(theirs, new TestApplyContext(address)).join();

        assertRefusedAsAnotherStacks(() -> handler.create(ours, new TestApplyContext(address)), "CreateRole",
                "EntityAlreadyExists",
                "a role named shop-twin already exists and is not this stack's (its scaffold:stack is blog,"
                        + " not shop); delete it or rename the tier in the blueprint, then run again");
        assertThat(found(handler.read(known(existing), List.of(), read)).get(address).tags()).isEqualTo(theirs.tags());
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    @Test
    void readFindsTheKnownRolesAndTheBlueprintsByNameOneGetRoleEachWithTheirPolicies() {
        String stack = "shop-roles";
        ResourceAddress inState = ResourceAddress.of("services", "api", "role");
        ResourceAddress orphan = ResourceAddress.of("services", "admin", "role");
        ResourceAddress taken = ResourceAddress.of("services", "web", "role");
        ResourceAddress toCreate = ResourceAddress.of("services", "worker", "role");
        Observed known = handler.create(spec(stack, inState, "shop-roles-api"), new TestApplyContext(inState)).join();
        Observed notKnown = handler.create(spec(stack, orphan, "shop-roles-admin"), new TestApplyContext(orphan)).join();
        Observed blogs = handler.create(spec("blog", taken, "shop-roles-web"), new TestApplyContext(taken)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(known), List.of(spec(stack, inState,
                        "shop-roles-api"), spec(stack, orphan, "shop-roles-admin"), spec(stack, taken, "shop-roles-web"),
                spec(stack, toCreate, "shop-roles-worker")), new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(inState, orphan, taken);
        assertThat(found.get(taken).tags()).containsEntry("scaffold:stack", "blog");
        assertThat(calls.counts()).as("IAM has no batched describe, and its roles are not in the regional tagging read")
                .isEqualTo(Map.of("GetResources", 1, "GetRole", 4, "ListAttachedRolePolicies", 3, "ListRolePolicies", 3,
                        "GetRolePolicy", 3));
        List.of(known, notKnown, blogs).forEach(role -> handler.delete(role, new TestApplyContext(role.address())).join());
    }

    /** A trust policy that lets these services assume the role. */
    private static Map<String, Object> trust(String... services) {
        return Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
                "Principal", Map.of("Service", List.of(services)), "Action", "sts:AssumeRole")));
    }

    private static Map<String, Object> allow(String action, String resource) {
        return Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow", "Action", List.of(action),
                "Resource", resource)));
    }

    private static ResourceSpec spec(ResourceAddress address, String name, String description,
                                     Map<String, Object> trust, List<String> managed, Map<String, Object> inline) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("path", "/scaffold/");
        attributes.put("description", description);
        attributes.put("assumeRolePolicy", trust);
        attributes.put("managedPolicyArns", managed);
        attributes.put("inlinePolicies", inline);
        return ResourceSpec.managed(address, IamTypes.ROLE.name(), attributes, Fixtures.tags(address));
    }

    /** A role of {@code stack} named {@code name}, with the SSM policy and one inline policy. */
    private static ResourceSpec spec(String stack, ResourceAddress address, String name) {
        ResourceSpec role = spec(address, name, name, trust("ec2.amazonaws.com"), List.of(SSM),
                Map.of("logs", allow("logs:PutLogEvents", "*")));
        return ResourceSpec.managed(address, IamTypes.ROLE.name(), role.attributes(), Fixtures.tags(stack, ENV, address));
    }

}
