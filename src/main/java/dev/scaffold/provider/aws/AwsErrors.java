package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.HandlerException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * AWS's errors as handlers meet them: their codes, answers that mean a resource is gone, and the
 * translation into {@link HandlerException}s that name the resource, the operation and AWS's code.
 */
public final class AwsErrors {

    /** How the SDK's default credential chain begins its message when every provider came up empty. */
    private static final String NO_CREDENTIALS = "Unable to load credentials";
    private static final String NO_CREDENTIALS_ADVICE = "no AWS credentials found (environment, profiles, SSO,"
            + " container and instance metadata were tried); pass --profile NAME or set AWS_PROFILE,"
            + " or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (run with -v for what each source said)";

    private AwsErrors() {
    }

    /** Whether a failure is an AWS error with one of the given codes, e.g. a resource that is already gone. */
    public static boolean hasCode(Throwable failure, Set<String> codes) {
        String code = code(failure);
        return code != null && codes.contains(code);
    }

    /** The AWS error code behind a failure, whether still raw or already translated; {@code null} if none. */
    public static String code(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HandlerException handled) {
            return handled.code();
        }
        if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return null;
    }

    /** The failure inside the wrappers that futures put around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A call about one resource, empty when AWS answered with one of the {@code codes}, e.g. that it is gone. */
    public static <T> CompletableFuture<Optional<T>> unless(CompletableFuture<T> call, Set<String> codes) {
        return call.handle((value, failure) -> {
            if (failure == null) {
                return Optional.ofNullable(value);
            }
            if (hasCode(failure, codes)) {
                return Optional.empty();
            }
            throw new CompletionException(unwrap(failure));
        });
    }

    /** A failure of one call as handlers report it: AWS errors become {@link HandlerException}s. */
    public static RuntimeException failure(ResourceAddress address, String operation, Throwable failure) {
        Throwable translated = translate(address, operation, failure);
        return translated instanceof RuntimeException runtime ? runtime : new CompletionException(translated);
    }

    /** Starts a call and translates its failure, also one the call throws instead of returning a failed future. */
    static <T> CompletableFuture<T> translated(ResourceAddress address, String operation,
                                               Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> started;
        try {
            started = call.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.handle((value, failure) -> failure == null
                ? CompletableFuture.completedFuture(value)
                : CompletableFuture.<T>failedFuture(translate(address, operation, failure))).thenCompose(f -> f);
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
