package dev.scaffold.provider.aws.rds;

import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsSettings;
import dev.scaffold.testing.ScriptedHttpClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsAsyncClient;

/** The RDS tests' clients whose RDS answers come from a {@link ScriptedHttpClient}, and the requests they made. */
final class ScriptedRds {

    /** An RDS request as a test asserts it: its action and form parameters. */
    record Call(String action, Map<String, String> parameters) {
    }

    private ScriptedRds() {
    }

    /** Clients that send nothing anywhere: RDS's requests go to {@code scripted}. */
    static AwsClients clients(ScriptedHttpClient scripted) {
        AwsClients aws = new AwsClients(new AwsSettings(Region.US_EAST_1, null, URI.create("http://127.0.0.1:1"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))));
        aws.client(RdsAsyncClient.class, RdsAsyncClient::builder, b -> b.httpClient(scripted));
        return aws;
    }

    static List<Call> calls(ScriptedHttpClient scripted) {
        return scripted.requests().stream().map(request -> new Call(request.operation(), request.parameters())).toList();
    }
}
