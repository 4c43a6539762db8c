package dev.scaffold.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HTTP/1.1 request as a client sent it to {@link FaultInjectingProxy}, read from the connection. */
record ProxiedRequest(String method, String target, Map<String, List<String>> headers, byte[] body) {

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    /** CR LF CR LF, the blank line that ends a request head, as the last four bytes read. */
    private static final int END_OF_HEAD = 0x0D0A0D0A;
    private static final Pattern SIGNING_SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/");

    /** Reads the next request; {@code null} when the client closed the connection between requests. */
    static ProxiedRequest read(InputStream in, OutputStream out) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return null;
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3) {
            throw new IOException("not an HTTP request line: " + lines[0]);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).strip(), key -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
        }
        ProxiedRequest withoutBody = new ProxiedRequest(requestLine[0], requestLine[1], headers, new byte[0]);
        if ("100-continue".equalsIgnoreCase(withoutBody.header("Expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        return new ProxiedRequest(requestLine[0], requestLine[1], headers, withoutBody.readBody(in));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != END_OF_HEAD) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("the connection closed in the middle of a request head");
            }
            head.write(b);
            lastFour = (lastFour << 8) | b;
            if (head.size() > MAX_HEADER_BYTES) {
                throw new IOException("request head longer than " + MAX_HEADER_BYTES + " bytes");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] readBody(InputStream in) throws IOException {
        if ("chunked".equalsIgnoreCase(header("Transfer-Encoding"))) {
            return readChunked(in);
        }
        String length = header("Content-Length");
        return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers are not forwarded
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed in the middle of a chunked body");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    String header(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    boolean keepAlive() {
        return !"close".equalsIgnoreCase(header("Connection"));
    }

    /** The Query {@code Action}, the JSON protocol's target operation, or else method and path. */
    String operation() {
        String form = new String(body, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        String target = header("X-Amz-Target");
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        return method + " " + target().split("\\?")[0];
    }

    /** The signing name of the service, e.g. {@code ec2} or {@code elasticloadbalancing}; empty if unsigned. */
    String service() {
        String authorization = header("Authorization");
        Matcher service = SIGNING_SERVICE.matcher(authorization == null ? "" : authorization);
        return service.find() ? service.group(1) : "";
    }

    /** What makes two requests the same call: a retry differs only in its signature and attempt headers. */
    String replayKey() {
        return method + " " + target + "\n" + new String(body, StandardCharsets.UTF_8);
    }
}
