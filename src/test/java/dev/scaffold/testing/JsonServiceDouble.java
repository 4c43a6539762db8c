package dev.scaffold.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scaffold.provider.aws.AwsSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for one AWS service of the JSON protocol (the operation in {@code X-Amz-Target}), for a path the
 * emulator bends: it answers each operation with the body AWS documents for it, given by the test, and keeps
 * every request, so the test can assert exactly what scaffold asked. Product code reaches it through
 * {@link #settings()}, as it reaches the emulator.
 */
public final class JsonServiceDouble implements AutoCloseable {

    /** One request: its operation (e.g. {@code AssociateWebACL}) and its JSON body. */
    public record Request(String operation, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private JsonServiceDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** Starts a double on an ephemeral port of 127.0.0.1 that answers nothing until told. */
    public static JsonServiceDouble start() throws IOException {
        return new JsonServiceDouble();
    }

    /** Answers {@code operation} with HTTP 200 and {@code json}, as AWS documents its answer. */
    public JsonServiceDouble answering(String operation, String json) {
        answers.put(operation, json);
        return this;
    }

    /** Settings for {@code AwsClients} that reach this double. */
    public AwsSettings settings() {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new EmulatorTarget("double", endpoint, "123456789012").settings();
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(new Request(operation, JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body)));
        String answer = answers.get(operation);
        int status = answer == null ? 400 : 200;
        byte[] out = (answer == null ? "{\"__type\":\"UnknownOperationException\",\"message\":\"the double was not told"
                + " how to answer " + operation + "\"}" : answer).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }
}
