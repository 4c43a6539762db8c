package dev.scaffold.testing;

import dev.scaffold.provider.aws.AwsSettings;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS emulator an integration test talks to, as {@link AwsEmulator} found and reset it.
 *
 * @param name      {@code moto} or {@code localstack}, for messages and for tests that must name an emulator's gap
 * @param endpoint  where every service answers
 * @param accountId the account id the emulator reports for its fake credentials
 */
public record EmulatorTarget(String name, URI endpoint, String accountId) {

    /** Emulators accept any region; the tests use one. */
    public static final Region REGION = Region.US_EAST_1;

    /** The same emulator reached through {@code proxy}, e.g. a {@link FaultInjectingProxy} in front of it. */
    public EmulatorTarget through(URI proxy) {
        return new EmulatorTarget(name, proxy, accountId);
    }

    /** Settings for {@code AwsClients}: this endpoint, {@link #REGION}, and static fake credentials. */
    public AwsSettings settings() {
        return new AwsSettings(REGION, null, endpoint, null)
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }
}
