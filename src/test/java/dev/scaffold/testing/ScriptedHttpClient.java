package dev.scaffold.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/**
 * An SDK async HTTP client that sends nothing: it answers each request from a script and keeps the request. For an
 * operation the emulator lacks or bends ({@link EmulatorGaps}), a test scripts the answers AWS documents, in order,
 * and asserts the exact requests the product made. It speaks both of AWS's protocols scaffold meets: the Query APIs
 * (Auto Scaling, EC2: {@code Action=…} forms answered with XML) and the JSON ones (CloudWatch Logs, KMS: the
 * operation in {@code X-Amz-Target}). Give it to one service's client before the product builds that client, e.g.
 * {@code aws.client(AutoScalingAsyncClient.class, AutoScalingAsyncClient::builder, b -> b.httpClient(scripted))}.
 * A call without a scripted answer is answered with the error {@code NotScripted}, so it fails loudly.
 */
public final class ScriptedHttpClient implements SdkAsyncHttpClient {

    /**
     * One request as the product sent it.
     *
     * @param operation the Query API's {@code Action} or the JSON protocol's target operation, e.g. {@code AssociateKmsKey}
     * @param body the request's body, as sent
     */
    public record Request(String operation, String body) {

        /** A Query API request's form parameters but {@code Action} and {@code Version}, decoded, sorted by name. */
        public Map<String, String> parameters() {
            Map<String, String> parameters = new TreeMap<>();
            for (String pair : body.split("&")) {
                if (!pair.isEmpty()) {
                    String[] parts = pair.split("=", 2);
                    parameters.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
                }
            }
            parameters.remove("Action");
            parameters.remove("Version");
            return parameters;
        }
    }

    private record Answer(int status, String contentType, String body) {
    }

    private static final String XML = "text/xml";
    private static final String JSON = "application/x-amz-json-1.1";

    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** The next call of a Query API's {@code action} is answered HTTP 200 with the body of the test resource {@code resource}. */
    public synchronized ScriptedHttpClient answer(String action, String resource) {
        try (InputStream in = ScriptedHttpClient.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return script(action, new Answer(200, XML, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next call of a Query API's {@code action} is answered HTTP 400 with the error {@code code}, in its format. */
    public synchronized ScriptedHttpClient fail(String action, String code, String message) {
        return script(action, queryError(code, message));
    }

    /** The next request for a JSON protocol's {@code operation} is answered with this status and JSON body. */
    public synchronized ScriptedHttpClient answerJson(String operation, int status, String json) {
        return script(operation, new Answer(status, JSON, json));
    }

    /** The requests made so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The operations of the requests made so far, in order. */
    public List<String> operations() {
        return requests.stream().map(Request::operation).toList();
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        return body(request).thenAccept(body -> {
            String operation = operation(request.request(), body);
            requests.add(new Request(operation, body));
            Answer answer = next(operation);
            if (answer == null) {
                answer = queryError("NotScripted", "no answer scripted for " + operation);
            }
            request.responseHandler().onHeaders(SdkHttpResponse.builder().statusCode(answer.status())
                    .putHeader("Content-Type", answer.contentType())
                    .putHeader("x-amzn-RequestId", "scripted-" + requests.size()).build());
            request.responseHandler().onStream(AsyncRequestBody.fromString(answer.body()));
        });
    }

    @Override
    public String clientName() {
        return "scripted";
    }

    @Override
    public void close() {
        // nothing to release
    }

    private synchronized ScriptedHttpClient script(String operation, Answer answer) {
        answers.computeIfAbsent(operation, key -> new ArrayDeque<>()).add(answer);
        return this;
    }

    private synchronized Answer next(String operation) {
        Deque<Answer> queue = answers.get(operation);
        return queue == null ? null : queue.poll();
    }

    private static String operation(SdkHttpRequest request, String body) {
        String target = request.firstMatchingHeader("X-Amz-Target").orElse(null);
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        for (String pair : body.split("&")) {
            if (pair.startsWith("Action=")) {
                return decode(pair.substring("Action=".length()));
            }
        }
        return request.method() + " " + request.encodedPath();
    }

    private static Answer queryError(String code, String message) {
        return new Answer(400, XML, "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                + message + "</Message></Error><RequestId>scripted</RequestId></ErrorResponse>");
    }

    private static CompletableFuture<String> body(AsyncExecuteRequest request) {
        CompletableFuture<String> body = new CompletableFuture<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        request.requestContentPublisher().subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable failure) {
                body.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                body.complete(bytes.toString(StandardCharsets.UTF_8));
            }
        });
        return body;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
