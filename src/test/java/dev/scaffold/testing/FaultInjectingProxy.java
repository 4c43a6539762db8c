package dev.scaffold.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP/1.1 reverse proxy in front of the AWS emulator that fails a share of the requests it
 * gets, as a busy AWS and a flaky network do. Tests give scaffold its {@link #endpoint()} instead of
 * the emulator's; product code never knows it is there.
 *
 * <p>A seeded random generator picks which requests fail and how, among the {@link Fault} kinds it
 * was given; requests draw from it in the order they arrive, so the same seed repeats the same faults
 * exactly when they arrive one at a time. Throttling and server errors answer in the service's own error format (EC2's
 * {@code <Response><Errors>…}, the other Query services' {@code <ErrorResponse>…}) and are not
 * forwarded; a dropped connection is closed without an answer and not forwarded; a lost response is
 * forwarded, so the emulator acts on it, and then the client's connection is reset before the answer
 * is sent. Tests can also script the next fault of an operation ({@link #inject}, {@link #answer}).
 *
 * <p>It counts each fault and each forwarded request, and keeps the forwarded operations in order
 * (the {@code Action} of a Query request, e.g. {@code DeleteTargetGroup}), for tests of call order,
 * and which operation each fault hit.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    /** How a request fails. */
    public enum Fault {
        /** HTTP 400 with the service's throttling error, not forwarded. */
        THROTTLING,
        /** HTTP 500 or 503 with the service's error, not forwarded. */
        SERVER_ERROR,
        /** The connection is closed without an answer; the request is not forwarded. */
        DROPPED_CONNECTION,
        /** The request is forwarded, then the connection is reset before the answer is sent. */
        LOST_RESPONSE
    }

    /** Headers the JDK's HTTP client sets itself, and the hop-by-hop ones that concern one connection only. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "date", "via", "from", "warning");

    private final URI upstream;
    private final double failureRate;
    private final List<Fault> kinds;
    private final Random random;
    private final ServerSocket server;
    private final HttpClient http;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<Fault, AtomicInteger> faults = new EnumMap<>(Fault.class);
    private final AtomicInteger forwarded = new AtomicInteger();
    private final List<String> forwardedOperations = new CopyOnWriteArrayList<>();
    private final List<String> injected = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Scripted>> scripted = new HashMap<>();
    private final Set<String> replayedOperations = ConcurrentHashMap.newKeySet();
    private final Map<String, Answer> lostAnswers = new ConcurrentHashMap<>();
    private volatile AnswerShaper shaper = AnswerShaper.NONE;
    private volatile boolean closed;

    /**
     * Changes the emulator's answers on their way back, e.g. to make a load balancer take as long to
     * become active as it does on AWS ({@link AwsLatencies}).
     */
    public interface AnswerShaper {

        /** Leaves every answer as it is. */
        AnswerShaper NONE = (operation, body) -> body;

        /** The body to answer {@code operation} with, given what the emulator answered; may take its time. */
        byte[] shape(String operation, byte[] body) throws InterruptedException;
    }

    private FaultInjectingProxy(URI upstream, double failureRate, long seed, Set<Fault> kinds) throws IOException {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("the failure rate is a fraction between 0 and 1, not " + failureRate);
        }
        if (failureRate > 0 && kinds.isEmpty()) {
            throw new IllegalArgumentException("a proxy that fails requests needs at least one kind of fault");
        }
        this.upstream = upstream;
        this.failureRate = failureRate;
        this.kinds = List.copyOf(EnumSet.copyOf(kinds.isEmpty() ? EnumSet.allOf(Fault.class) : kinds));
        this.random = new Random(seed);
        for (Fault fault : Fault.values()) {
            faults.put(fault, new AtomicInteger());
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        this.connections = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fault-proxy");
            thread.setDaemon(true);
            return thread;
        });
        connections.execute(this::acceptLoop);
    }

    /**
     * Starts a proxy on an ephemeral port of 127.0.0.1 that forwards to {@code upstream} and fails
     * {@code failureRate} of the requests, each with one of {@code kinds} chosen by a generator seeded
     * with {@code seed}.
     */
    public static FaultInjectingProxy start(URI upstream, double failureRate, long seed, Set<Fault> kinds)
            throws IOException {
        return new FaultInjectingProxy(upstream, failureRate, seed, kinds);
    }

    /** A proxy that fails nothing by chance; faults come only from {@link #inject} and {@link #answer}. */
    public static FaultInjectingProxy passThrough(URI upstream) throws IOException {
        return new FaultInjectingProxy(upstream, 0, 0, EnumSet.noneOf(Fault.class));
    }

    /** Has every forwarded answer go through {@code answers} before the client gets it. */
    public void shapeAnswers(AnswerShaper answers) {
        this.shaper = answers;
    }

    /** Where clients reach the proxy, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** How many requests failed with {@code fault}, by chance or scripted. */
    public int count(Fault fault) {
        return faults.get(fault).get();
    }

    /** How many requests reached the emulator (those whose answer was lost included). */
    public int forwarded() {
        return forwarded.get();
    }

    /** The operations of the forwarded requests, in the order the emulator received them. */
    public List<String> forwardedOperations() {
        return List.copyOf(forwardedOperations);
    }

    /** Each fault injected so far, in order, as {@code FAULT Operation}, e.g. {@code LOST_RESPONSE CreateTargetGroup}. */
    public List<String> injected() {
        return List.copyOf(injected);
    }

    /** The next request for {@code operation} fails with {@code fault}, whatever the chance says. */
    public synchronized void inject(String operation, Fault fault) {
        scripted.computeIfAbsent(operation, key -> new ArrayDeque<>()).add(new Scripted(fault, 0, null, null));
    }

    /**
     * The next request for {@code operation} is answered with AWS's error {@code code}, in the
     * service's format, without reaching the emulator: for errors AWS gives that the emulator does not.
     */
    public synchronized void answer(String operation, int status, String code, String message) {
        scripted.computeIfAbsent(operation, key -> new ArrayDeque<>()).add(new Scripted(null, status, code, message));
    }

    /**
     * Makes {@code operations} idempotent for a retry, as AWS's are and the emulator's are not: the
     * answer of such a request whose response was lost is kept, and the first identical request after
     * it gets that answer instead of reaching the emulator again.
     */
    public void replayLostAnswersOf(Set<String> operations) {
        replayedOperations.addAll(operations);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(FaultInjectingProxy::closeQuietly);
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            open.add(client);
            connections.execute(() -> serve(client));
        }
    }

    /** Serves one client connection, request after request, until either side closes it. */
    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (!closed) {
                ProxiedRequest request = ProxiedRequest.read(in, out);
                if (request == null) {
                    return;
                }
                if (!handle(request, client, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or this proxy closed the connection on purpose
        } finally {
            open.remove(client);
        }
    }

    /** Answers or fails one request; whether the connection stays open for the next. */
    private boolean handle(ProxiedRequest request, Socket client, OutputStream out) throws IOException {
        String operation = request.operation();
        Scripted script = nextScripted(operation);
        if (script != null && script.code() != null) {
            writeAnswer(out, errorAnswer(request, script.status(), script.code(), script.message()), request);
            return request.keepAlive();
        }
        Fault fault = script != null ? script.fault() : chooseFault();
        if (fault == null) {
            writeAnswer(out, forward(request), request);
            return request.keepAlive();
        }
        faults.get(fault).incrementAndGet();
        injected.add(fault + " " + operation);
        switch (fault) {
            case THROTTLING -> writeAnswer(out, throttled(request), request);
            case SERVER_ERROR -> writeAnswer(out, serverError(request), request);
            case DROPPED_CONNECTION -> {
                client.close();
                return false;
            }
            case LOST_RESPONSE -> {
                Answer answer = forward(request);
                if (replayedOperations.contains(operation) && answer.status() / 100 == 2) {
                    lostAnswers.put(request.replayKey(), answer);
                }
                reset(client);
                return false;
            }
            default -> throw new IllegalStateException("unknown fault " + fault);
        }
        return request.keepAlive();
    }

    private synchronized Scripted nextScripted(String operation) {
        Deque<Scripted> queue = scripted.get(operation);
        return queue == null ? null : queue.poll();
    }

    private synchronized Fault chooseFault() {
        if (failureRate == 0 || random.nextDouble() >= failureRate) {
            return null;
        }
        return kinds.get(random.nextInt(kinds.size()));
    }

    private Answer forward(ProxiedRequest request) throws IOException {
        Answer replayed = lostAnswers.remove(request.replayKey());
        if (replayed != null) {
            return replayed;
        }
        HttpRequest.Builder upstreamRequest = HttpRequest.newBuilder(upstream.resolve(request.target()))
                .timeout(Duration.ofSeconds(60))
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> upstreamRequest.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(upstreamRequest.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding " + request.operation(), e);
        }
        forwarded.incrementAndGet();
        forwardedOperations.add(request.operation());
        byte[] body;
        try {
            body = shaper.shape(request.operation(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while answering " + request.operation(), e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, values);
            }
        });
        return new Answer(response.statusCode(), headers, body);
    }

    private Answer throttled(ProxiedRequest request) {
        if (jsonProtocol(request)) {
            return errorAnswer(request, 400, "ThrottledException", "Rate exceeded");
        }
        return request.service().equals("ec2")
                ? errorAnswer(request, 400, "RequestLimitExceeded", "Request limit exceeded.")
                : errorAnswer(request, 400, "Throttling", "Rate exceeded");
    }

    /** Whether the service speaks AWS's JSON protocol (the operation in X-Amz-Target), as the tagging API does. */
    private static boolean jsonProtocol(ProxiedRequest request) {
        return request.header("X-Amz-Target") != null;
    }

    private Answer serverError(ProxiedRequest request) {
        boolean unavailable;
        synchronized (this) {
            unavailable = random.nextBoolean();
        }
        if (request.service().equals("ec2")) {
            return unavailable
                    ? errorAnswer(request, 503, "Unavailable", "The server is overloaded and can't handle the request.")
                    : errorAnswer(request, 500, "InternalError", "An internal error has occurred.");
        }
        return unavailable
                ? errorAnswer(request, 503, "ServiceUnavailable", "Service is unavailable.")
                : errorAnswer(request, 500, "InternalFailure", "An internal error has occurred.");
    }

    /**
     * An error as the service writes it: the JSON-protocol services as {@code {"__type": CODE, "message": …}},
     * the Query services in XML, EC2 in {@code <Response><Errors>}, the others in {@code <ErrorResponse>}.
     */
    private static Answer errorAnswer(ProxiedRequest request, int status, String code, String message) {
        String requestId = "fault-" + Integer.toHexString(System.identityHashCode(request));
        if (jsonProtocol(request)) {
            String json = "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}";
            return new Answer(status, Map.of("Content-Type", List.of("application/x-amz-json-1.1"),
                    "x-amzn-RequestId", List.of(requestId)), json.getBytes(StandardCharsets.UTF_8));
        }
        String body = request.service().equals("ec2")
                ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                        + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>" + requestId
                        + "</RequestID></Response>"
                : "<ErrorResponse><Error><Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + code
                        + "</Code><Message>" + message + "</Message></Error><RequestId>" + requestId
                        + "</RequestId></ErrorResponse>";
        return new Answer(status, Map.of("Content-Type", List.of("text/xml")), body.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeAnswer(OutputStream out, Answer answer, ProxiedRequest request) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(answer.status()).append(' ')
                .append(reason(answer.status())).append("\r\n");
        answer.headers().forEach((name, values) -> values.forEach(value ->
                head.append(name).append(": ").append(value).append("\r\n")));
        boolean withBody = !request.method().equals("HEAD");
        head.append("Content-Length: ").append(answer.body().length).append("\r\n");
        if (!request.keepAlive()) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        // One write, so the answer leaves in one segment rather than waiting on the client's delayed ACK.
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            whole.writeBytes(answer.body());
        }
        out.write(whole.toByteArray());
        out.flush();
    }

    /** Closes with a TCP reset rather than an orderly close, as a network that loses an answer does. */
    private static void reset(Socket client) {
        try {
            client.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed: reset or not, the answer is lost
        }
        closeQuietly(client);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to close
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    /** The proxy's counters at a glance, for assertion messages. */
    @Override
    public String toString() {
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        faults.forEach((fault, count) -> counts.put(fault, count.get()));
        return "FaultInjectingProxy[" + endpoint() + " → " + upstream + ", forwarded " + forwarded.get()
                + ", faults " + Collections.unmodifiableMap(counts) + "]";
    }

    /** A scripted fault: either a {@link Fault} or an error answer. */
    private record Scripted(Fault fault, int status, String code, String message) {
    }

    /** An answer to send, the emulator's or this proxy's. */
    private record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }
}
