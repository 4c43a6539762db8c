package dev.scaffold.provider.aws;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.concurrent.CompletionException;
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
     * A call that AWS may refuse for a while, until another change has settled on its side (a certificate still
     * in use by a listener just deleted, a load balancer that WAF cannot see yet): when AWS answers one of
     * {@code settling}, it is made again every {@code interval} through {@link ApplyContext#waitUntil}, for at
     * most {@code timeout}. An answer among {@code done} counts as done, as in {@link #callUnless}; any other
     * error of the first attempt fails at once.
     *
     * @param what what is awaited while it is refused, e.g. {@code certificate released}
     */
    public static <T> CompletableFuture<Void> callOnceSettled(ApplyContext ctx, String operation, String what,
                                                              Set<String> settling, Set<String> done, Duration interval,
                                                              Duration timeout, Supplier<CompletableFuture<T>> call) {
        return call(ctx, operation, call).handle((answer, failure) -> {
            if (failure == null || AwsErrors.hasCode(failure, done)) {
                return ApplyCalls.<Void>none();
            }
            if (!AwsErrors.hasCode(failure, settling)) {
                return CompletableFuture.<Void>failedFuture(AwsErrors.unwrap(failure));
            }
            return ctx.waitUntil(what, () -> poll(ctx, operation, call).handle((again, error) -> {
                if (error == null || AwsErrors.hasCode(error, done)) {
                    return true;
                }
                if (AwsErrors.hasCode(error, settling)) {
                    return false;
                }
                throw new CompletionException(AwsErrors.unwrap(error));
            }), accepted -> accepted, accepted -> false, interval, timeout).thenApply(accepted -> (Void) null);
        }).thenCompose(next -> next);
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
