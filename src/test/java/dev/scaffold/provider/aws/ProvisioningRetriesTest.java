package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.FaultInjectingProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The retries every client makes, against a local stand-in for AWS behind the fault-injecting proxy:
 * which failures are retried, and what the user reads when the attempts run out.
 */
class ProvisioningRetriesTest {

    private static final ReadContext READ = new ReadContext("shop", "default");
    private static final int MAX = AwsClients.MAX_ATTEMPTS;

    private HttpServer aws;
    private final AtomicInteger answered = new AtomicInteger();

    @BeforeEach
    void startAws() throws IOException {
        aws = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        aws.createContext("/", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = (form.contains("Action=DescribeVpcs") ? DESCRIBE_VPCS : DESCRIBE_LOAD_BALANCERS)
                    .getBytes(StandardCharsets.UTF_8);
            answered.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        aws.start();
    }

    @AfterEach
    void stopAws() {
        aws.stop(0);
    }

    @Test
    void droppedConnectionsLostResponsesServerErrorsAndThrottlingAreAllRetried() throws IOException {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(awsUri());
             AwsClients clients = new AwsClients(settings(proxy.endpoint()), "test")) {
            // Throttling last: after it the adaptive strategy slows the client down, which only costs time.
            for (Fault fault : List.of(Fault.DROPPED_CONNECTION, Fault.LOST_RESPONSE, Fault.SERVER_ERROR, Fault.THROTTLING)) {
                proxy.inject("DescribeLoadBalancers", fault);
            }

            var response = Clients.elbv2(clients).describeLoadBalancers(r -> { }).join();

            assertThat(response.loadBalancers()).isEmpty();
            for (Fault fault : Fault.values()) {
                assertThat(proxy.count(fault)).as("%s", fault).isEqualTo(1);
            }
            assertThat(answered).as("the lost answer and the last one").hasValue(2);
        }
    }

    @Test
    void aConnectionClosedBeforeTheAnswerOnEveryAttemptIsToldInWordsWithTheAttempts() throws IOException {
        try (FaultInjectingProxy proxy = failing(Fault.DROPPED_CONNECTION)) {

            HandlerException failure = failureOfEveryAttempt(proxy, MAX, false);

            assertThat(failure.code()).isNull();
            assertThat(failure.getMessage()).isEqualTo("gave up after 10 attempts: the connection to "
                    + proxy.endpoint().getAuthority() + " was closed before AWS answered; check the network and run again");
            assertThat(proxy.count(Fault.DROPPED_CONNECTION)).isEqualTo(10);
        }
    }

    @Test
    void aConnectionResetBeforeTheAnswerOnEveryAttemptIsToldInWordsWithoutChannelDiagnostics() throws IOException {
        try (FaultInjectingProxy proxy = failing(Fault.LOST_RESPONSE)) {

            HandlerException failure = failureOfEveryAttempt(proxy, MAX, false);

            assertThat(failure.getMessage()).isEqualTo("gave up after 10 attempts: the connection was closed before"
                    + " AWS answered; check the network and run again");
            assertThat(proxy.count(Fault.LOST_RESPONSE)).isEqualTo(10);
            assertThat(answered).hasValue(10);
        }
    }

    @Test
    void serverErrorsOnEveryAttemptSaySoAndWhatToDo() throws IOException {
        try (FaultInjectingProxy proxy = failing(Fault.SERVER_ERROR)) {

            HandlerException failure = failureOfEveryAttempt(proxy, MAX, false);

            assertThat(failure.code()).isIn("InternalFailure", "ServiceUnavailable");
            assertThat(failure.getMessage()).matches("gave up after 10 attempts: AWS kept failing with HTTP 50[03]"
                    + " \\((InternalFailure|ServiceUnavailable): .*\\); AWS may be having trouble: run again later");
        }
    }

    /**
     * Two attempts, not ten: once throttled, the adaptive strategy lets a client send only about one
     * request every few seconds at first, and this test should not take a minute. The count is the SDK's.
     */
    @Test
    void throttlingOnEveryAttemptSaysSoAndWhatToDoInEachServicesTerms() throws IOException {
        try (FaultInjectingProxy proxy = failing(Fault.THROTTLING)) {

            HandlerException elb = failureOfEveryAttempt(proxy, 2, false);
            HandlerException ec2 = failureOfEveryAttempt(proxy, 2, true);

            assertThat(elb.code()).isEqualTo("Throttling");
            assertThat(elb.getMessage()).isEqualTo("gave up after 2 attempts: AWS kept throttling"
                    + " (Throttling: Rate exceeded); run again later or lower --parallelism");
            assertThat(ec2.code()).isEqualTo("RequestLimitExceeded");
            assertThat(ec2.getMessage()).isEqualTo("gave up after 2 attempts: AWS kept throttling"
                    + " (RequestLimitExceeded: Request limit exceeded.); run again later or lower --parallelism");
            assertThat(proxy.count(Fault.THROTTLING)).isEqualTo(4);
        }
    }

    /**
     * One attempt: retrying refused connections in quick succession sometimes leaves the SDK's connection
     * pool waiting its full 10 s acquire timeout, after which the call ends with that timeout instead.
     */
    @Test
    void anEndpointThatRefusesConnectionsIsNamed() {
        // A privileged port nothing listens on: a just-freed ephemeral one may be handed to the client
        // itself, which then connects to itself and waits for an answer that never comes.
        URI nobody = URI.create("http://127.0.0.1:1");

        try (AwsClients clients = new AwsClients(settings(nobody), "test", () -> withoutBackoff(1))) {
            assertThatThrownBy(() -> ReadCalls.read(READ, "DescribeLoadBalancers",
                    () -> Clients.elbv2(clients).describeLoadBalancers(r -> { })))
                    .isInstanceOfSatisfying(HandlerException.class, failure -> assertThat(failure.getMessage())
                            .isEqualTo("gave up after 1 attempt: could not connect to 127.0.0.1:1; check the network"
                                    + " (and the endpoint, if --endpoint-url or AWS_ENDPOINT_URL sets one) and run again"));
        }
    }

    private FaultInjectingProxy failing(Fault fault) throws IOException {
        return FaultInjectingProxy.start(awsUri(), 1.0, 1, EnumSet.of(fault));
    }

    /** The failure of one call through {@code proxy}, with the product's retries minus their waits. */
    private static HandlerException failureOfEveryAttempt(FaultInjectingProxy proxy, int attempts, boolean ec2) {
        try (AwsClients clients = new AwsClients(settings(proxy.endpoint()), "test", () -> withoutBackoff(attempts))) {
            Throwable thrown = ec2
                    ? catchThrowableOf(() -> ReadCalls.read(READ, "DescribeVpcs", () -> Clients.ec2(clients).describeVpcs()))
                    : catchThrowableOf(() -> ReadCalls.read(READ, "DescribeLoadBalancers",
                            () -> Clients.elbv2(clients).describeLoadBalancers(r -> { })));
            assertThat(thrown).isInstanceOf(HandlerException.class);
            return (HandlerException) thrown;
        }
    }

    private static Throwable catchThrowableOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** The strategy every client gets, without the backoff that would make this test wait half a minute. */
    private static RetryStrategy withoutBackoff(int attempts) {
        return AwsClients.provisioningRetries().toBuilder()
                .maxAttempts(attempts)
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .build();
    }

    private URI awsUri() {
        return URI.create("http://127.0.0.1:" + aws.getAddress().getPort());
    }

    private static AwsSettings settings(URI endpoint) {
        return new AwsSettings(Region.US_EAST_1, null, endpoint, null)
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    private static final String DESCRIBE_LOAD_BALANCERS = """
            <DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
              <DescribeLoadBalancersResult><LoadBalancers/></DescribeLoadBalancersResult>
              <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
            </DescribeLoadBalancersResponse>
            """;

    private static final String DESCRIBE_VPCS = """
            <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>1</requestId>
              <vpcSet/>
            </DescribeVpcsResponse>
            """;
}
