package dev.scaffold.provider.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;

/**
 * The AWS emulator of the integration tests, at {@code scaffold.emulator.endpoint}: clients pointed
 * at it, a reset between test classes, and fixtures for services scaffold has no client for yet.
 */
final class LocalEmulator implements AutoCloseable {

    private final URI endpoint;
    private final Ec2AsyncClient ec2;
    private final ElasticLoadBalancingV2AsyncClient elb;
    private final HttpClient http = HttpClient.newHttpClient();

    LocalEmulator() {
        this.endpoint = URI.create(System.getProperty("scaffold.emulator.endpoint", "http://127.0.0.1:4566"));
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        this.ec2 = Ec2AsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        this.elb = ElasticLoadBalancingV2AsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
    }

    Ec2AsyncClient ec2() {
        return ec2;
    }

    ElasticLoadBalancingV2AsyncClient elb() {
        return elb;
    }

    /** Empties the emulator, so each test class starts from a fresh account. */
    void reset() throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Requests an ACM certificate and returns its ARN, for HTTPS listeners to name. scaffold has
     * no ACM client yet, so this speaks ACM's JSON protocol directly; the emulator does not check signatures.
     */
    String requestCertificate(String domain) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "CertificateManager.RequestCertificate")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/acm/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"DomainName\":\"" + domain + "\"}"))
                .build();
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher arn = Pattern.compile("\"CertificateArn\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!arn.find()) {
            throw new IllegalStateException("the emulator did not issue a certificate: " + body);
        }
        return arn.group(1);
    }

    @Override
    public void close() {
        ec2.close();
        elb.close();
    }
}
