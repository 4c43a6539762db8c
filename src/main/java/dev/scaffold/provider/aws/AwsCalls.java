package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Runs AWS calls for the handlers through the executor's or refresher's gate and turns AWS errors
 * into {@link HandlerException}s that name the resource, the operation and AWS's error code.
 */
final class AwsCalls {

    private AwsCalls() {
    }

    /** One call of an apply, bounded by the executor; AWS errors fail the future as {@link HandlerException}. */
    static <T> CompletableFuture<T> apply(ApplyContext ctx, String operation, Supplier<CompletableFuture<T>> call) {
        return translated(ctx.address(), operation, ctx.call(operation, call));
    }

    /** One call of a read, through the refresher's gate, awaited; AWS errors throw {@link HandlerException}. */
    static <T> T read(ReadContext ctx, String operation, Supplier<CompletableFuture<T>> call) {
        return join(readAsync(ctx, operation, call));
    }

    /** One call of a read, not awaited, so that independent calls of one read overlap. */
    static <T> CompletableFuture<T> readAsync(ReadContext ctx, String operation,
                                              Supplier<CompletableFuture<T>> call) {
        return translated(null, operation, ctx.calls().call(operation, call));
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
        try {
            return Optional.of(join(future));
        } catch (RuntimeException failure) {
            if (hasErrorCode(failure, gone)) {
                return Optional.empty();
            }
            throw failure;
        }
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
            return handled.errorCode();
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

    private static <T> CompletableFuture<T> translated(ResourceAddress address, String operation,
                                                       CompletableFuture<T> call) {
        return call.handle((value, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(value);
            }
            return CompletableFuture.<T>failedFuture(translate(address, operation, failure));
        }).thenCompose(f -> f);
    }

    /** A failure of one call as handlers report it: AWS errors become {@link HandlerException}s. */
    static RuntimeException failure(ResourceAddress address, String operation, Throwable failure) {
        Throwable translated = translate(address, operation, failure);
        return translated instanceof RuntimeException runtime ? runtime : new CompletionException(translated);
    }

    private static Throwable translate(ResourceAddress address, String operation, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? "HTTP " + aws.statusCode() : aws.awsErrorDetails().errorCode();
            String message = aws.awsErrorDetails() == null ? aws.getMessage() : aws.awsErrorDetails().errorMessage();
            return new HandlerException(address, operation, code, message, aws);
        }
        return cause;
    }
}
