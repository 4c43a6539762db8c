package dev.scaffold.testing;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * An SDK async HTTP client that sends nothing: it answers each request from a script and keeps the request.
 * For an operation the emulator lacks or bends ({@link EmulatorGaps}), a test scripts the answer AWS documents
 * and asserts the exact request the product made. A test gives it to one service's client before the product
 * builds that client, e.g. {@code aws.client(CloudWatchLogsAsyncClient.class, CloudWatchLogsAsyncClient::builder,
 * b -> b.httpClient(scripted))}; a request without a scripted answer fails.
 */
public final class ScriptedHttpClient implements SdkAsyncHttpClient {

    /**
     * A request as the service received it.
     *
     * @param operation the JSON protocol's target operation or the Query {@code Action}, e.g. {@code AssociateKmsKey}
     * @param body the request's body, as sent
     */
    public record Request(String operation, String body) {
    }

    private record Answer(int status, String contentType, String body) {
    }

    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** The next request for {@code operation} is answered with this status and JSON body (JSON protocol services). */
    public synchronized ScriptedHttpClient answerJson(String operation, int status, String json) {
        answers.computeIfAbsent(operation, key -> new ArrayDeque<>())
                .add(new Answer(status, "application/x-amz-json-1.1", json));
        return this;
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        request.requestContentPublisher().subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer bytes) {
                byte[] chunk = new byte[bytes.remaining()];
                bytes.get(chunk);
                body.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable failure) {
                answered.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                answer(request, body.toString(StandardCharsets.UTF_8), answered);
            }
        });
        return answered;
    }

    private void answer(AsyncExecuteRequest request, String body, CompletableFuture<Void> answered) {
        String operation = operation(request.request(), body);
        requests.add(new Request(operation, body));
        Answer answer;
        synchronized (this) {
            Deque<Answer> scripted = answers.get(operation);
            answer = scripted == null ? null : scripted.poll();
        }
        if (answer == null) {
            IllegalStateException unscripted = new IllegalStateException("no answer scripted for " + operation);
            request.responseHandler().onError(unscripted);
            answered.completeExceptionally(unscripted);
            return;
        }
        request.responseHandler().onHeaders(SdkHttpResponse.builder().statusCode(answer.status())
                .putHeader("Content-Type", answer.contentType())
                .putHeader("x-amzn-RequestId", "scripted-" + requests.size()).build());
        request.responseHandler().onStream(AsyncRequestBody.fromString(answer.body()));
        answered.complete(null);
    }

    private static String operation(SdkHttpRequest request, String body) {
        String target = request.firstMatchingHeader("X-Amz-Target").orElse(null);
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        for (String pair : body.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return request.method() + " " + request.encodedPath();
    }

    @Override
    public String clientName() {
        return "scripted";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
