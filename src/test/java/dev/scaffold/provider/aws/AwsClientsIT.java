package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.EmulatorTarget;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;

@ExtendWith(AwsEmulator.class)
class AwsClientsIT {

    @Test
    void callerIdentityComesFromTheEmulatorsAccount(AwsClients aws, EmulatorTarget emulator) {
        String account = aws.sts().getCallerIdentity().join().account();

        assertThat(account).isEqualTo(emulator.accountId());
        if (emulator.name().equals("moto")) {
            assertThat(account).isEqualTo("123456789012");
        }
    }

    @Test
    void s3ObjectsRoundTripThroughThePathStyleEndpoint(AwsClients aws) {
        aws.s3().createBucket(b -> b.bucket("scaffold-it")).join();
        aws.s3().putObject(p -> p.bucket("scaffold-it").key("state.json"), AsyncRequestBody.fromString("{\"serial\":1}")).join();

        String body = aws.s3().getObject(g -> g.bucket("scaffold-it").key("state.json"), AsyncResponseTransformer.toBytes())
                .join().asString(StandardCharsets.UTF_8);

        assertThat(body).isEqualTo("{\"serial\":1}");
    }
}
