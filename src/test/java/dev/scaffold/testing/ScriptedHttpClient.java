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
 * loudly; {@link #fail} scripts an error AWS documents. Install it before the handler first asks for its client:
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

    /** One scripted answer: its HTTP status and body. */
    private record Answer(int status, String body) {
    }

    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** The next call of {@code action} is answered HTTP 200 with the body of the test resource {@code resource}. */
    public synchronized ScriptedHttpClient answer(String action, String resource) {
        try (InputStream in = ScriptedHttpClient.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            answers.computeIfAbsent(action, key -> new ArrayDeque<>())
                    .add(new Answer(200, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The next call of {@code action} is answered HTTP 400 with the error {@code code}, in the Query APIs' format. */
    public synchronized ScriptedHttpClient fail(String action, String code, String message) {
        answers.computeIfAbsent(action, key -> new ArrayDeque<>()).add(error(code, message));
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
            Answer answer = next(action);
            if (answer == null) {
                answer = error("NotScripted", "no answer scripted for " + action);
            }
            request.responseHandler().onHeaders(SdkHttpResponse.builder().statusCode(answer.status())
                    .putHeader("Content-Type", "text/xml").build());
            request.responseHandler().onStream(AsyncRequestBody.fromString(answer.body()));
        });
    }

    @Override
    public String clientName() {
        return "scripted";
    }

    @Override
    public void close() {
    }

    private synchronized Answer next(String action) {
        Deque<Answer> queue = answers.get(action);
        return queue == null ? null : queue.poll();
    }

    private static Answer error(String code, String message) {
        return new Answer(400, "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message
                + "</Message></Error><RequestId>scripted</RequestId></ErrorResponse>");
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
