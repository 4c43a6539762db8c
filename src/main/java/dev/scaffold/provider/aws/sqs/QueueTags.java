package dev.scaffold.provider.aws.sqs;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.ServiceTags;
import dev.scaffold.provider.aws.TagChanges;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * SQS's tags, by queue URL: set in CreateQueue; read apart from the queue, one ListQueueTags per queue (SQS has
 * no batched form), the calls in parallel; changed with TagQueue and UntagQueue.
 */
final class QueueTags implements ServiceTags {

    private final AwsClients aws;

    QueueTags(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public CompletableFuture<Map<String, Map<String, String>>> read(ApiCalls calls, Collection<String> urls) {
        return ServiceTags.eachAlone(calls, "ListQueueTags", urls, QueueHandler.GONE, url -> QueueClient.of(aws)
                .listQueueTags(r -> r.queueUrl(url))
                .thenApply(answer -> new TreeMap<>(answer.tags())));
    }

    /** Changes the tags of the queue of this URL. */
    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String url, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, "TagQueue", () -> QueueClient.of(aws).tagQueue(r -> r
                        .queueUrl(url).tags(toSet))),
                toRemove -> ApplyCalls.call(ctx, "UntagQueue", () -> QueueClient.of(aws).untagQueue(r -> r
                        .queueUrl(url).tagKeys(toRemove))));
    }
}
