package dev.scaffold.provider.aws;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The AWS calls of an apply: bounded by the executor, their AWS errors translated for the resource applied. */
public final class ApplyCalls {

    private ApplyCalls() {
    }

    /**
     * One call, bounded by the executor; AWS errors fail the future as {@code HandlerException}s. The
     * translation happens inside the call, so the executor sees AWS's code, not a bare SDK exception.
     */
    public static <T> CompletableFuture<T> call(ApplyContext ctx, String operation, Supplier<CompletableFuture<T>> call) {
        return ctx.call(operation, () -> AwsErrors.translated(ctx.address(), operation, call));
    }

    /** The calls of an apply as {@link ApiCalls}, each bounded by the executor. */
    public static ApiCalls of(ApplyContext ctx) {
        return new ApiCalls() {
            @Override
            public <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call) {
                return ApplyCalls.call(ctx, operation, call);
            }
        };
    }

    /** The calls of one poll as {@link ApiCalls}: the poll already holds the executor's slot. */
    public static ApiCalls polling(ApplyContext ctx) {
        return new ApiCalls() {
            @Override
            public <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call) {
                return poll(ctx, operation, call);
            }
        };
    }

    /**
     * A call that has done its work when AWS answers one of {@code codes}: a delete that finds the
     * resource gone, an authorize that finds the rule there. Completes with {@code null} either way.
     */
    public static <T> CompletableFuture<Void> callUnless(ApplyContext ctx, String operation, Set<String> codes,
                                                         Supplier<CompletableFuture<T>> call) {
        return AwsErrors.unless(call(ctx, operation, call), codes).thenApply(ignored -> null);
    }

    /**
     * One poll of {@link ApplyContext#waitUntil}, which already holds the executor's slot for it, so
     * this only translates AWS errors.
     */
    public static <T> CompletableFuture<T> poll(ApplyContext ctx, String operation, Supplier<CompletableFuture<T>> call) {
        return AwsErrors.translated(ctx.address(), operation, call);
    }

    /**
     * One call that AWS refuses for a while after a change elsewhere, e.g. until a new IAM instance profile has
     * reached the service: while its failure is {@code refusedForNow} it is made again every {@code every}, as the
     * polls of a wait (holding nothing in between), until {@code timeout}; any other answer, success or failure, ends it.
     *
     * @param what what the attempts wait for, for progress lines and the time-out's message
     */
    public static <T> CompletableFuture<T> retrying(ApplyContext ctx, String operation, String what,
                                                    Predicate<Throwable> refusedForNow, Duration every, Duration timeout,
                                                    Supplier<CompletableFuture<T>> call) {
        return ctx.waitUntil(what, () -> poll(ctx, operation, call).handle(Attempt::new),
                        attempt -> attempt.failure() == null || !refusedForNow.test(attempt.failure()),
                        attempt -> false, every, timeout)
                .thenCompose(attempt -> attempt.failure() == null ? CompletableFuture.completedFuture(attempt.value())
                        : CompletableFuture.failedFuture(AwsErrors.unwrap(attempt.failure())));
    }

    /** What one attempt of {@link #retrying} got: AWS's answer, or how it failed. */
    private record Attempt<T>(T value, Throwable failure) {
    }

    /** Nothing to call: a step of a change that has nothing to do. */
    public static <T> CompletableFuture<T> none() {
        return CompletableFuture.completedFuture(null);
    }
}
