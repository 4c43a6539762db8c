package dev.scaffold.provider.aws;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ReadContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/** The AWS calls of a refresh: through the refresh's gate, awaited where the read needs the answer. */
public final class ReadCalls {

    private ReadCalls() {
    }

    /** The calls of a read as {@link ApiCalls}, for plumbing that serves reads and applies alike. */
    public static ApiCalls of(ReadContext ctx) {
        return new ApiCalls() {
            @Override
            public <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call) {
                return async(ctx, operation, call);
            }
        };
    }

    /** One call, awaited; AWS errors throw {@code HandlerException}. */
    public static <T> T read(ReadContext ctx, String operation, Supplier<CompletableFuture<T>> call) {
        return join(async(ctx, operation, call));
    }

    /** One call, not awaited, so that independent calls of one read overlap. */
    public static <T> CompletableFuture<T> async(ReadContext ctx, String operation, Supplier<CompletableFuture<T>> call) {
        return ctx.calls().call(operation, () -> AwsErrors.translated(null, operation, call));
    }

    /**
     * Every page of a paged describe, each page one call: {@code page} asks for the page after a token
     * ({@code null} for the first), {@code items} and {@code next} take an answer apart.
     */
    public static <R, T> List<T> pages(ReadContext ctx, String operation, Function<String, CompletableFuture<R>> page,
                                       Function<R, List<T>> items, Function<R, String> next) {
        List<T> all = new ArrayList<>();
        String token = null;
        do {
            String after = token;
            R response = read(ctx, operation, () -> page.apply(after));
            all.addAll(items.apply(response));
            token = next.apply(response);
        } while (token != null && !token.isEmpty());
        return all;
    }

    /** Awaits a read of one resource found moments before, empty when AWS answered one of the {@code gone} codes. */
    public static <T> Optional<T> joinUnlessGone(CompletableFuture<T> future, Set<String> gone) {
        return join(AwsErrors.unless(future, gone));
    }

    /** Awaits a future of a read, rethrowing its failure as it is rather than wrapped. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new CompletionException(e.getCause());
        }
    }
}
