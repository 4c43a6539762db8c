package dev.scaffold.provider.aws.kms;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.provider.aws.PolicyDocuments;
import dev.scaffold.schema.KmsTypes;
import dev.scaffold.schema.StackTags;
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
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;

@ExtendWith(AwsEmulator.class)
class KeyHandlerIT {

    private static final String LINEAGE = "3f1e2d4c-0000-4000-8000-00000000000a";

    private static KeyHandler handler;
    private static String accountId;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws, EmulatorTarget emulator) {
        handler = new KeyHandler(aws);
        accountId = emulator.accountId();
    }

    @Test
    void keyIsCreatedWithRotationAndPolicyReadUpdatedInPlaceAndScheduledForDeletion(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "app", "key");
        ResourceSpec desired = spec(address, "logs of shop", true, policy("logs.amazonaws.com"));

        Observed created = handler.create(desired, new TestApplyContext(address)).join();

        assertThat(created.arn()).startsWith("arn:aws:kms:").endsWith(":key/" + created.physicalId());
        assertThat(Clients.kms(aws).getKeyRotationStatus(r -> r.keyId(created.physicalId())).join().keyRotationEnabled())
                .isTrue();
        assertThat(PolicyDocuments.fromJson(Clients.kms(aws).getKeyPolicy(r -> r.keyId(created.physicalId())
                .policyName("default")).join().policy())).isEqualTo(policy("logs.amazonaws.com"));
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec changed = spec(address, "logs and backups of shop", false, policy("backup.amazonaws.com"),
                Map.of("team", "platform"));
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(changed, afterCreate, planned(changed, afterCreate), updating).join();
        assertThat(updating.operations()).containsExactly("UpdateKeyDescription", "DisableKeyRotation", "PutKeyPolicy",
                "TagResource");
        assertNoChanges(changed, found(handler.read(known(updated), List.of(), read)).get(address));

        TestApplyContext deleting = new TestApplyContext(address);
        handler.delete(updated, deleting).join();
        assertThat(deleting.operations()).containsExactly("ScheduleKeyDeletion");
        assertThat(deleting.told()).containsExactly("AWS deletes key " + created.physicalId() + " after 7 days; until"
                + " then, aws kms cancel-key-deletion --key-id " + created.physicalId() + " keeps it");
        assertThat(Clients.kms(aws).describeKey(r -> r.keyId(created.physicalId())).join().keyMetadata().keyState())
                .isEqualTo(KeyState.PENDING_DELETION);
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
    }

    @Test
    void aCreateWhoseAnswerWasLostGoesOnWithTheKeyItMadeFoundByItsTagsNotAnotherLineages(
            AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "lossy", "key");
        ResourceSpec desired = spec(address, "lossy", true, policy("logs.amazonaws.com"));
        Observed theirs = handler.create(withLineage(desired, "3f1e2d4c-0000-4000-8000-0000000000ff"),
                new TestApplyContext(address)).join();
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateKey", Fault.LOST_RESPONSE);
            TestApplyContext creating = new TestApplyContext(address);

            created = new KeyHandler(lossy).create(desired, creating).join();

            assertThat(proxy.forwardedOperations()).as("no retry of CreateKey by the SDK, and none after the key is found")
                    .containsExactly("CreateKey", "GetResources", "DescribeKey", "EnableKeyRotation");
            assertThat(creating.created()).extracting(Observed::physicalId).containsExactly(created.physicalId());
        }
        assertThat(keysTaggedWith(aws, address, LINEAGE)).singleElement().isEqualTo(created.arn());
        assertThat(created.physicalId()).isNotEqualTo(theirs.physicalId());
        assertNoChanges(desired, handler.read(known(created), List.of(), read).stream()
                .filter(key -> key.physicalId().equals(created.physicalId())).findFirst().orElse(null));
        handler.delete(created, new TestApplyContext(address)).join();
        handler.delete(theirs, new TestApplyContext(address)).join();
    }

    @Test
    void aCreateThatFailedBeforeAwsMadeTheKeyIsSentAgainOnceTheTagsFindNone(AwsClients aws, EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "busy", "key");
        ResourceSpec desired = spec(address, "busy", false, policy("logs.amazonaws.com"));
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients busy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateKey", Fault.SERVER_ERROR);

            created = new KeyHandler(busy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.injected()).containsExactly("SERVER_ERROR CreateKey");
            assertThat(proxy.forwardedOperations()).as("two looks, an interval apart, before CreateKey again")
                    .containsExactly("GetResources", "GetResources", "CreateKey");
        }
        assertThat(keysTaggedWith(aws, address, LINEAGE)).singleElement().isEqualTo(created.arn());
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aCreateThatKeepsFailingIsGivenUpAfterTenAttemptsWithAwsError(AwsClients aws, EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "down", "key");
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients down = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            for (int i = 0; i < 10; i++) {
                proxy.inject("CreateKey", Fault.SERVER_ERROR);
            }

            assertThatThrownBy(() -> new KeyHandler(down).create(spec(address, "down", false, policy("x")),
                    new TestApplyContext(address)).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(HandlerException.class, failure -> {
                        assertThat(failure.operation()).isEqualTo("CreateKey");
                        assertThat(failure.code()).isIn("InternalFailure", "ServiceUnavailable");
                    });
            assertThat(proxy.injected()).hasSize(10).containsOnly("SERVER_ERROR CreateKey");
            assertThat(proxy.forwardedOperations()).as("two looks after each failed attempt").hasSize(20)
                    .containsOnly("GetResources");
        }
        assertThat(keysTaggedWith(aws, address, LINEAGE)).isEmpty();
    }

    @Test
    void aFailureAwsCannotHaveCarriedOutFailsTheCreateAtOnce(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "bad", "key");
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateKey", 400, "MalformedPolicyDocumentException", "The policy is malformed.");

            assertThatThrownBy(() -> new KeyHandler(through).create(spec(address, "bad", false, policy("x")),
                    new TestApplyContext(address)).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(HandlerException.class, failure -> {
                        assertThat(failure.operation()).isEqualTo("CreateKey");
                        assertThat(failure.code()).isEqualTo("MalformedPolicyDocumentException");
                    });
            assertThat(proxy.forwardedOperations()).isEmpty();
        }
    }

    @Test
    void readFindsOrphansByTheirTagsWithoutTagCallsAndReadsEachKeysRotationAndPolicy() {
        String stack = "shop-keys";
        ResourceAddress inState = ResourceAddress.of("services", "api", "key");
        ResourceAddress orphan = ResourceAddress.of("services", "admin", "key");
        ResourceAddress stranger = ResourceAddress.of("services", "blog", "key");
        Observed known = handler.create(spec(stack, inState), new TestApplyContext(inState)).join();
        Observed notKnown = handler.create(spec(stack, orphan), new TestApplyContext(orphan)).join();
        Observed blog = handler.create(spec("blog", stranger), new TestApplyContext(stranger)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(known), List.of(), new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(inState, orphan);
        assertThat(found.get(orphan).physicalId()).isEqualTo(notKnown.physicalId());
        assertThat(calls.counts()).as("KMS has no batched describe: three calls per key, its tags from the tagging read")
                .isEqualTo(Map.of("GetResources", 1, "DescribeKey", 2, "GetKeyRotationStatus", 2, "GetKeyPolicy", 2));
        List.of(known, notKnown, blog).forEach(key -> handler.delete(key, new TestApplyContext(key.address())).join());
    }

    @Test
    void knownKeyWhoseStackTagsWereRemovedIsReadByItsIdWithItsOwnTagCall(AwsClients aws) {
        String stack = "shop-untagged";
        ResourceAddress address = ResourceAddress.of("services", "untagged", "key");
        Observed created = handler.create(spec(stack, address), new TestApplyContext(address)).join();
        Clients.kms(aws).untagResource(r -> r.keyId(created.physicalId()).tagKeys(StackTags.STACK, StackTags.ENVIRONMENT))
                .join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(created), List.of(),
                new ReadContext(stack, ENV, calls)));

        assertThat(found.get(address).tags()).doesNotContainKey(StackTags.STACK).containsEntry("team", "web");
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeKey", 1, "ListResourceTags", 1,
                "GetKeyRotationStatus", 1, "GetKeyPolicy", 1));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void nothingKnownAndNothingTaggedMakesNoCallBeyondTheTaggingRead() {
        CountingCalls calls = new CountingCalls();

        assertThat(handler.read(List.of(), List.of(), new ReadContext("shop-none", ENV, calls))).isEmpty();
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1));
    }

    /** Covers {@link EmulatorGaps#KMS_REPEATED_SCHEDULE_KEY_DELETION_ACCEPTED}: the proxy gives AWS's answer. */
    @Test
    void aKeyAlreadyPendingDeletionIsDeletedAlreadyAndAKeyGoneToo(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "twice", "key");
        Observed created = handler.create(spec(address, "twice", false, policy("logs.amazonaws.com")),
                new TestApplyContext(address)).join();
        handler.delete(created, new TestApplyContext(address)).join();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("ScheduleKeyDeletion", 400, "KMSInvalidStateException",
                    "arn:aws:kms:us-east-1:" + accountId + ":key/" + created.physicalId() + " is pending deletion.");

            new KeyHandler(through).delete(created, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("DescribeKey");
        }
        Observed gone = new Observed(address, KmsTypes.KEY.name(), "0b1c2d3e-0000-4000-8000-000000000000",
                null, Map.of(), Map.of());
        handler.delete(gone, new TestApplyContext(address)).join();
    }

    /** The key ARNs the tagging API finds at this address with this lineage. */
    private static List<String> keysTaggedWith(AwsClients aws, ResourceAddress address, String lineage) {
        return aws.tagging().getResources(r -> r.resourceTypeFilters("kms:key").tagFilters(
                        f -> f.key(StackTags.ADDRESS).values(address.toString()),
                        f -> f.key(StackTags.LINEAGE).values(lineage))).join()
                .resourceTagMappingList().stream().map(ResourceTagMapping::resourceARN).toList();
    }

    /** A key policy that lets the account administer the key and {@code service} use it. */
    private static Map<String, Object> policy(String service) {
        return Map.of("Version", "2012-10-17", "Statement", List.of(
                Map.of("Sid", "Account", "Effect", "Allow", "Principal", Map.of("AWS", "arn:aws:iam::" + accountId + ":root"),
                        "Action", "kms:*", "Resource", "*"),
                Map.of("Sid", "Service", "Effect", "Allow", "Principal", Map.of("Service", service),
                        "Action", List.of("kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"), "Resource", "*")));
    }

    private static ResourceSpec spec(ResourceAddress address, String description, boolean rotation,
                                     Map<String, Object> policy) {
        return spec(address, description, rotation, policy, Map.of());
    }

    private static ResourceSpec spec(ResourceAddress address, String description, boolean rotation,
                                     Map<String, Object> policy, Map<String, String> moreTags) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("description", description);
        attributes.put("keyRotation", rotation);
        attributes.put("policy", policy);
        Map<String, String> tags = new LinkedHashMap<>(Fixtures.tags(address));
        tags.put(StackTags.LINEAGE, LINEAGE);
        tags.putAll(moreTags);
        return ResourceSpec.managed(address, KmsTypes.KEY.name(), attributes, tags);
    }

    /** A key of {@code stack}, rotated, with the logs policy. */
    private static ResourceSpec spec(String stack, ResourceAddress address) {
        ResourceSpec key = spec(address, stack + " key", true, policy("logs.amazonaws.com"));
        Map<String, String> tags = new LinkedHashMap<>(key.tags());
        tags.putAll(Fixtures.tags(stack, ENV, address));
        return ResourceSpec.managed(address, KmsTypes.KEY.name(), key.attributes(), tags);
    }

    private static ResourceSpec withLineage(ResourceSpec spec, String lineage) {
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.put(StackTags.LINEAGE, lineage);
        return ResourceSpec.managed(spec.address(), spec.type(), spec.attributes(), tags);
    }
}
