package dev.scaffold.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scaffold.provider.aws.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulator.class)
class AwsEmulatorIT {

    @Test
    void resetEmptiesTheEmulator(AwsClients aws, EmulatorTarget emulator) {
        assumeTrue(emulator.name().equals("moto"), "resets LocalStack through its own API");
        aws.s3().createBucket(b -> b.bucket("left-by-an-earlier-class")).join();

        MotoServer.reset(emulator.endpoint());

        assertThat(aws.s3().listBuckets().join().buckets()).isEmpty();
    }

    @Test
    void injectedClientsAimAtTheEmulator(AwsClients aws, EmulatorTarget emulator) {
        assertThat(aws.settings().endpoint()).isEqualTo(emulator.endpoint());
        assertThat(aws.settings().region()).isEqualTo(EmulatorTarget.REGION);
    }
}
