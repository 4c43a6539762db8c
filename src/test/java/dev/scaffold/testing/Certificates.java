package dev.scaffold.testing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates for HTTPS listeners to name. scaffold has no ACM client yet (certificates by domain
 * come later), so this fixture asks the emulator's ACM through its JSON protocol directly; the
 * emulator checks neither signature nor validation, and ELBv2 there only checks the ARN exists.
 */
public final class Certificates {

    private Certificates() {
    }

    /** Requests a certificate for {@code domain} and returns its ARN. */
    public static String request(EmulatorTarget emulator, String domain) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(emulator.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "CertificateManager.RequestCertificate")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/" + EmulatorTarget.REGION
                        + "/acm/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"DomainName\":\"" + domain + "\"}"))
                .build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher arn = Pattern.compile("\"CertificateArn\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!arn.find()) {
            throw new IllegalStateException("the emulator issued no certificate: " + body);
        }
        return arn.group(1);
    }
}
