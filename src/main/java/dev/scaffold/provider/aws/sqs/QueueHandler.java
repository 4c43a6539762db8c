package dev.scaffold.provider.aws.sqs;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsErrors;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.Tagged;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.provider.aws.TaggedResources;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.SqsTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS queue ({@link SqsTypes#QUEUE}), known by its URL.
 *
 * <p>SQS has no batched describe: a refresh reads each queue with one GetQueueAttributes, its tags from the
 * stack's tagging read (else one ListQueueTags); a queue the tagging read finds that the state does not know,
 * or one the blueprint names, is first found by name with one GetQueueUrl.
 */
public final class QueueHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("sqs", "");
    static final Set<String> GONE = Set.of("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist");
    private static final Set<String> EXISTS = Set.of("QueueAlreadyExists", "QueueNameExists");
    /** How the tags that say whose a resource is begin. */
    private static final String OWNERSHIP = "scaffold:";
    private static final Set<String> DELETED_RECENTLY = Set.of("AWS.SimpleQueueService.QueueDeletedRecently",
            "QueueDeletedRecently");
    /** AWS keeps a deleted queue's name for 60 s; a create is tried again for a little longer than that. */
    private static final Duration NAME_FREE_EVERY = Duration.ofSeconds(10);
    private static final Duration NAME_FREE_WITHIN = Duration.ofSeconds(90);

    /** A queue as GetQueueAttributes describes it, with the URL it was asked by. */
    private record Queue(String url, Map<String, String> attributes) {
        String arn() {
            return attributes.get(QueueAttributeName.QUEUE_ARN.toString());
        }

        String name() {
            return arn().substring(arn().lastIndexOf(':') + 1);
        }
    }

    /** What a create goes on with: the queue's URL, and whether it was there already. */
    private record Made(String url, boolean existed) {
    }

    private final AwsClients aws;
    private final QueueTags tags;
    /** The URLs of the queues the state knows or a GetQueueUrl found, by ARN, for the ARNs of the tagging read. */
    private final Map<String, String> urls = new ConcurrentHashMap<>();
    private final TaggedReader<Queue> reader;

    public QueueHandler(AwsClients aws) {
        this.aws = aws;
        this.tags = new QueueTags(aws);
        this.reader = TaggedReader.of(aws, ARN_TYPE, Queue::url)
                .idFromArn(arn -> urls.getOrDefault(arn, arn))
                // An ARN left for an id is a queue the tagging read still lists whose GetQueueUrl found it gone.
                .describedBy("GetQueueAttributes", 1, GONE, id -> id.get(0).startsWith("arn:")
                        ? CompletableFuture.completedFuture(List.of()) : describe(id.get(0)).thenApply(List::of))
                .tagsFrom(tags)
                .alsoByName(List.of("name"), named -> named.string("name"), Queue::name,
                        (calls, names) -> urlsOf(calls, names).thenCompose(found -> described(calls, found)))
                .build();
    }

    @Override
    public ResourceType schema() {
        return SqsTypes.QUEUE;
    }

    /**
     * Reads the queues the state knows (one GetQueueAttributes each), those of the tagging read it does not know
     * (one GetQueueUrl more each) and those the blueprint names that neither gives (GetQueueUrl, GetQueueAttributes
     * and ListQueueTags each); a queue the tagging read did not give costs one ListQueueTags more.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        known.stream().filter(state -> state.arn() != null && state.physicalId() != null)
                .forEach(state -> urls.put(state.arn(), state.physicalId()));
        TaggedResources tagged = TaggedResources.read(aws.tagging(), ctx);
        List<String> unknown = tagged.of(ARN_TYPE).keySet().stream().filter(arn -> !urls.containsKey(arn)).toList();
        IdBatches.describe(ctx, "GetQueueUrl", unknown, 1, GONE, arn -> urlOf(arn.get(0), accountOf(arn.get(0)))
                .thenApply(url -> List.of(Map.entry(arn.get(0), url)))).forEach(found -> urls.put(found.getKey(),
                        found.getValue()));
        // The reader takes the same tagging read, also where the context shares none between reads.
        SharedReads once = SharedReads.perRefresh();
        once.get(TaggedResources.KEY, () -> tagged);
        ReadContext reading = new ReadContext(ctx.stack(), ctx.environment(), ctx.calls(), once, ctx.earlier());
        return reader.read(known, desired, reading).stream().map(found -> found.observed(schema().name(),
                found.resource().url(), found.resource().arn(), observed(found.resource()))).toList();
    }

    /**
     * Creates the queue with its attributes and tags and records it, then reads its ARN. CreateQueue answers with
     * the queue of that name that has the same attributes, whoever made it, so its tags are read to tell; one that
     * meets a queue of the name with other attributes (or another's tags) goes on with it if it carries this stack's
     * tags, and sets the desired attributes. A name AWS still keeps for a queue deleted in the last 60 s is tried
     * again until it is free.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        String what = "a queue named " + name;
        Creation<Made> creation = Creation.of(ctx, spec, "CreateQueue", createOnceNameFree(ctx, name, () -> QueueClient
                .of(aws).createQueue(r -> r.queueName(name).attributes(QueueAttributes.forCreate(desired))
                        .tags(spec.tags())))
                .thenCompose(answer -> ours(ctx, spec, answer.queueUrl())));
        for (String code : EXISTS) {
            creation = creation.orExisting(code, what, () -> existing(ctx, name));
        }
        return creation.recorded(made -> written(spec, made.url(), null))
                .thenCompose(made -> !made.existed() ? CompletableFuture.completedFuture(made.url())
                        : setAttributes(ctx, made.url(), desired, QueueAttributes.CHANGEABLE).thenApply(set -> made.url()))
                .thenCompose(url -> ApplyCalls.call(ctx, "GetQueueAttributes", () -> describe(url)))
                .thenApply(queue -> written(spec, queue.url(), queue.arn()));
    }

    /** Makes the planned changes: one SetQueueAttributes with the changed attributes, then the tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        Planned planned = new Planned(changes);
        return setAttributes(ctx, current.physicalId(), Attributes.of(spec), planned.among(QueueAttributes.CHANGEABLE))
                .thenCompose(ignored -> tags.update(ctx, current.physicalId(), planned.tags()))
                .thenApply(ignored -> written(spec, current.physicalId(), current.arn()));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        return ApplyCalls.callUnless(ctx, "DeleteQueue", GONE, () -> QueueClient.of(aws)
                .deleteQueue(r -> r.queueUrl(current.physicalId())));
    }

    private CompletableFuture<?> setAttributes(ApplyContext ctx, String url, Attributes desired, List<String> names) {
        return names.isEmpty() ? ApplyCalls.none() : ApplyCalls.call(ctx, "SetQueueAttributes", () -> QueueClient
                .of(aws).setQueueAttributes(r -> r.queueUrl(url).attributes(QueueAttributes.forUpdate(desired, names))));
    }

    /** The create call; when AWS still keeps the name of a queue deleted moments ago, made again until it is free. */
    private CompletableFuture<CreateQueueResponse> createOnceNameFree(ApplyContext ctx, String name,
                                                                      Supplier<CompletableFuture<CreateQueueResponse>> call) {
        return ApplyCalls.call(ctx, "CreateQueue", call).handle((answer, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(answer);
            }
            if (!AwsErrors.hasCode(failure, DELETED_RECENTLY)) {
                return CompletableFuture.<CreateQueueResponse>failedFuture(AwsErrors.unwrap(failure));
            }
            ctx.tell("AWS keeps the name " + name + " for 60 s after its queue is deleted; the queue is made once"
                    + " the name is free");
            return ApplyCalls.retrying(ctx, "CreateQueue", "the queue name " + name + " to be free",
                    again -> AwsErrors.hasCode(again, DELETED_RECENTLY), NAME_FREE_EVERY, NAME_FREE_WITHIN, call);
        }).thenCompose(next -> next);
    }

    /**
     * The queue CreateQueue answered with, if it carries the spec's {@code scaffold:*} tags; else the create fails as
     * if AWS had answered QueueAlreadyExists, so that it is recovered, or refused as another's, as such.
     */
    private CompletableFuture<Made> ours(ApplyContext ctx, ResourceSpec spec, String url) {
        return tags.readOne(ctx, url).thenApply(found -> {
            boolean ours = spec.tags().entrySet().stream().filter(tag -> tag.getKey().startsWith(OWNERSHIP))
                    .allMatch(tag -> tag.getValue().equals(found.get(tag.getKey())));
            if (!ours) {
                throw new CompletionException(new HandlerException(ctx.address(), "CreateQueue", "QueueAlreadyExists",
                        "CreateQueue answered with a queue of the same name and attributes that this create did not"
                                + " tag", null));
            }
            return new Made(url, false);
        });
    }

    /** The queue of this name with its tags, for a create that met it; empty when it is gone. */
    private CompletableFuture<Optional<Tagged<Made>>> existing(ApplyContext ctx, String name) {
        ApiCalls calls = ApplyCalls.of(ctx);
        return urlsOf(calls, Set.of(name)).thenCompose(found -> found.isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : tags.readOne(ctx, found.get(0)).thenApply(read -> Optional.of(new Tagged<>(new Made(found.get(0),
                        true), read))));
    }

    /** The URLs of the queues of these names in this account; absent ones are left out. */
    private CompletableFuture<List<String>> urlsOf(ApiCalls calls, Collection<String> names) {
        return IdBatches.describe(calls, "GetQueueUrl", names, 1, GONE, name -> urlOf(name.get(0), null)
                .thenApply(List::of));
    }

    private CompletableFuture<List<Queue>> described(ApiCalls calls, List<String> urls) {
        return IdBatches.describe(calls, "GetQueueAttributes", urls, 1, GONE, url -> describe(url.get(0))
                .thenApply(List::of));
    }

    private CompletableFuture<String> urlOf(String nameOrArn, String account) {
        String name = nameOrArn.substring(nameOrArn.lastIndexOf(':') + 1);
        return QueueClient.of(aws).getQueueUrl(r -> r.queueName(name).queueOwnerAWSAccountId(account))
                .thenApply(answer -> answer.queueUrl());
    }

    private CompletableFuture<Queue> describe(String url) {
        return QueueClient.of(aws).getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .thenApply(answer -> new Queue(url, answer.attributesAsStrings()));
    }

    private static String accountOf(String arn) {
        return arn.split(":", 6)[4];
    }

    private static Map<String, Object> observed(Queue queue) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", queue.name());
        attributes.putAll(QueueAttributes.read(queue.attributes()));
        attributes.put("url", queue.url());
        return attributes;
    }

    private static Observed written(ResourceSpec spec, String url, String arn) {
        Map<String, Object> attributes = new LinkedHashMap<>(spec.attributes());
        attributes.put("url", url);
        return new Observed(spec.address(), SqsTypes.QUEUE.name(), url, arn, attributes, spec.tags());
    }
}
