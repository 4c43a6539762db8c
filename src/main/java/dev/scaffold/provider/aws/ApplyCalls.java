package dev.scaffold.provider.aws;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

    /** Nothing to call: a step of a change that has nothing to do. */
    public static <T> CompletableFuture<T> none() {
        return CompletableFuture.completedFuture(null);
    }
}
