package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.scaffold.ScaffoldException;
import dev.scaffold.testing.Clients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;

class AwsClientsTest {

    private static final Map<String, String> ENV_WITH_ENDPOINT = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4999");

    @Test
    void explicitEndpointWinsOverEnvironment() {
        AwsSettings settings = AwsSettings.resolve(Region.US_EAST_1, null, "http://localhost:5000", ENV_WITH_ENDPOINT);

        assertThat(settings.endpoint()).isEqualTo(URI.create("http://localhost:5000"));
    }

    @Test
    void environmentEndpointIsUsedWhenNoneIsGiven() {
        AwsSettings settings = AwsSettings.resolve(Region.US_EAST_1, null, null, ENV_WITH_ENDPOINT);

        assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4999"));
    }

    @Test
    void withoutEitherClientsUseAwsEndpoints() {
        AwsSettings settings = AwsSettings.resolve(Region.US_EAST_1, null, null, Map.of("AWS_ENDPOINT_URL", " "));

        assertThat(settings.endpoint()).isNull();
        try (AwsClients aws = new AwsClients(settings)) {
            assertThat(aws.sts().serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }

    @Test
    void endpointThatIsNotAnHttpUrlIsRejectedNamingItsSource() {
        assertThatThrownBy(() -> AwsSettings.resolve(Region.US_EAST_1, null, null, Map.of("AWS_ENDPOINT_URL", "localhost:4566")))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("AWS_ENDPOINT_URL 'localhost:4566'")
                .extracting(e -> ((ScaffoldException) e).kind()).isEqualTo(ScaffoldException.Kind.INVALID_INPUT);
        assertThatThrownBy(() -> AwsSettings.resolve(Region.US_EAST_1, null, "http//oops", Map.of()))
                .isInstanceOf(ScaffoldException.class)
                .hasMessageContaining("--endpoint-url 'http//oops'");
    }

    @Test
    void everyClientHasTheRegionEndpointRetriesAndUserAgent() {
        AwsSettings settings = AwsSettings.resolve(Region.EU_WEST_1, null, "http://127.0.0.1:4999", Map.of());

        try (AwsClients aws = new AwsClients(settings, "1.2.3")) {
            for (var config : List.of(aws.sts().serviceClientConfiguration(), Clients.ec2(aws).serviceClientConfiguration(),
                    Clients.elbv2(aws).serviceClientConfiguration(), aws.s3().serviceClientConfiguration())) {
                assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
                assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:4999"));
                assertThat(config.overrideConfiguration().retryStrategy()).get().isInstanceOf(AdaptiveRetryStrategy.class)
                        .satisfies(retries -> assertThat(retries.maxAttempts()).isEqualTo(10));
                assertThat(config.overrideConfiguration().advancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX))
                        .contains("scaffold/1.2.3");
            }
        }
    }

    @Test
    void clientsAreBuiltOnceAndRefusedAfterClose() {
        AwsClients aws = new AwsClients(new AwsSettings(Region.US_EAST_1, null, null, null));
        var sts = aws.sts();

        assertThat(aws.sts()).isSameAs(sts);
        aws.close();
        assertThatThrownBy(aws::sts).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void requestsCarryScaffoldInTheUserAgent() throws IOException {
        List<Headers> requests = new CopyOnWriteArrayList<>();
        HttpServer server = answering(requests, GET_CALLER_IDENTITY_RESPONSE);

        try (AwsClients aws = new AwsClients(settingsFor(server), "1.2.3")) {
            String account = aws.sts().getCallerIdentity().join().account();

            assertThat(account).isEqualTo("111122223333");
            assertThat(requests).singleElement().extracting(h -> h.getFirst("User-Agent")).asString()
                    .contains("scaffold/1.2.3");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void s3UploadsDoNotWaitForContinue() throws IOException {
        List<Headers> requests = new CopyOnWriteArrayList<>();
        HttpServer server = answering(requests, "");

        try (AwsClients aws = new AwsClients(settingsFor(server), "1.2.3")) {
            aws.s3().putObject(p -> p.bucket("state").key("shop.json"), AsyncRequestBody.fromString("{}")).join();

            assertThat(requests).singleElement().satisfies(headers -> assertThat(headers.containsKey("Expect")).isFalse());
        } finally {
            server.stop(0);
        }
    }

    /** A loopback HTTP server that records each request's headers and answers 200 with {@code body}. */
    private static HttpServer answering(List<Headers> requests, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestHeaders());
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static AwsSettings settingsFor(HttpServer server) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new AwsSettings(Region.US_EAST_1, null, endpoint, null)
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    private static final String GET_CALLER_IDENTITY_RESPONSE = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::111122223333:user/test</Arn>
                <UserId>AIDAEXAMPLE</UserId>
                <Account>111122223333</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """;
}
