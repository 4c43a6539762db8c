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
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/**
 * An SDK HTTP client that answers a Query API's calls (Auto Scaling, EC2, …) from a script instead of a network: for
 * operations the emulator lacks, a test scripts the answers AWS documents, in order, and asserts the exact requests
 * the handler made. A call without a scripted answer is answered with the error {@code NotScripted}, so it fails
 * loudly. Install it before the handler first asks for its client:
 * {@code aws.client(AutoScalingAsyncClient.class, AutoScalingAsyncClient::builder, b -> b.httpClient(scripted))}.
 */
public final class ScriptedHttpClient implements SdkAsyncHttpClient {

    /**
     * One request as the handler sent it.
     *
     * @param action the Query API's {@code Action}, e.g. {@code StartInstanceRefresh}
     * @param parameters every other form parameter, e.g. {@code Preferences.MinHealthyPercentage}, sorted by name
     */
    public record Request(String action, Map<String, String> parameters) {
    }

    private final Map<String, Deque<String>> answers = new HashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** The next call of {@code action} is answered HTTP 200 with the body of the test resource {@code resource}. */
    public synchronized ScriptedHttpClient answer(String action, String resource) {
        try (InputStream in = ScriptedHttpClient.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            answers.computeIfAbsent(action, key -> new ArrayDeque<>())
                    .add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The requests made so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The actions of the requests made so far, in order. */
    public List<String> actions() {
        return requests.stream().map(Request::action).toList();
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        return body(request).thenAccept(form -> {
            Map<String, String> parameters = new TreeMap<>();
            for (String pair : form.split("&")) {
                if (!pair.isEmpty()) {
                    String[] parts = pair.split("=", 2);
                    parameters.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
                }
            }
            String action = parameters.remove("Action");
            parameters.remove("Version");
            requests.add(new Request(action, parameters));
            String body = next(action);
            int status = body == null ? 400 : 200;
            if (body == null) {
                body = "<ErrorResponse><Error><Type>Sender</Type><Code>NotScripted</Code><Message>no answer scripted for "
                        + action + "</Message></Error><RequestId>scripted</RequestId></ErrorResponse>";
            }
            request.responseHandler().onHeaders(SdkHttpResponse.builder().statusCode(status)
                    .putHeader("Content-Type", "text/xml").build());
            request.responseHandler().onStream(AsyncRequestBody.fromString(body));
        });
    }

    @Override
    public String clientName() {
        return "scripted";
    }

    @Override
    public void close() {
    }

    private synchronized String next(String action) {
        Deque<String> queue = answers.get(action);
        return queue == null ? null : queue.poll();
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
