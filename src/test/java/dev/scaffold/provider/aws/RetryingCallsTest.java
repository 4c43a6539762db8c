package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.testing.TestApplyContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** {@link ApplyCalls#retrying}: a call AWS refuses for a while is made again until it goes through, and only that one. */
class RetryingCallsTest {

    private static final ResourceAddress GROUP = ResourceAddress.parse("services.app.group");
    private static final Duration EVERY = Duration.ofMillis(10);

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aCallRefusedForAWhileIsMadeAgainUntilItGoesThrough() {
        TestApplyContext ctx = new TestApplyContext(GROUP);

        String answer = ApplyCalls.retrying(ctx, "CreateAutoScalingGroup", "the profile", RetryingCallsTest::notYet,
                EVERY, Duration.ofSeconds(10), () -> attempts.incrementAndGet() < 3
                        ? CompletableFuture.failedFuture(error("NotYet")) : CompletableFuture.completedFuture("made")).join();

        assertThat(answer).isEqualTo("made");
        assertThat(ctx.operations()).containsExactly("poll:the profile", "poll:the profile", "poll:the profile");
    }

    @Test
    void anyOtherFailureEndsItAtOnceTranslated() {
        assertThatThrownBy(() -> ApplyCalls.retrying(new TestApplyContext(GROUP), "CreateAutoScalingGroup", "the profile",
                RetryingCallsTest::notYet, EVERY, Duration.ofSeconds(10), () -> {
                    attempts.incrementAndGet();
                    return CompletableFuture.failedFuture(error("ValidationError"));
                }).join())
                .cause()
                .isInstanceOfSatisfying(HandlerException.class, failure -> {
                    assertThat(failure.operation()).isEqualTo("CreateAutoScalingGroup");
                    assertThat(failure.code()).isEqualTo("ValidationError");
                });
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aRefusalThatOutlastsTheTimeoutEndsTheWait() {
        assertThatThrownBy(() -> ApplyCalls.retrying(new TestApplyContext(GROUP), "CreateAutoScalingGroup", "the profile",
                RetryingCallsTest::notYet, EVERY, Duration.ofMillis(100),
                () -> CompletableFuture.failedFuture(error("NotYet"))).join())
                .cause().isInstanceOf(TimeoutException.class);
    }

    private static boolean notYet(Throwable failure) {
        return AwsErrors.hasCode(failure, Set.of("NotYet"));
    }

    private static AwsServiceException error(String code) {
        return AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " says no").build()).build();
    }
}
