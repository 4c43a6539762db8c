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
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

@ExtendWith(AwsEmulator.class)
class InstanceProfileHandlerIT {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static InstanceProfileHandler handler;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new InstanceProfileHandler(aws);
        for (String role : List.of("shop-app", "shop-app-v2", "shop-lossy", "shop-drift", "shop-drift-v2")) {
            Clients.iam(aws).createRole(r -> r.roleName(role).assumeRolePolicyDocument(TRUST)).join();
        }
    }

    @Test
    void profileIsCreatedWithItsRoleReadGivenAnotherRoleInPlaceAndDeleted(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "app", "instance-profile");
        ResourceSpec desired = spec(address, "shop-app", "shop-app");

        Observed created = handler.create(desired, new TestApplyContext(address)).join();

        assertThat(created.arn()).endsWith(":instance-profile/scaffold/shop-app");
        assertThat(rolesOf(aws, "shop-app")).containsExactly("shop-app");
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec changed = withTags(spec(address, "shop-app", "shop-app-v2"), Map.of("team", "platform"));
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(changed, afterCreate, planned(changed, afterCreate), updating).join();
        assertThat(updating.operations()).containsExactly("RemoveRoleFromInstanceProfile", "AddRoleToInstanceProfile",
                "TagInstanceProfile");
        assertThat(rolesOf(aws, "shop-app")).containsExactly("shop-app-v2");
        assertNoChanges(changed, found(handler.read(known(updated), List.of(), read)).get(address));

        TestApplyContext deleting = new TestApplyContext(address);
        handler.delete(updated, deleting).join();
        assertThat(deleting.operations()).containsExactly("GetInstanceProfile", "RemoveRoleFromInstanceProfile",
                "DeleteInstanceProfile");
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        assertThatThrownBy(() -> Clients.iam(aws).getInstanceProfile(r -> r.instanceProfileName("shop-app")).join())
                .hasCauseInstanceOf(NoSuchEntityException.class);
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void aCreateWhoseAnswerWasLostGoesOnWithTheProfileItMade(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "lossy", "instance-profile");
        ResourceSpec desired = spec(address, "shop-lossy", "shop-lossy");
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateInstanceProfile", Fault.LOST_RESPONSE);

            created = new InstanceProfileHandler(lossy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("CreateInstanceProfile", "CreateInstanceProfile",
                    "GetInstanceProfile", "AddRoleToInstanceProfile");
        }
        assertThat(rolesOf(aws, "shop-lossy")).containsExactly("shop-lossy");
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /** Covers {@link EmulatorGaps#IAM_REMOVE_ROLE_NOT_IN_PROFILE_FAILS}: the proxy gives AWS's answer. */
    @Test
    void anUpdateWhoseOldRoleWasRemovedOutsideScaffoldAddsTheNewOne(AwsClients aws, EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "drift", "instance-profile");
        Observed created = handler.create(spec(address, "shop-drift", "shop-drift"), new TestApplyContext(address)).join();
        Clients.iam(aws).removeRoleFromInstanceProfile(r -> r.instanceProfileName("shop-drift").roleName("shop-drift"))
                .join();
        ResourceSpec changed = spec(address, "shop-drift", "shop-drift-v2");
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("RemoveRoleFromInstanceProfile", 404, "NoSuchEntity",
                    "The role shop-drift is not in the instance profile shop-drift.");

            new InstanceProfileHandler(through).update(changed, created, planned(changed, created),
                    new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("AddRoleToInstanceProfile");
        }
        assertThat(rolesOf(aws, "shop-drift")).containsExactly("shop-drift-v2");
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aProfileOfThatNameOfAnotherStackIsAClashAndIsLeftAlone(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "twin", "instance-profile");
        ResourceSpec ours = spec(address, "shop-twin", "shop-app");
        ResourceSpec theirs = ResourceSpec.managed(address, IamTypes.INSTANCE_PROFILE.name(), ours.attributes(),
                Fixtures.tags("blog", ENV, address));
        Observed existing = handler.create(theirs, new TestApplyContext(address)).join();

        assertRefusedAsAnotherStacks(() -> handler.create(ours, new TestApplyContext(address)), "CreateInstanceProfile",
                "EntityAlreadyExists",
                "an instance profile named shop-twin already exists and is not this stack's (its"
                        + " scaffold:stack is blog, not shop); delete it or rename the tier in the blueprint, then run"
                        + " again");
        assertThat(rolesOf(aws, "shop-twin")).containsExactly("shop-app");
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    @Test
    void readFindsTheKnownProfilesAndTheBlueprintsByNameOneGetInstanceProfileEach() {
        String stack = "shop-profiles";
        ResourceAddress inState = ResourceAddress.of("services", "api", "instance-profile");
        ResourceAddress orphan = ResourceAddress.of("services", "admin", "instance-profile");
        ResourceAddress toCreate = ResourceAddress.of("services", "web", "instance-profile");
        Observed known = handler.create(spec(stack, inState, "shop-profiles-api"), new TestApplyContext(inState)).join();
        Observed notKnown = handler.create(spec(stack, orphan, "shop-profiles-admin"), new TestApplyContext(orphan)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(known), List.of(spec(stack, orphan,
                "shop-profiles-admin"), spec(stack, toCreate, "shop-profiles-web")), new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(inState, orphan);
        assertThat(found.get(orphan).attributes()).containsEntry("roleName", "shop-app");
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "GetInstanceProfile", 3));
        handler.delete(known, new TestApplyContext(inState)).join();
        handler.delete(notKnown, new TestApplyContext(orphan)).join();
    }

    private static List<String> rolesOf(AwsClients aws, String profile) {
        return Clients.iam(aws).getInstanceProfile(r -> r.instanceProfileName(profile)).join().instanceProfile().roles()
                .stream().map(Role::roleName).toList();
    }

    private static ResourceSpec spec(ResourceAddress address, String name, String role) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("path", "/scaffold/");
        attributes.put("roleName", role);
        return ResourceSpec.managed(address, IamTypes.INSTANCE_PROFILE.name(), attributes, Fixtures.tags(address));
    }

    private static ResourceSpec spec(String stack, ResourceAddress address, String name) {
        return ResourceSpec.managed(address, IamTypes.INSTANCE_PROFILE.name(), spec(address, name, "shop-app").attributes(),
                Fixtures.tags(stack, ENV, address));
    }

}
