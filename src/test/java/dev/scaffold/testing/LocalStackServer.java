package dev.scaffold.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack in a Testcontainers container, one for the whole test run, reset before each test class.
 *
 * <p>Only loaded when {@code -Dscaffold.emulator=localstack} is given, so the default mode never
 * looks for Docker. Without Docker or {@code LOCALSTACK_AUTH_TOKEN} the tests are skipped, not failed.
 */
final class LocalStackServer {

    static final String TOKEN_ENV = "LOCALSTACK_AUTH_TOKEN";
    /** Overrides the image, e.g. to pin a tag: {@code -Dscaffold.localstack.image=localstack/localstack:TAG}. */
    static final String IMAGE_PROPERTY = "scaffold.localstack.image";
    static final String DEFAULT_IMAGE = "localstack/localstack:latest";
    /** The account id LocalStack reports for the fake credentials "test". */
    static final String ACCOUNT_ID = "000000000000";

    private LocalStackServer() {
    }

    /** The run's LocalStack, started on first use and emptied; skips the calling tests when it cannot run. */
    static EmulatorTarget resetShared(ExtensionContext.Store runStore) {
        String token = System.getenv(TOKEN_ENV);
        assumeTrue(token != null && !token.isBlank(),
                "-D" + AwsEmulator.SELECT_PROPERTY + "=localstack needs " + TOKEN_ENV + " in the environment; skipping");
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "-D" + AwsEmulator.SELECT_PROPERTY + "=localstack needs a Docker engine, and none answers; skipping");
        LocalStackContainer container = runStore.getOrComputeIfAbsent(
                LocalStackContainer.class, type -> start(token), LocalStackContainer.class);
        URI endpoint = container.getEndpoint();
        reset(endpoint);
        return new EmulatorTarget("localstack", endpoint, ACCOUNT_ID);
    }

    private static LocalStackContainer start(String token) {
        String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
        LocalStackContainer container = new LocalStackContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
                .withEnv(TOKEN_ENV, token);
        container.start();
        return container;
    }

    private static void reset(URI endpoint) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/_localstack/state/reset"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("LocalStack at " + endpoint + " answered HTTP " + response.statusCode()
                        + " to POST /_localstack/state/reset: " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not reset LocalStack at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while resetting LocalStack at " + endpoint, e);
        }
    }
}
