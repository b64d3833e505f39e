package dev.sockjs.harness.conformance;

import dev.sockjs.harness.HandledRequests;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** The protocol suite's request helpers: synchronous GET/POST/OPTIONS and streaming GET/POST. */
final class Http {

    private Http() {
    }

    /** A complete response. */
    static final class Response {
        final RawHttp.Head head;
        final byte[] body;

        Response(RawHttp.Head head, byte[] body) {
            this.head = head;
            this.body = body;
        }

        int status() {
            return head.status;
        }

        String header(String name) {
            return head.header(name);
        }

        String body() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Response get(String url) throws IOException {
        return get(url, Map.of());
    }

    static Response get(String url, Map<String, String> headers) throws IOException {
        return sync("GET", url, headers, null);
    }

    static Response post(String url) throws IOException {
        return sync("POST", url, Map.of(), null);
    }

    static Response post(String url, String body) throws IOException {
        return sync("POST", url, Map.of(), body);
    }

    static Response post(String url, String body, Map<String, String> headers) throws IOException {
        return sync("POST", url, headers, body);
    }

    static Response options(String url, Map<String, String> headers) throws IOException {
        return sync("OPTIONS", url, headers, null);
    }

    /** Reads the body the way the response says it is delimited; a response that does not say is an error. */
    static Response sync(String method, String url, Map<String, String> headers, String body) throws IOException {
        try (RawHttp c = new RawHttp(url)) {
            RawHttp.Head head = c.request(method, url, headers,
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8), "1.1");
            byte[] data;
            String te = head.header("Transfer-Encoding");
            String cl = head.header("Content-Length");
            if (te != null && te.toLowerCase(Locale.ROOT).equals("chunked")) {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                byte[] chunk;
                while ((chunk = c.readChunk()).length > 0) {
                    all.write(chunk);
                }
                data = all.toByteArray();
            } else if (cl != null && !cl.isEmpty()) {
                data = c.read(Integer.parseInt(cl));
            } else if (connectionClose(head)) {
                data = c.readToEnd();
            } else if (head.status == 101 || head.status == 304 || head.status == 204
                    || (head.status == 200 && method.equals("OPTIONS"))) {
                data = new byte[0];
            } else {
                throw new AssertionError(head.status + " " + head.headers
                        + ": neither Transfer-Encoding: chunked nor Content-Length nor Connection: close");
            }
            return new Response(head, data);
        }
    }

    private static boolean connectionClose(RawHttp.Head head) {
        String connection = head.header("Connection");
        return connection != null && Arrays.stream(connection.toLowerCase(Locale.ROOT).split(","))
                .map(String::trim).anyMatch("close"::equals);
    }

    /** A response read piece by piece: chunk by chunk, or as the socket delivers. */
    static final class Streaming implements AutoCloseable {
        private final RawHttp connection;
        final RawHttp.Head head;
        private final boolean chunked;
        private final int contentLength;

        private Streaming(RawHttp connection, RawHttp.Head head) {
            this.connection = connection;
            this.head = head;
            String te = head.header("Transfer-Encoding");
            String cl = head.header("Content-Length");
            this.chunked = te != null && te.toLowerCase(Locale.ROOT).equals("chunked");
            this.contentLength = cl == null || cl.isEmpty() ? -1 : Integer.parseInt(cl);
            if (!chunked && contentLength < 0 && !connectionClose(head) && head.status != 101) {
                throw new AssertionError(head.status + " " + head.headers
                        + ": neither Transfer-Encoding: chunked nor Content-Length nor Connection: close");
            }
        }

        int status() {
            return head.status;
        }

        String header(String name) {
            return head.header(name);
        }

        /** The next chunk (chunked), the body (Content-Length), or the next socket read; "" at the end. */
        String read() throws IOException {
            byte[] data;
            if (chunked) {
                data = connection.readChunk();
            } else if (contentLength >= 0) {
                data = connection.read(contentLength);
            } else {
                data = connection.readSome();
            }
            return new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }

    static Streaming getAsync(String url) throws IOException {
        return async("GET", url, Map.of());
    }

    static Streaming postAsync(String url) throws IOException {
        return async("POST", url, Map.of());
    }

    static Streaming async(String method, String url, Map<String, String> headers) throws IOException {
        RawHttp c = new RawHttp(url);
        try {
            return new Streaming(c, c.request(method, url, headers, null, "1.1"));
        } catch (IOException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /**
     * Sends a POST and reads nothing: a poll left pending, as the suite's {@code old_POST_async(load=False)}.
     * Returns once the server has handled the request (for a poll: attached it), where the suite sleeps 250 ms.
     */
    static RawHttp postWithoutReading(String url) throws IOException {
        RawHttp c = new RawHttp(url);
        URI uri = URI.create(url);
        try {
            int handled = handled(uri.getRawPath(), 0);
            c.send(("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            handled(uri.getRawPath(), handled + 1);
            return c;
        } catch (IOException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /**
     * Asks the server under test how many requests for {@code path} it has handled, once it has handled at least
     * {@code count} (see {@link HandledRequests}).
     */
    private static int handled(String path, int count) throws IOException {
        Response r = get(SockJsConformance.TOP + HandledRequests.PATH + "?path="
                + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&count=" + count);
        if (r.status() != 200) {
            throw new AssertionError("the server did not handle request " + count + " for " + path + ": "
                    + r.status() + " " + r.body());
        }
        return Integer.parseInt(r.body());
    }
}
