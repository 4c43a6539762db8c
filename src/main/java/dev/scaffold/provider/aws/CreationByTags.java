package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/**
 * The create of a resource that has neither a name nor an idempotency token, such as a KMS key: AWS cannot
 * tell a retry from a new create, so a retry whose first attempt AWS carried out would make a second resource.
 *
 * <p>So the create call is made without the SDK's retries ({@link #WITHOUT_RETRIES} on its request), and when
 * it fails in a way that AWS may have carried out (no answer, a server error, throttling) the resource is
 * looked for by the spec's {@code scaffold:*} tags, its address and lineage among them, which the create call
 * sets, with the Resource Groups Tagging API. Only when two looks an interval apart find nothing (the tagging
 * API lists a new resource after a moment) is the call made again.
 *
 * @param <T> what the create goes on with, e.g. the key as AWS describes it
 */
public final class CreationByTags<T> {

    /** A request plugin that turns off the SDK's retries of that one request. */
    public static final SdkPlugin WITHOUT_RETRIES = config -> config.overrideConfiguration(
            config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());

    /** As many attempts as the SDK makes of every other call. */
    private static final int ATTEMPTS = 10;
    private static final int LOOKS_BEFORE_AGAIN = 2;
    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String TAG_PREFIX = "scaffold:";

    /** What the create has come to: the resource, made or found; or the last failure, which may have made one. */
    private record Attempt<T>(T made, Throwable failure, boolean mayHaveMade) {
    }

    private final AwsClients aws;
    private final ApplyContext ctx;
    private final ResourceSpec spec;
    private final String operation;
    private final Supplier<CompletableFuture<T>> create;
    private final String taggingType;
    private final BiFunction<ApiCalls, String, CompletableFuture<Optional<T>>> live;
    private int attempts = 1;
    private int looks;
    private boolean givenUp;
    private Attempt<T> last;

    private CreationByTags(AwsClients aws, ApplyContext ctx, ResourceSpec spec, String operation,
                           Supplier<CompletableFuture<T>> create, String taggingType,
                           BiFunction<ApiCalls, String, CompletableFuture<Optional<T>>> live) {
        this.aws = aws;
        this.ctx = ctx;
        this.spec = spec;
        this.operation = operation;
        this.create = create;
        this.taggingType = taggingType;
        this.live = live;
    }

    /**
     * Creates the resource, recovering a lost answer as the class comment says; the caller records it next
     * ({@link Creation#recorded}), as after any create.
     *
     * @param create the create call, its request carrying {@link #WITHOUT_RETRIES}; completes with the resource
     * @param taggingType the type as the tagging API filters by it, e.g. {@code kms:key}
     * @param live describes the resource of an ARN, each call made by the given calls; empty when it is gone or
     *     going (a key pending deletion)
     */
    public static <T> Creation<T> call(AwsClients aws, ApplyContext ctx, ResourceSpec spec, String operation,
                                       Supplier<CompletableFuture<T>> create, String taggingType,
                                       BiFunction<ApiCalls, String, CompletableFuture<Optional<T>>> live) {
        CreationByTags<T> creation = new CreationByTags<>(aws, ctx, spec, operation, create, taggingType, live);
        CompletableFuture<T> made = ApplyCalls.call(ctx, operation, create).handle(creation::attempt)
                .thenCompose(first -> creation.settled(first) ? CompletableFuture.completedFuture(first)
                        : ctx.waitUntil("a lost " + operation + " answer", creation::foundOrAgain, creation::settled,
                                again -> false, INTERVAL, TIMEOUT))
                .thenCompose(settled -> settled.made() != null ? CompletableFuture.completedFuture(settled.made())
                        : CompletableFuture.failedFuture(settled.failure()));
        return Creation.of(ctx, spec, operation, made);
    }

    private synchronized boolean settled(Attempt<T> attempt) {
        return attempt.made() != null || !attempt.mayHaveMade() || givenUp;
    }

    /** One poll: the resource found by its tags; else, after enough looks, the create call again, if tries are left. */
    private CompletableFuture<Attempt<T>> foundOrAgain() {
        return tagged().thenCompose(found -> {
            synchronized (this) {
                if (found.isPresent()) {
                    return CompletableFuture.completedFuture(new Attempt<>(found.get(), null, false));
                }
                if (++looks < LOOKS_BEFORE_AGAIN) {
                    return CompletableFuture.completedFuture(last);
                }
                looks = 0;
                givenUp = attempts >= ATTEMPTS;
                if (givenUp) {
                    return CompletableFuture.completedFuture(last);
                }
                attempts++;
            }
            return ApplyCalls.poll(ctx, operation, create).handle(this::attempt);
        });
    }

    /** The first live resource of the type that carries every {@code scaffold:*} tag of the spec. */
    private CompletableFuture<Optional<T>> tagged() {
        List<TagFilter> filters = spec.tags().entrySet().stream().filter(tag -> tag.getKey().startsWith(TAG_PREFIX))
                .map(tag -> TagFilter.builder().key(tag.getKey()).values(tag.getValue()).build()).toList();
        return ApplyCalls.poll(ctx, "GetResources", () -> aws.tagging().getResources(r -> r
                        .tagFilters(filters).resourceTypeFilters(taggingType)))
                .thenCompose(answer -> firstLive(answer.resourceTagMappingList().stream()
                        .map(ResourceTagMapping::resourceARN).toList()));
    }

    private CompletableFuture<Optional<T>> firstLive(List<String> arns) {
        if (arns.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return live.apply(ApplyCalls.polling(ctx), arns.get(0)).thenCompose(found -> found.isPresent()
                ? CompletableFuture.completedFuture(found) : firstLive(arns.subList(1, arns.size())));
    }

    private synchronized Attempt<T> attempt(T made, Throwable failure) {
        last = failure == null ? new Attempt<>(made, null, false)
                : new Attempt<>(null, AwsErrors.unwrap(failure), mayHaveMade(failure));
        return last;
    }

    /** Whether AWS may have carried out a call that failed so: it never answered, failed itself, or throttled. */
    private static boolean mayHaveMade(Throwable failure) {
        Throwable cause = AwsErrors.unwrap(failure);
        if (cause instanceof HandlerException handled && handled.getCause() != null) {
            cause = handled.getCause();
        }
        if (cause instanceof AwsServiceException aws) {
            return aws.statusCode() >= 500 || aws.isThrottlingException();
        }
        return cause instanceof SdkClientException;
    }
}
