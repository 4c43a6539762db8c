package dev.scaffold.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectingProxyTest {

    private static final String EC2 = "ec2";
    private static final String ELB = "elasticloadbalancing";

    private HttpServer emulator;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answers = new AtomicInteger();

    @BeforeEach
    void startEmulator() throws IOException {
        emulator = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Answers carry what they answer in headers and no body: the JDK's server sends a body in a
        // second segment, which waits for a delayed ACK and would make each request take 40 ms.
        emulator.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(body);
            exchange.getResponseHeaders().add("X-Answer", String.valueOf(answers.incrementAndGet()));
            exchange.getResponseHeaders().add("X-Received", body);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        emulator.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new String(body, StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        emulator.start();
    }

    @AfterEach
    void stopEmulator() {
        emulator.stop(0);
    }

    @Test
    void withoutFaultsEveryRequestReachesTheEmulatorOverOneKeptAliveConnectionInOrder() throws IOException {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulatorUri());
             Client client = new Client(proxy)) {

            Reply first = client.send(ELB, "Action=DescribeTargetGroups&Version=2015-12-01", "/echo");
            Reply second = client.send(ELB, "Action=DeleteTargetGroup&TargetGroupArn=arn%3Aaws%3Atg", "/echo");

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("Action=DescribeTargetGroups&Version=2015-12-01");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo("Action=DeleteTargetGroup&TargetGroupArn=arn%3Aaws%3Atg");
            assertThat(received).hasSize(2);
            assertThat(proxy.forwarded()).isEqualTo(2);
            assertThat(proxy.forwardedOperations()).containsExactly("DescribeTargetGroups", "DeleteTargetGroup");
        }
    }

    @Test
    void throttlingAnswersInEachServicesErrorFormatAndReachesNothing() throws IOException {
        try (FaultInjectingProxy proxy = failingEveryRequest(Fault.THROTTLING);
             Client client = new Client(proxy)) {

            Reply ec2 = client.send(EC2, "Action=DescribeSecurityGroups&Version=2016-11-15");
            Reply elb = client.send(ELB, "Action=DescribeLoadBalancers&Version=2015-12-01");

            assertThat(ec2.status()).isEqualTo(400);
            assertThat(ec2.body()).contains("<Response><Errors><Error><Code>RequestLimitExceeded</Code>");
            assertThat(elb.status()).isEqualTo(400);
            assertThat(elb.body()).contains("<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>");
            assertThat(received).isEmpty();
            assertThat(proxy.count(Fault.THROTTLING)).isEqualTo(2);
            assertThat(proxy.forwarded()).isZero();
        }
    }

    @Test
    void serverErrorsAre500Or503InTheServicesFormatAndReachNothing() throws IOException {
        try (FaultInjectingProxy proxy = failingEveryRequest(Fault.SERVER_ERROR);
             Client client = new Client(proxy)) {
            List<Integer> statuses = new ArrayList<>();

            for (int i = 0; i < 20; i++) {
                Reply reply = client.send(ELB, "Action=DescribeListeners");
                statuses.add(reply.status());
                assertThat(reply.body()).contains("<ErrorResponse><Error><Type>Receiver</Type>");
            }

            assertThat(statuses).containsOnly(500, 503).contains(500, 503);
            assertThat(received).isEmpty();
            assertThat(proxy.count(Fault.SERVER_ERROR)).isEqualTo(20);
        }
    }

    @Test
    void aDroppedConnectionIsClosedWithoutAnAnswerAndReachesNothing() throws IOException {
        try (FaultInjectingProxy proxy = failingEveryRequest(Fault.DROPPED_CONNECTION);
             Client client = new Client(proxy)) {

            client.write(EC2, "Action=CreateSecurityGroup&GroupName=web");

            assertThat(client.in.read()).as("the first byte of an answer").isEqualTo(-1);
            assertThat(received).isEmpty();
            assertThat(proxy.count(Fault.DROPPED_CONNECTION)).isEqualTo(1);
            assertThat(proxy.forwarded()).isZero();
        }
    }

    @Test
    void aLostResponseReachesTheEmulatorAndTheConnectionIsResetBeforeTheAnswer() throws IOException {
        try (FaultInjectingProxy proxy = failingEveryRequest(Fault.LOST_RESPONSE);
             Client client = new Client(proxy)) {

            client.write(ELB, "Action=CreateTargetGroup&Name=shop-web-8080");

            assertThatThrownBy(client.in::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
            assertThat(received).singleElement().asString().contains("Action=CreateTargetGroup");
            assertThat(proxy.forwardedOperations()).containsExactly("CreateTargetGroup");
            assertThat(proxy.count(Fault.LOST_RESPONSE)).isEqualTo(1);
            assertThat(proxy.injected()).containsExactly("LOST_RESPONSE CreateTargetGroup");
        }
    }

    @Test
    void aboutTheAskedShareOfRequestsFails() throws IOException {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(emulatorUri(), 0.2, 7, EnumSet.of(Fault.THROTTLING));
             Client client = new Client(proxy)) {

            for (int i = 0; i < 500; i++) {
                client.send(ELB, "Action=DescribeTags");
            }

            assertThat(proxy.count(Fault.THROTTLING)).isBetween(70, 130);
            assertThat(proxy.forwarded()).isEqualTo(500 - proxy.count(Fault.THROTTLING));
        }
    }

    @Test
    void theSameSeedFailsTheSameRequestsInTheSameWays() throws IOException {
        assertThat(outcomesOfThirtyRequests(42)).isEqualTo(outcomesOfThirtyRequests(42))
                .contains("200", "400", "dropped", "lost");
    }

    @Test
    void aRetryOfAReplayedOperationWhoseAnswerWasLostGetsThatAnswerWithoutReachingTheEmulator() throws IOException {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulatorUri())) {
            proxy.replayLostAnswersOf(Set.of("CreateLoadBalancer"));
            proxy.inject("CreateLoadBalancer", Fault.LOST_RESPONSE);
            String create = "Action=CreateLoadBalancer&Name=shop-web";

            try (Client first = new Client(proxy)) {
                first.write(ELB, create);
                assertThatThrownBy(first.in::read).isInstanceOf(SocketException.class);
            }
            Reply retry;
            Reply later;
            try (Client second = new Client(proxy)) {
                retry = second.send(ELB, create);
                later = second.send(ELB, create);
            }

            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.answer()).isEqualTo("1");
            assertThat(later.answer()).as("only the retry of the lost call is replayed").isEqualTo("2");
            assertThat(received).hasSize(2);
        }
    }

    @Test
    void aScriptedErrorAnswersTheNextCallOfItsOperationOnly() throws IOException {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulatorUri());
             Client client = new Client(proxy)) {
            proxy.answer("CreateLoadBalancer", 400, "DuplicateLoadBalancerName",
                    "A load balancer with the specified name already exists.");

            Reply describe = client.send(ELB, "Action=DescribeLoadBalancers");
            Reply duplicate = client.send(ELB, "Action=CreateLoadBalancer&Name=shop-web");
            Reply created = client.send(ELB, "Action=CreateLoadBalancer&Name=shop-web");

            assertThat(describe.status()).isEqualTo(200);
            assertThat(duplicate.status()).isEqualTo(400);
            assertThat(duplicate.body()).contains("<Code>DuplicateLoadBalancerName</Code>");
            assertThat(created.status()).isEqualTo(200);
            assertThat(proxy.forwardedOperations()).containsExactly("DescribeLoadBalancers", "CreateLoadBalancer");
        }
    }

    private List<String> outcomesOfThirtyRequests(long seed) throws IOException {
        List<String> outcomes = new ArrayList<>();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(emulatorUri(), 0.5, seed, EnumSet.allOf(Fault.class))) {
            for (int i = 0; i < 30; i++) {
                try (Client client = new Client(proxy)) {
                    client.write(ELB, "Action=DescribeTags");
                    outcomes.add(client.outcome());
                }
            }
        }
        return outcomes;
    }

    private FaultInjectingProxy failingEveryRequest(Fault fault) throws IOException {
        return FaultInjectingProxy.start(emulatorUri(), 1.0, 1, EnumSet.of(fault));
    }

    private URI emulatorUri() {
        return URI.create("http://127.0.0.1:" + emulator.getAddress().getPort());
    }

    /** An answer: its status, the emulator's number for it ({@code X-Answer}) if it came from there, and its body. */
    private record Reply(int status, String answer, String body) {
    }

    /** One kept-alive connection to the proxy, speaking just enough HTTP/1.1 to see what a fault does to it. */
    private static final class Client implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;

        Client(FaultInjectingProxy proxy) throws IOException {
            this.socket = new Socket(InetAddress.getLoopbackAddress(), proxy.endpoint().getPort());
            socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        Reply send(String service, String form) throws IOException {
            return send(service, form, "/");
        }

        Reply send(String service, String form, String path) throws IOException {
            write(service, form, path);
            return read();
        }

        void write(String service, String form) throws IOException {
            write(service, form, "/");
        }

        void write(String service, String form, String path) throws IOException {
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/" + service
                    + "/aws4_request, SignedHeaders=host, Signature=0\r\n"
                    + "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(body);
            socket.getOutputStream().write(request.toByteArray());
            socket.getOutputStream().flush();
        }

        /** The status of the answer, or {@code dropped} for a closed connection, {@code lost} for a reset one. */
        String outcome() throws IOException {
            try {
                in.mark(1);
                if (in.read() < 0) {
                    return "dropped";
                }
                in.reset();
                return String.valueOf(read().status());
            } catch (SocketException e) {
                return "lost";
            }
        }

        private Reply read() throws IOException {
            String statusLine = line();
            int length = 0;
            String answer = null;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String name = header.substring(0, header.indexOf(':')).toLowerCase(Locale.ROOT);
                String value = header.substring(header.indexOf(':') + 1).strip();
                if (name.equals("content-length")) {
                    length = Integer.parseInt(value);
                } else if (name.equals("x-answer")) {
                    answer = value;
                }
            }
            return new Reply(Integer.parseInt(statusLine.split(" ")[1]), answer,
                    new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the proxy closed the connection in the middle of an answer");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
