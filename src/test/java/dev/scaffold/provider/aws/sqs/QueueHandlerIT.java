package dev.scaffold.provider.aws.sqs;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.assertRefusedAsAnotherStacks;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static dev.scaffold.provider.aws.Fixtures.withTags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Differ;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsProvider;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.schema.SqsTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
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
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(AwsEmulator.class)
class QueueHandlerIT {

    private static final int FOUR_DAYS = 345_600;
    private static final int FOURTEEN_DAYS = 1_209_600;

    private static QueueHandler handler;
    private static String keyArn;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new QueueHandler(aws);
        keyArn = Clients.kms(aws).createKey(r -> r.description("queues")).join().keyMetadata().arn();
    }

    @Test
    void queueIsCreatedWithItsKeyAndRedriveReadBackUpdatedInPlaceAndDeleted(AwsClients aws) {
        ResourceAddress dlqAddress = ResourceAddress.of("queues", "jobs", "dead-letter-queue");
        ResourceAddress address = ResourceAddress.of("queues", "jobs", "queue");
        Observed dlq = handler.create(spec(dlqAddress, "shop-jobs-dlq", 30, FOURTEEN_DAYS, keyArn, null),
                new TestApplyContext(dlqAddress)).join();
        ResourceSpec desired = spec(address, "shop-jobs", 60, FOUR_DAYS, keyArn, redrive(dlq.arn(), 5));
        TestApplyContext creating = new TestApplyContext(address);

        Observed created = handler.create(desired, creating).join();

        assertThat(creating.operations()).containsExactly("CreateQueue", "ListQueueTags", "GetQueueAttributes");
        assertThat(created.physicalId()).endsWith("/shop-jobs").isEqualTo(created.attributes().get("url"));
        assertThat(created.arn()).startsWith("arn:aws:sqs:").endsWith(":shop-jobs");
        assertThat(creating.created()).singleElement().extracting(Observed::physicalId).isEqualTo(created.physicalId());
        assertThat(attributes(aws, created.physicalId())).containsEntry("KmsMasterKeyId", keyArn)
                .containsEntry("VisibilityTimeout", "60").containsEntry("MessageRetentionPeriod", "345600");
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);
        assertThat(afterCreate.arn()).isEqualTo(created.arn());

        ResourceSpec changed = withTags(spec(address, "shop-jobs", 120, FOUR_DAYS, keyArn, redrive(dlq.arn(), 3)),
                Map.of("team", "platform"));
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(changed, afterCreate, planned(changed, afterCreate), updating).join();

        assertThat(updating.operations()).containsExactly("SetQueueAttributes", "TagQueue");
        assertThat(attributes(aws, created.physicalId())).containsEntry("VisibilityTimeout", "120");
        assertNoChanges(changed, found(handler.read(known(updated), List.of(), read)).get(address));

        ResourceSpec plain = withTags(withoutKeyAndRedrive(spec(address, "shop-jobs", 120, FOUR_DAYS, null, null)),
                Map.of("team", "platform"));
        Observed before = found(handler.read(known(updated), List.of(), read)).get(address);
        TestApplyContext removing = new TestApplyContext(address);
        handler.update(plain, before, planned(plain, before), removing).join();
        assertThat(removing.operations()).containsExactly("SetQueueAttributes");
        assertThat(attributes(aws, created.physicalId())).doesNotContainKeys("KmsMasterKeyId", "RedrivePolicy");

        TestApplyContext deleting = new TestApplyContext(address);
        handler.delete(updated, deleting).join();
        assertThat(deleting.operations()).containsExactly("DeleteQueue");
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        handler.delete(updated, new TestApplyContext(address)).join();
        handler.delete(dlq, new TestApplyContext(dlqAddress)).join();
    }

    /** AWS answers a repeated CreateQueue of the same name and attributes with the queue it made, as the emulator does. */
    @Test
    void aCreateWhoseAnswerWasLostLeavesOneQueue(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("queues", "lossy", "queue");
        ResourceSpec desired = spec(address, "shop-lossy", 60, FOUR_DAYS, keyArn, null);
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateQueue", Fault.LOST_RESPONSE);

            created = new QueueHandler(lossy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("CreateQueue", "CreateQueue", "ListQueueTags",
                    "GetQueueAttributes");
        }
        assertThat(Clients.sqs(aws).listQueues(r -> r.queueNamePrefix("shop-lossy")).join().queueUrls()).hasSize(1);
        assertNoChanges(desired, found(handler.read(List.of(), List.of(desired), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aQueueOfThisStackWithOtherAttributesIsTakenOverAndGivenTheDesiredOnes(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("queues", "again", "queue");
        Observed earlier = handler.create(spec(address, "shop-again", 30, FOUR_DAYS, null, null),
                new TestApplyContext(address)).join();
        ResourceSpec desired = spec(address, "shop-again", 90, FOUR_DAYS, keyArn, null);
        TestApplyContext creating = new TestApplyContext(address);

        Observed created = handler.create(desired, creating).join();

        assertThat(creating.operations()).containsExactly("CreateQueue", "GetQueueUrl", "ListQueueTags",
                "SetQueueAttributes", "GetQueueAttributes");
        assertThat(created.physicalId()).isEqualTo(earlier.physicalId());
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aQueueOfThatNameOfAnotherStackIsAClashAndIsLeftAlone(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("queues", "twin", "queue");
        ResourceSpec ours = spec(address, "shop-twin", 60, FOUR_DAYS, null, null);
        ResourceSpec theirs = ResourceSpec.managed(address, SqsTypes.QUEUE.name(),
                spec(address, "shop-twin", 30, FOUR_DAYS, null, null).attributes(), Fixtures.tags(STACK, "prod", address));
        Observed existing = handler.create(theirs, new TestApplyContext(address)).join();

        assertRefusedAsAnotherStacks(() -> handler.create(ours, new TestApplyContext(address)), "CreateQueue",
                "QueueAlreadyExists", "a queue named shop-twin already exists and is not this stack's (its"
                        + " scaffold:env is prod, not default); delete it or rename the tier in the blueprint, then run"
                        + " again");
        assertThat(Clients.sqs(aws).listQueueTags(r -> r.queueUrl(existing.physicalId())).join().tags())
                .isEqualTo(theirs.tags());
        assertThat(attributes(aws, existing.physicalId())).containsEntry("VisibilityTimeout", "30");
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    /** The emulator frees a deleted queue's name at once: {@link EmulatorGaps#SQS_DELETED_QUEUE_NAME_FREE_AT_ONCE}. */
    @Test
    void aQueueNameAwsStillKeepsAfterADeleteIsTriedAgainUntilFree(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("queues", "recent", "queue");
        ResourceSpec desired = spec(address, "shop-recent", 60, FOUR_DAYS, null, null);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients answered = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateQueue", 400, "AWS.SimpleQueueService.QueueDeletedRecently",
                    "You must wait 60 seconds after deleting a queue before you can create another with the same name.");
            TestApplyContext creating = new TestApplyContext(address);

            Observed created = new QueueHandler(answered).create(desired, creating).join();

            assertThat(creating.told()).singleElement().asString().contains("shop-recent", "60 s");
            assertThat(creating.operations()).containsExactly("CreateQueue", "poll:the queue name shop-recent to be free",
                    "ListQueueTags", "GetQueueAttributes");
            assertThat(proxy.forwardedOperations()).containsExactly("CreateQueue", "ListQueueTags", "GetQueueAttributes");
            handler.delete(created, new TestApplyContext(address)).join();
        }
    }

    @Test
    void aFifoChangePlansAReplaceNamingFifo() {
        ResourceAddress address = ResourceAddress.of("queues", "orders", "queue");
        Observed current = new Observed(address, SqsTypes.QUEUE.name(), "https://sqs/123456789012/shop-orders",
                "arn:aws:sqs:us-east-1:123456789012:shop-orders",
                withFifo(spec(address, "shop-orders", 60, FOUR_DAYS, null, null).attributes(), false),
                Fixtures.tags(address));
        ResourceSpec fifo = ResourceSpec.managed(address, SqsTypes.QUEUE.name(),
                withFifo(spec(address, "shop-orders.fifo", 60, FOUR_DAYS, null, null).attributes(), true),
                Fixtures.tags(address));

        ResourceChange change = plan(fifo, current);

        assertThat(change.action()).isEqualTo(Action.DELETE_THEN_CREATE);
        assertThat(change.replaceReasons()).contains("fifo", "name");
    }

    @Test
    void readFindsOrphansByTheirTagsAndKnownOnesByUrlEachWithItsOwnCalls() {
        String stack = "shop-reads";
        ResourceAddress inState = ResourceAddress.of("queues", "known", "queue");
        ResourceAddress orphan = ResourceAddress.of("queues", "orphan", "queue");
        ResourceAddress toCreate = ResourceAddress.of("queues", "new", "queue");
        Observed known = handler.create(spec(stack, inState, "shop-reads-known"), new TestApplyContext(inState)).join();
        Observed notKnown = handler.create(spec(stack, orphan, "shop-reads-orphan"), new TestApplyContext(orphan)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(known),
                List.of(spec(stack, toCreate, "shop-reads-new")), new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(inState, orphan);
        assertThat(found.get(orphan).physicalId()).isEqualTo(notKnown.physicalId());
        assertThat(calls.counts()).as("tags from the tagging read; the orphan's URL and the new queue asked by name")
                .isEqualTo(Map.of("GetResources", 1, "GetQueueUrl", 2, "GetQueueAttributes", 2));
        handler.delete(known, new TestApplyContext(inState)).join();
        handler.delete(notKnown, new TestApplyContext(orphan)).join();
    }

    @Test
    void aQueueTheBlueprintNamesThatAnotherStackHasIsFoundByNameWithItsTags() {
        ResourceAddress address = ResourceAddress.of("queues", "taken", "queue");
        Observed blogs = handler.create(spec("blog", address, "shop-taken-jobs"), new TestApplyContext(address)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(),
                List.of(spec("shop-taken", address, "shop-taken-jobs")), new ReadContext("shop-taken", ENV, calls)));

        assertThat(found.get(address).tags()).isEqualTo(Fixtures.tags("blog", ENV, address));
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "GetQueueUrl", 1, "GetQueueAttributes", 1,
                "ListQueueTags", 1));
        handler.delete(blogs, new TestApplyContext(address)).join();
    }

    @Test
    void nothingKnownTaggedOrDesiredMakesNoCallButTheSharedTaggingRead() {
        CountingCalls calls = new CountingCalls();

        assertThat(handler.read(List.of(), List.of(), new ReadContext("shop-none", ENV, calls))).isEmpty();

        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1));
    }

    private static ResourceChange plan(ResourceSpec desired, Observed current) {
        ResourceState recorded = new ResourceState(current.address(), current.type(), current.physicalId(),
                current.arn(), current.attributes(), Set.of(), ResourceStatus.OK);
        return new Differ(AwsProvider.types()).diff(DiffInput.of(PlanMode.NORMAL, "test",
                DesiredGraph.of(List.of(desired)), State.empty(STACK, null).with(recorded),
                new DiffInput.Location("us-east-1", "123456789012"), Map.of(current.address(), current)))
                .changes().get(0);
    }

    private static Map<String, String> attributes(AwsClients aws, String url) {
        return Clients.sqs(aws).getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).join()
                .attributesAsStrings();
    }

    private static Map<String, Object> redrive(String deadLetterArn, int maxReceives) {
        Map<String, Object> redrive = new LinkedHashMap<>();
        redrive.put("deadLetterArn", deadLetterArn);
        redrive.put("maxReceives", maxReceives);
        return redrive;
    }

    /** The spec naming the key and the redrive unset, as a component does that wants neither. */
    private static ResourceSpec withoutKeyAndRedrive(ResourceSpec spec) {
        Map<String, Object> attributes = new LinkedHashMap<>(spec.attributes());
        attributes.put("kmsKeyId", null);
        attributes.put("redrive", null);
        return ResourceSpec.managed(spec.address(), spec.type(), attributes, spec.tags());
    }

    private static Map<String, Object> withFifo(Map<String, Object> attributes, boolean fifo) {
        Map<String, Object> with = new LinkedHashMap<>(attributes);
        with.put("fifo", fifo);
        return with;
    }

    private static ResourceSpec spec(ResourceAddress address, String name, int visibility, int retention, String key,
                                     Map<String, Object> redrive) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("fifo", false);
        attributes.put("visibilityTimeoutSeconds", visibility);
        attributes.put("messageRetentionSeconds", retention);
        if (key != null) {
            attributes.put("kmsKeyId", key);
        }
        if (redrive != null) {
            attributes.put("redrive", redrive);
        }
        return ResourceSpec.managed(address, SqsTypes.QUEUE.name(), attributes, Fixtures.tags(address));
    }

    private static ResourceSpec spec(String stack, ResourceAddress address, String name) {
        return ResourceSpec.managed(address, SqsTypes.QUEUE.name(), spec(address, name, 60, FOUR_DAYS, null, null)
                .attributes(), Fixtures.tags(stack, ENV, address));
    }
}
