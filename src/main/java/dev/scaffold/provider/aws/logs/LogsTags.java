package dev.scaffold.provider.aws.logs;

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
import java.util.function.Function;

/**
 * CloudWatch Logs' tags: set in CreateLogGroup; read apart from the group, one ListTagsForResource per group
 * (Logs has no batched form), the calls in parallel; changed with TagResource and UntagResource. Those calls
 * take the group's ARN, where scaffold knows a group by its name.
 */
final class LogsTags implements ServiceTags {

    private final AwsClients aws;
    private final Function<String, String> arnOfName;

    /** @param arnOfName the ARN of a group scaffold has described, by its name */
    LogsTags(AwsClients aws, Function<String, String> arnOfName) {
        this.aws = aws;
        this.arnOfName = arnOfName;
    }

    @Override
    public CompletableFuture<Map<String, Map<String, String>>> read(ApiCalls calls, Collection<String> names) {
        return ServiceTags.eachAlone(calls, "ListTagsForResource", names, LogGroupHandler.GONE, name -> LogsClient.of(aws)
                .listTagsForResource(r -> r.resourceArn(arnOfName.apply(name)))
                .thenApply(answer -> new TreeMap<>(answer.tags())));
    }

    /** Changes the tags of the group of this ARN. */
    @Override
    public CompletableFuture<Void> update(ApplyContext ctx, String arn, TagChanges changes) {
        return changes.apply(
                toSet -> ApplyCalls.call(ctx, "TagResource", () -> LogsClient.of(aws).tagResource(r -> r
                        .resourceArn(arn).tags(toSet))),
                toRemove -> ApplyCalls.call(ctx, "UntagResource", () -> LogsClient.of(aws).untagResource(r -> r
                        .resourceArn(arn).tagKeys(toRemove))));
    }
}
