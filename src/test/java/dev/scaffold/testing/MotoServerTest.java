package dev.scaffold.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class MotoServerTest {

    @Test
    void resetWithoutAServerFailsSayingHowToStartOne() throws IOException {
        int unusedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unusedPort = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + unusedPort);

        assertThatThrownBy(() -> MotoServer.reset(endpoint))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No AWS emulator answers at " + endpoint)
                .hasMessageContaining("SCAFFOLD_EMULATOR_PORT=" + unusedPort + " scripts/aws-emulator start");
    }
}
