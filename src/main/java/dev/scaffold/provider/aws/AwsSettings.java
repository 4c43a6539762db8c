package dev.scaffold.provider.aws;

import dev.scaffold.ScaffoldException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where and as whom scaffold talks to AWS: everything {@link AwsClients} needs to build a client.
 *
 * @param region      the region of every regional client
 * @param profile     the named profile to take credentials from, or {@code null} for the default chain
 * @param endpoint    one endpoint for every service (an emulator, a proxy), or {@code null} for AWS's own
 * @param credentials credentials to use instead of the profile or the default chain, or {@code null};
 *                    the caller owns them (tests pass static fake ones)
 */
public record AwsSettings(Region region, String profile, URI endpoint, AwsCredentialsProvider credentials) {

    /** The environment variable the AWS CLI and SDKs read for an endpoint shared by all services. */
    public static final String ENDPOINT_ENV = "AWS_ENDPOINT_URL";

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        if (profile != null && profile.isBlank()) {
            profile = null;
        }
    }

    /**
     * Settings as the command line resolves them: an explicit {@code --endpoint-url} wins over
     * {@code AWS_ENDPOINT_URL} in {@code environment}, which wins over AWS's own endpoints.
     *
     * @param endpointUrl the {@code --endpoint-url} option, or {@code null} when not given
     * @param environment the process environment (passed in so that tests can choose it)
     * @throws ScaffoldException if the chosen endpoint is not an absolute http(s) URL
     */
    public static AwsSettings resolve(String region, String profile, String endpointUrl,
                                      Map<String, String> environment) {
        return resolve(Region.of(region), profile, endpointUrl, environment);
    }

    /** As {@link #resolve(String, String, String, Map)}, for a region already parsed. */
    public static AwsSettings resolve(Region region, String profile, String endpointUrl, Map<String, String> environment) {
        URI endpoint = null;
        if (endpointUrl != null) {
            endpoint = parseEndpoint(endpointUrl, "--endpoint-url");
        } else {
            String fromEnvironment = environment.get(ENDPOINT_ENV);
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                endpoint = parseEndpoint(fromEnvironment.strip(), ENDPOINT_ENV);
            }
        }
        return new AwsSettings(region, profile, endpoint, null);
    }

    /** These settings with fixed credentials in place of the profile or the default chain. */
    public AwsSettings withCredentials(AwsCredentialsProvider fixedCredentials) {
        return new AwsSettings(region, profile, endpoint, Objects.requireNonNull(fixedCredentials, "fixedCredentials"));
    }

    private static URI parseEndpoint(String value, String source) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below with the same advice as any other unusable value
        }
        throw ScaffoldException.invalidInput(source + " '" + value + "' is not an http(s) URL;"
                + " give one like http://127.0.0.1:4566, or leave it unset to use AWS's own endpoints");
    }
}
