package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
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
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs AWS calls for the handlers through the executor's or refresher's gate and turns AWS errors
 * into {@link HandlerException}s that name the resource, the operation and AWS's error code.
 */
final class AwsCalls {

    private AwsCalls() {
    }

    /**
     * One call of an apply, bounded by the executor; AWS errors fail the future as {@link HandlerException}.
     * The translation happens inside the call, so the executor sees AWS's code, not a bare SDK exception.
     */
    static <T> CompletableFuture<T> apply(ApplyContext ctx, String operation, Supplier<CompletableFuture<T>> call) {
        return ctx.call(operation, () -> translated(ctx.address(), operation, start(call)));
    }

    /**
     * The delete call of an apply, bounded by the executor; a resource AWS reports gone (one of the
     * {@code gone} codes) counts as deleted, since that is what the delete was for.
     */
    static <T> CompletableFuture<Void> delete(ApplyContext ctx, String operation, Set<String> gone,
                                              Supplier<CompletableFuture<T>> call) {
        return apply(ctx, operation, call).handle((ignored, failure) -> {
            if (failure != null && !hasErrorCode(failure, gone)) {
                throw new CompletionException(unwrap(failure));
            }
            return null;
        });
    }

    /**
     * One poll of {@link ApplyContext#waitUntil}, which already holds the executor's slot for it, so
     * this only translates AWS errors to {@link HandlerException}.
     */
    static <T> CompletableFuture<T> poll(ApplyContext ctx, String operation, Supplier<CompletableFuture<T>> call) {
        return translated(ctx.address(), operation, start(call));
    }

    /** One call of a read, through the refresher's gate, awaited; AWS errors throw {@link HandlerException}. */
    static <T> T read(ReadContext ctx, String operation, Supplier<CompletableFuture<T>> call) {
        return join(readAsync(ctx, operation, call));
    }

    /**
     * Every page of a paged describe, each page one call of the read: {@code page} asks for the page
     * after a token ({@code null} for the first), {@code items} and {@code next} take a response apart.
     */
    static <R, T> List<T> readPages(ReadContext ctx, String operation,
                                    Function<String, CompletableFuture<R>> page,
                                    Function<R, List<T>> items, Function<R, String> next) {
        List<T> all = new ArrayList<>();
        String token = null;
        do {
            String after = token;
            R response = read(ctx, operation, () -> page.apply(after));
            all.addAll(items.apply(response));
            token = next.apply(response);
        } while (token != null);
        return all;
    }

    /** One call of a read, not awaited, so that independent calls of one read overlap. */
    static <T> CompletableFuture<T> readAsync(ReadContext ctx, String operation,
                                              Supplier<CompletableFuture<T>> call) {
        return ctx.calls().call(operation, () -> translated(null, operation, start(call)));
    }

    /** Awaits a future of a read, rethrowing its failure as it is rather than wrapped. */
    static <T> T join(CompletableFuture<T> future) {
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

    /**
     * Awaits a read of one resource found moments before, empty when it was deleted in between
     * (AWS answered with one of the {@code gone} codes).
     */
    static <T> Optional<T> joinUnlessGone(CompletableFuture<T> future, Set<String> gone) {
        return join(unlessGone(future, gone));
    }

    /** A call about one resource, empty when AWS answered that it is gone (one of the {@code gone} codes). */
    static <T> CompletableFuture<Optional<T>> unlessGone(CompletableFuture<T> call, Set<String> gone) {
        return call.handle((value, failure) -> {
            if (failure == null) {
                return Optional.of(value);
            }
            if (hasErrorCode(failure, gone)) {
                return Optional.empty();
            }
            throw new CompletionException(unwrap(failure));
        });
    }

    /** Whether a failure is an AWS error with one of the given codes, e.g. a resource that is already gone. */
    static boolean hasErrorCode(Throwable failure, Set<String> codes) {
        String code = errorCode(failure);
        return code != null && codes.contains(code);
    }

    /** The AWS error code behind a failure, whether still raw or already translated; {@code null} if none. */
    static String errorCode(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HandlerException handled) {
            return handled.code();
        }
        if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return null;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static <T> CompletableFuture<T> translated(ResourceAddress address, String operation,
                                                       CompletableFuture<T> call) {
        return call.handle((value, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(value);
            }
            return CompletableFuture.<T>failedFuture(translate(address, operation, failure));
        }).thenCompose(f -> f);
    }

    /** How the SDK's default credential chain begins its message when every provider came up empty. */
    private static final String NO_CREDENTIALS = "Unable to load credentials";
    private static final String NO_CREDENTIALS_ADVICE = "no AWS credentials found (environment, profiles, SSO,"
            + " container and instance metadata were tried); pass --profile NAME or set AWS_PROFILE,"
            + " or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (run with -v for what each source said)";

    /** A failure of one call as handlers report it: AWS errors become {@link HandlerException}s. */
    static RuntimeException failure(ResourceAddress address, String operation, Throwable failure) {
        Throwable translated = translate(address, operation, failure);
        return translated instanceof RuntimeException runtime ? runtime : new CompletionException(translated);
    }

    /**
     * AWS's answer, or the lack of one, in a user's terms: a throttling or server error that outlasted
     * the retries, or a call AWS never answered, says how often it was tried and what to do
     * ({@link RetriesExhausted}); any other AWS error keeps AWS's own message.
     */
    private static Throwable translate(ResourceAddress address, String operation, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            String message = aws.awsErrorDetails() == null || aws.awsErrorDetails().errorMessage() == null
                    ? aws.getMessage() : aws.awsErrorDetails().errorMessage();
            return new HandlerException(address, operation, code, RetriesExhausted.message(aws, code, message), aws);
        }
        if (cause instanceof SdkException sdk) {
            // No answer from AWS at all: no credentials, no network, an endpoint that does not listen.
            String message = sdk.getMessage() != null && sdk.getMessage().startsWith(NO_CREDENTIALS)
                    ? NO_CREDENTIALS_ADVICE : RetriesExhausted.message(sdk);
            return new HandlerException(address, operation, null, message, sdk);
        }
        return cause;
    }
}
