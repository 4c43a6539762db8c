package dev.scaffold.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A moto server started outside the tests (by the build or {@code scripts/aws-emulator}), which tests reset. */
final class MotoServer {

    /** The account id moto reports for any credentials. */
    static final String ACCOUNT_ID = "123456789012";

    private MotoServer() {
    }

    /** Empties the moto server at {@code endpoint}, failing with what to do when none answers there. */
    static EmulatorTarget reset(URI endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(notAnswering(endpoint, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while resetting the AWS emulator at " + endpoint, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(endpoint + " answered HTTP " + response.statusCode()
                    + " to POST /moto-api/reset, so it is not a moto server; point -D" + AwsEmulator.ENDPOINT_PROPERTY
                    + " at one, or start one with `scripts/aws-emulator start`");
        }
        return new EmulatorTarget("moto", endpoint, ACCOUNT_ID);
    }

    private static String notAnswering(URI endpoint, IOException e) {
        String port = endpoint.getPort() == -1 ? "" : "SCAFFOLD_EMULATOR_PORT=" + endpoint.getPort() + " ";
        return "No AWS emulator answers at " + endpoint + " (-D" + AwsEmulator.ENDPOINT_PROPERTY + "): " + e
                + ". Start one with `" + port + "scripts/aws-emulator start`,"
                + " or run the integration tests through `mvn verify`, which starts and stops it.";
    }
}
