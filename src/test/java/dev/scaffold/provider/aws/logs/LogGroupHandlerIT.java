package dev.scaffold.provider.aws.logs;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.assertRefusedAsAnotherStacks;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static dev.scaffold.provider.aws.Fixtures.withTags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.schema.LogsTypes;
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
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

@ExtendWith(AwsEmulator.class)
class LogGroupHandlerIT {

    private static LogGroupHandler handler;
    private static String keyArn;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new LogGroupHandler(aws);
        keyArn = Clients.kms(aws).createKey(r -> r.description("logs")).join().keyMetadata().arn();
    }

    /** The key is changed in place by {@code LogGroupHandlerTest}: {@link EmulatorGaps#LOGS_KMS_KEY_ASSOCIATION_MISSING}. */
    @Test
    void groupIsCreatedEncryptedWithItsRetentionReadUpdatedInPlaceAndDeleted(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "app", "log-group");
        ResourceSpec desired = spec(address, "/scaffold/shop/app", 30, keyArn);

        Observed created = handler.create(desired, new TestApplyContext(address)).join();

        assertThat(created.physicalId()).isEqualTo("/scaffold/shop/app");
        assertThat(created.arn()).startsWith("arn:aws:logs:").endsWith(":log-group:/scaffold/shop/app");
        assertThat(group(aws, "/scaffold/shop/app")).satisfies(group -> {
            assertThat(group.retentionInDays()).isEqualTo(30);
            assertThat(group.kmsKeyId()).isEqualTo(keyArn);
        });
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);
        assertThat(afterCreate.arn()).isEqualTo(created.arn());

        ResourceSpec changed = withTags(spec(address, "/scaffold/shop/app", 90, keyArn), Map.of("team", "platform"));
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(changed, afterCreate, planned(changed, afterCreate), updating).join();
        assertThat(updating.operations()).containsExactly("PutRetentionPolicy", "TagResource");
        assertThat(group(aws, "/scaffold/shop/app").retentionInDays()).isEqualTo(90);
        assertNoChanges(changed, found(handler.read(known(updated), List.of(), read)).get(address));

        TestApplyContext deleting = new TestApplyContext(address);
        handler.delete(updated, deleting).join();
        assertThat(deleting.operations()).containsExactly("DeleteLogGroup");
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void aGroupWithoutRetentionKeepsItsEventsAndARetentionRemovedIsDeleted(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "forever", "log-group");
        ResourceSpec forever = spec(address, "/scaffold/shop/forever", null, null);
        TestApplyContext creating = new TestApplyContext(address);
        Observed created = handler.create(forever, creating).join();
        assertThat(creating.operations()).containsExactly("CreateLogGroup", "DescribeLogGroups");
        assertNoChanges(forever, found(handler.read(known(created), List.of(), read)).get(address));

        ResourceSpec week = spec(address, "/scaffold/shop/forever", 7, null);
        Observed kept = found(handler.read(known(created), List.of(), read)).get(address);
        handler.update(week, kept, planned(week, kept), new TestApplyContext(address)).join();
        Observed weekly = found(handler.read(known(created), List.of(), read)).get(address);
        ResourceSpec unlimited = withAttribute(forever, "retentionDays", null);
        TestApplyContext removing = new TestApplyContext(address);
        handler.update(unlimited, weekly, planned(unlimited, weekly), removing).join();

        assertThat(removing.operations()).containsExactly("DeleteRetentionPolicy");
        assertThat(group(aws, "/scaffold/shop/forever").retentionInDays()).isNull();
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aCreateWhoseAnswerWasLostGoesOnWithTheGroupItMade(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "lossy", "log-group");
        ResourceSpec desired = spec(address, "/scaffold/shop/lossy", 14, keyArn);
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateLogGroup", Fault.LOST_RESPONSE);

            created = new LogGroupHandler(lossy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("CreateLogGroup", "CreateLogGroup",
                    "DescribeLogGroups", "ListTagsForResource", "PutRetentionPolicy", "DescribeLogGroups");
        }
        assertThat(Clients.logs(aws).describeLogGroups(r -> r.logGroupNamePrefix("/scaffold/shop/lossy")).join()
                .logGroups()).singleElement().extracting(LogGroup::retentionInDays).isEqualTo(14);
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aGroupOfThatNameOfAnotherStackIsAClashAndIsLeftAlone(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "twin", "log-group");
        ResourceSpec ours = spec(address, "/scaffold/shop/twin", 30, null);
        ResourceSpec theirs = ResourceSpec.managed(address, LogsTypes.LOG_GROUP.name(), ours.attributes(),
                Fixtures.tags(STACK, "prod", address));
        Observed existing = handler.create(theirs, new TestApplyContext(address)).join();

        assertRefusedAsAnotherStacks(() -> handler.create(ours, new TestApplyContext(address)), "CreateLogGroup",
                "ResourceAlreadyExistsException",
                "a log group named /scaffold/shop/twin already exists and is not this stack's (its"
                        + " scaffold:env is prod, not default); delete it or rename the tier in the blueprint, then run"
                        + " again");
        assertThat(Clients.logs(aws).listTagsForResource(r -> r.resourceArn(existing.arn())).join().tags())
                .isEqualTo(theirs.tags());
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    /**
     * The emulator answers every group to DescribeLogGroups ({@link EmulatorGaps#LOGS_DESCRIBE_IGNORES_IDENTIFIERS});
     * the read keeps those it asked for, so these counts hold whatever else it holds. {@code LogGroupHandlerTest}
     * checks the request.
     */
    @Test
    void readFindsOrphansByTheirTagsAndDescribesTheKnownOnesAndTheBlueprintsInABatchEach() {
        String stack = "shop-logs";
        ResourceAddress inState = ResourceAddress.of("services", "api", "log-group");
        ResourceAddress orphan = ResourceAddress.of("services", "admin", "log-group");
        ResourceAddress toCreate = ResourceAddress.of("services", "web", "log-group");
        Observed known = handler.create(spec(stack, inState, "/scaffold/shop-logs/api"), new TestApplyContext(inState)).join();
        Observed notKnown = handler.create(spec(stack, orphan, "/scaffold/shop-logs/admin"), new TestApplyContext(orphan))
                .join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(known),
                List.of(spec(stack, toCreate, "/scaffold/shop-logs/web")), new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(inState, orphan);
        assertThat(found.get(orphan).attributes()).containsEntry("name", "/scaffold/shop-logs/admin");
        assertThat(calls.counts()).as("the tags come with the tagging read; the blueprint's new group is asked by name")
                .isEqualTo(Map.of("GetResources", 1, "DescribeLogGroups", 2));
        handler.delete(known, new TestApplyContext(inState)).join();
        handler.delete(notKnown, new TestApplyContext(orphan)).join();
    }

    @Test
    void aGroupTheBlueprintNamesThatAnotherStackHasIsFoundByNameWithItsTags() {
        ResourceAddress address = ResourceAddress.of("services", "taken", "log-group");
        Observed blogs = handler.create(spec("blog", address, "/scaffold/shop-taken/app"), new TestApplyContext(address))
                .join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(),
                List.of(spec("shop-taken", address, "/scaffold/shop-taken/app")), new ReadContext("shop-taken", ENV, calls)));

        assertThat(found.get(address).tags()).isEqualTo(Fixtures.tags("blog", ENV, address));
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeLogGroups", 1, "ListTagsForResource", 1));
        handler.delete(blogs, new TestApplyContext(address)).join();
    }

    private static LogGroup group(AwsClients aws, String name) {
        return Clients.logs(aws).describeLogGroups(r -> r.logGroupNamePrefix(name)).join().logGroups().stream()
                .filter(group -> group.logGroupName().equals(name)).findFirst().orElseThrow();
    }

    private static ResourceSpec spec(ResourceAddress address, String name, Integer retentionDays, String key) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        if (retentionDays != null) {
            attributes.put("retentionDays", retentionDays);
        }
        if (key != null) {
            attributes.put("kmsKeyArn", key);
        }
        return ResourceSpec.managed(address, LogsTypes.LOG_GROUP.name(), attributes, Fixtures.tags(address));
    }

    private static ResourceSpec spec(String stack, ResourceAddress address, String name) {
        return ResourceSpec.managed(address, LogsTypes.LOG_GROUP.name(), Map.of("name", name, "retentionDays", 30),
                Fixtures.tags(stack, ENV, address));
    }


    /** The spec with one attribute set, {@code null} included: a component that names an attribute it wants unset. */
    private static ResourceSpec withAttribute(ResourceSpec spec, String name, Object value) {
        Map<String, Object> attributes = new LinkedHashMap<>(spec.attributes());
        attributes.put(name, value);
        return ResourceSpec.managed(spec.address(), spec.type(), attributes, spec.tags());
    }
}
