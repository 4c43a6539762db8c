package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.testing.TestApplyContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsCallsTest {

    private static final ResourceAddress ALB = ResourceAddress.parse("loadBalancers.web.alb");

    @Test
    void awsErrorBecomesAHandlerExceptionWithItsCodeEvenThroughTheExecutorsWrapping() {
        AwsServiceException invalid = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationError")
                        .errorMessage("Port 70000 is out of range").build())
                .build();

        assertThatThrownBy(() -> ApplyCalls.call(new TestApplyContext(ALB), "CreateListener",
                () -> CompletableFuture.failedFuture(invalid)).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(HandlerException.class, e -> {
                    assertThat(e.address()).isEqualTo(ALB);
                    assertThat(e.operation()).isEqualTo("CreateListener");
                    assertThat(e.code()).isEqualTo("ValidationError");
                    assertThat(e.getMessage()).isEqualTo("Port 70000 is out of range");
                });
    }

    @Test
    void throttlingKeepsItsCodeAndSaysWhatToDo() {
        AwsServiceException throttled = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded").build())
                .build();

        assertThatThrownBy(() -> ApplyCalls.call(new TestApplyContext(ALB), "DescribeLoadBalancers",
                () -> CompletableFuture.failedFuture(throttled)).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(HandlerException.class, e -> {
                    assertThat(e.code()).isEqualTo("Throttling");
                    assertThat(e.getMessage())
                            .isEqualTo("AWS kept throttling (Throttling: Rate exceeded); run again later or lower --parallelism");
                });
    }

    @Test
    void noAnswerFromAwsBecomesAHandlerExceptionWithoutCode() {
        SdkClientException unreachable = SdkClientException.create("Unable to execute HTTP request: Connection refused");

        assertThatThrownBy(() -> ReadCalls.read(new ReadContext("shop", "default"), "DescribeVpcs",
                () -> CompletableFuture.failedFuture(unreachable)))
                .isInstanceOfSatisfying(HandlerException.class, e -> {
                    assertThat(e.address()).isNull();
                    assertThat(e.code()).isNull();
                    assertThat(e.getMessage()).contains("Connection refused");
                });
    }

    @Test
    void aPoolThatCouldNotOpenAConnectionInTimeIsToldInWords() {
        SdkClientException pool = SdkClientException.builder()
                .message("Unable to execute HTTP request: Acquire operation took longer than the configured maximum time.")
                .cause(new TimeoutException("Acquire operation took longer than 10000 milliseconds."))
                .numAttempts(4)
                .build();

        assertThatThrownBy(() -> ReadCalls.read(new ReadContext("shop", "default"), "DescribeVpcs",
                () -> CompletableFuture.failedFuture(pool)))
                .isInstanceOf(HandlerException.class)
                .hasMessage("gave up after 4 attempts: no connection to AWS could be opened in time;"
                        + " check the network and run again");
    }

    @Test
    void callThatThrowsInsteadOfFailingItsFutureIsTranslatedToo() {
        assertThatThrownBy(() -> ReadCalls.read(new ReadContext("shop", "default"), "DescribeVpcs", () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers");
        })).isInstanceOf(HandlerException.class).hasMessageContaining("credentials");
    }

    @Test
    void missingCredentialsTellTheUserHowToGiveThem() {
        assertThatThrownBy(() -> ReadCalls.read(new ReadContext("shop", "default"), "DescribeVpcs", () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        })).isInstanceOf(HandlerException.class)
                .hasMessageStartingWith("no AWS credentials found")
                .hasMessageContaining("--profile")
                .hasMessageContaining("AWS_ACCESS_KEY_ID");
    }

    @Test
    void deletingAResourceThatIsAlreadyGoneSucceeds() {
        CompletableFuture<Void> deleted = ApplyCalls.callUnless(new TestApplyContext(ALB), "DeleteLoadBalancer",
                Set.of("LoadBalancerNotFound"), () -> CompletableFuture.failedFuture(error("LoadBalancerNotFound")));

        assertThat(deleted.join()).isNull();
    }

    @Test
    void deleteFailingForAnotherReasonFailsWithAwsCode() {
        assertThatThrownBy(() -> ApplyCalls.callUnless(new TestApplyContext(ALB), "DeleteLoadBalancer",
                Set.of("LoadBalancerNotFound"), () -> CompletableFuture.failedFuture(error("OperationNotPermitted")))
                .join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(HandlerException.class, e -> assertThat(e.code()).isEqualTo("OperationNotPermitted"));
    }

    @Test
    void aCallRefusedUntilAnotherChangeSettlesIsMadeAgainThroughAWait() {
        TestApplyContext ctx = new TestApplyContext(ALB);
        AtomicInteger attempts = new AtomicInteger();

        ApplyCalls.callOnceSettled(ctx, "DeleteCertificate", "certificate no longer in use", Set.of("ResourceInUseException"),
                Set.of("ResourceNotFoundException"), Duration.ofSeconds(10), Duration.ofMinutes(1),
                () -> attempts.incrementAndGet() < 3 ? CompletableFuture.failedFuture(error("ResourceInUseException"))
                        : CompletableFuture.completedFuture("deleted")).join();

        assertThat(ctx.operations()).containsExactly("DeleteCertificate", "poll:certificate no longer in use",
                "poll:certificate no longer in use");
    }

    @Test
    void aCallThatFindsItsWorkDoneIsDoneAndOneFailingForAnotherReasonFailsWithoutWaiting() {
        TestApplyContext done = new TestApplyContext(ALB);
        ApplyCalls.callOnceSettled(done, "DeleteCertificate", "certificate no longer in use",
                Set.of("ResourceInUseException"), Set.of("ResourceNotFoundException"), Duration.ofSeconds(10),
                Duration.ofMinutes(1), () -> CompletableFuture.failedFuture(error("ResourceNotFoundException"))).join();
        TestApplyContext failing = new TestApplyContext(ALB);

        assertThatThrownBy(() -> ApplyCalls.callOnceSettled(failing, "DeleteCertificate", "certificate no longer in use",
                Set.of("ResourceInUseException"), Set.of("ResourceNotFoundException"), Duration.ofSeconds(10),
                Duration.ofMinutes(1), () -> CompletableFuture.failedFuture(error("AccessDeniedException"))).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(HandlerException.class, e -> assertThat(e.code()).isEqualTo("AccessDeniedException"));
        assertThat(done.operations()).containsExactly("DeleteCertificate");
        assertThat(failing.operations()).containsExactly("DeleteCertificate");
    }

    @Test
    void readOfAResourceThatIsGoneIsEmpty() {
        assertThat(ReadCalls.joinUnlessGone(ReadCalls.async(new ReadContext("shop", "default"), "DescribeTargetGroupAttributes",
                () -> CompletableFuture.failedFuture(error("TargetGroupNotFound"))), Set.of("TargetGroupNotFound"))).isEmpty();
    }

    private static AwsServiceException error(String code) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
                .build();
    }
}
