package dev.scaffold.provider.aws.secretsmanager;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static dev.scaffold.provider.aws.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.schema.SecretsManagerTypes;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

@ExtendWith(AwsEmulator.class)
class GeneratedSecretHandlerIT {

    private static final String KEY_A = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
    private static final String KEY_B = "arn:aws:kms:us-east-1:123456789012:key/66666666-7777-8888-9999-000000000000";
    private static final String LINEAGE = "9b7e6f2a-0000-4000-8000-000000000002";

    private static GeneratedSecretHandler handler;
    private static AwsClients aws;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients clients) {
        aws = clients;
        handler = new GeneratedSecretHandler(clients);
    }

    @Test
    void secretIsCreatedWithAGeneratedValueReadUpdatedInPlaceAndScheduledForDeletion() {
        ResourceAddress address = ResourceAddress.of("caches", "main", "auth-token");
        ResourceSpec desired = spec(address, "shop-main-auth", "the auth token", KEY_A);
        TestApplyContext creating = new TestApplyContext(address);

        Observed created = handler.create(desired, creating).join();

        assertThat(creating.operations()).containsExactly("GetRandomPassword", "CreateSecret");
        assertThat(created.arn()).startsWith("arn:aws:secretsmanager:").contains(":secret:shop-main-auth-");
        assertThat(created.physicalId()).isEqualTo("shop-main-auth");
        String value = value(created.arn());
        assertThat(value).hasSize(32).doesNotContain("@", "\"", "/");
        assertThat(created.attributes().values()).doesNotContain(value);
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec changed = Fixtures.withTags(spec(address, "shop-main-auth", "the cache's auth token", KEY_B),
                Map.of("owner", "data"));
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(changed, afterCreate, planned(changed, afterCreate), updating).join();
        assertThat(updating.operations()).containsExactly("UpdateSecret", "TagResource");
        assertNoChanges(changed, found(handler.read(known(updated), List.of(), read)).get(address));
        assertThat(value(created.arn())).as("an update leaves the value alone").isEqualTo(value);

        TestApplyContext deleting = new TestApplyContext(address);
        handler.delete(updated, deleting).join();
        assertThat(deleting.operations()).containsExactly("DeleteSecret");
        assertThat(deleting.told()).singleElement().asString().contains("shop-main-auth", "7 days",
                "aws secretsmanager restore-secret --secret-id shop-main-auth");
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        assertThat(SecretsClient.of(aws).describeSecret(r -> r.secretId(created.arn())).join().deletedDate())
                .as("scheduled for deletion, not gone").isNotNull();
    }

    @Test
    void applyingAgainAfterADestroyRestoresTheSecretWithANewValue() {
        ResourceAddress address = ResourceAddress.of("caches", "again", "auth-token");
        ResourceSpec desired = spec(address, "shop-again-auth", "the auth token", KEY_A);
        Observed first = handler.create(desired, new TestApplyContext(address)).join();
        String firstValue = value(first.arn());
        handler.delete(first, new TestApplyContext(address)).join();

        TestApplyContext again = new TestApplyContext(address);
        Observed second = handler.create(desired, again).join();

        assertThat(second.arn()).isEqualTo(first.arn());
        assertThat(again.operations()).containsExactly("GetRandomPassword", "CreateSecret", "ListSecrets",
                "RestoreSecret", "UpdateSecret", "GetRandomPassword", "PutSecretValue");
        assertThat(value(second.arn())).hasSize(32).isNotEqualTo(firstValue);
        assertNoChanges(desired, found(handler.read(known(second), List.of(), read)).get(address));
        handler.delete(second, new TestApplyContext(address)).join();
    }

    /** Covers {@link EmulatorGaps#SECRET_SCHEDULED_FOR_DELETION_ANSWERED_AS_EXISTING}: the proxy gives AWS's answer. */
    @Test
    void aCreateAnsweredThatTheNameIsScheduledForDeletionRestoresTheSecret(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("caches", "aws", "auth-token");
        ResourceSpec desired = spec(address, "shop-aws-auth", "the auth token", KEY_A);
        Observed first = handler.create(desired, new TestApplyContext(address)).join();
        handler.delete(first, new TestApplyContext(address)).join();

        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateSecret", 400, "InvalidRequestException", "You can't create this secret because a"
                    + " secret with this name is already scheduled for deletion.");

            Observed second = new GeneratedSecretHandler(through).create(desired, new TestApplyContext(address)).join();

            assertThat(second.arn()).isEqualTo(first.arn());
            assertThat(proxy.forwardedOperations()).containsExactly("GetRandomPassword", "ListSecrets", "RestoreSecret",
                    "UpdateSecret", "GetRandomPassword", "PutSecretValue");
        }
        assertThat(found(handler.read(known(first), List.of(), read))).containsKey(address);
        handler.delete(first, new TestApplyContext(address)).join();
    }

    @Test
    void aCreateWhoseAnswerWasLostMakesOneSecretWithOneValue(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("caches", "lost", "auth-token");
        ResourceSpec desired = spec(address, "shop-lost-auth", "the auth token", KEY_A);
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateSecret", FaultInjectingProxy.Fault.LOST_RESPONSE);

            created = new GeneratedSecretHandler(through).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.injected()).containsExactly("LOST_RESPONSE CreateSecret");
            assertThat(proxy.forwardedOperations()).containsExactly("GetRandomPassword", "CreateSecret", "CreateSecret");
        }
        List<SecretListEntry> secrets = SecretsClient.of(aws).listSecrets(r -> r.filters(f -> f.key("name")
                .values("shop-lost-auth"))).join().secretList();
        assertThat(secrets).singleElement().satisfies(secret ->
                assertThat(secret.secretVersionsToStages()).as("one version: the retry was the same call").hasSize(1));
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aSecretOfThatNameOfAnotherLineageIsAClashAndIsLeftAlone() {
        ResourceAddress address = ResourceAddress.of("caches", "twin", "auth-token");
        ResourceSpec theirs = withLineage(spec(address, "shop-twin-auth", "theirs", KEY_A),
                "5d0c1a4e-0000-4000-8000-000000000001");
        Observed existing = handler.create(theirs, new TestApplyContext(address)).join();
        String value = value(existing.arn());
        ResourceSpec ours = withLineage(spec(address, "shop-twin-auth", "ours", KEY_A), LINEAGE);

        Fixtures.assertRefusedAsAnotherStacks(() -> handler.create(ours, new TestApplyContext(address)), "CreateSecret",
                "ResourceExistsException", "a secret named shop-twin-auth already exists and is not this stack's (its"
                        + " scaffold:lineage is 5d0c1a4e-0000-4000-8000-000000000001, not " + LINEAGE + "); delete it"
                        + " or rename the tier in the blueprint, then run again");

        assertThat(value(existing.arn())).isEqualTo(value);
        assertThat(found(handler.read(known(existing), List.of(), read)).get(address).attributes())
                .containsEntry("description", "theirs");
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    @Test
    void theStacksSecretsAreReadTenNamesPerCallWithTheirTagsAndOrphansByTheirTags() {
        String stack = "shop-many";
        List<Observed> created = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ResourceAddress address = new ResourceAddress("caches", "many", "auth-token", i);
            created.add(handler.create(ResourceSpec.managed(address, SecretsManagerTypes.GENERATED_SECRET.name(),
                    attributes("shop-many-" + i, "token", KEY_A), tags(stack, ENV, address)),
                    new TestApplyContext(address)).join());
        }
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(created.get(0), created.get(1)), List.of(),
                new ReadContext(stack, ENV, calls)));

        assertThat(found).hasSize(12);
        assertThat(calls.counts()).as("no call per secret, and never GetSecretValue")
                .isEqualTo(Map.of("GetResources", 1, "ListSecrets", 2));
        assertThat(handler.read(List.of(), List.of(), new ReadContext("nobody", ENV, new CountingCalls()))).isEmpty();
        created.forEach(secret -> handler.delete(secret, new TestApplyContext(secret.address())).join());
    }

    @Test
    void nothingKnownTaggedOrDesiredIsNoCallBeyondTheSharedTaggingRead() {
        CountingCalls calls = new CountingCalls();

        assertThat(handler.read(List.of(), List.of(), new ReadContext("empty-stack", ENV, calls))).isEmpty();
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1));
    }

    private static String value(String arn) {
        return SecretsClient.of(aws).getSecretValue(r -> r.secretId(arn)).join().secretString();
    }

    private static ResourceSpec spec(ResourceAddress address, String name, String description, String key) {
        return ResourceSpec.managed(address, SecretsManagerTypes.GENERATED_SECRET.name(),
                attributes(name, description, key), tags(address));
    }

    private static ResourceSpec withLineage(ResourceSpec spec, String lineage) {
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.put(StackTags.LINEAGE, lineage);
        return ResourceSpec.managed(spec.address(), spec.type(), spec.attributes(), tags);
    }

    private static Map<String, Object> attributes(String name, String description, String key) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("description", description);
        attributes.put("kmsKeyId", key);
        attributes.put("passwordLength", 32);
        attributes.put("excludeCharacters", "@\"/");
        return attributes;
    }
}
