package dev.sockjs.harness.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.x connection over a plain socket, byte for byte under the test's control. A read that expects data
 * waits up to ten seconds (the protocol suite waits one; a busy machine can take longer, and a correct server
 * answers well before either).
 */
final class RawHttp implements AutoCloseable {

    static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(String url) throws IOException {
        URI uri = URI.create(url);
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The status line and headers of a response. */
    static final class Head {
        final String http;
        final int status;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Head(String http, int status) {
            this.http = http;
            this.status = status;
        }

        /** The header's value, or {@code null}. */
        String header(String name) {
            return headers.get(name);
        }
    }

    /** Sends a request and reads the response head. A POST always carries Content-Length. */
    Head request(String method, String url, Map<String, String> headers, byte[] body, String http)
            throws IOException {
        URI uri = URI.create(url);
        StringBuilder sb = new StringBuilder();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        sb.append(method).append(' ').append(target).append(" HTTP/").append(http).append("\r\n");
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers);
        all.put("Host", uri.getHost() + ":" + uri.getPort());
        if (body != null || method.equals("POST")) {
            all.put("Content-Length", Integer.toString(body == null ? 0 : body.length));
        }
        for (Map.Entry<String, String> h : all.entrySet()) {
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        sb.append("\r\n");
        send(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null && body.length > 0) {
            send(body);
        }
        return readHead();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Head readHead() throws IOException {
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        Head head = new Head(parts[0].substring(5), Integer.parseInt(parts[1]));
        while (true) {
            String line = readLine();
            if (line.isEmpty()) {
                return head;
            }
            int colon = line.indexOf(':');
            head.headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
    }

    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed in the middle of a line");
            }
            line.write(c);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Exactly {@code n} bytes. */
    byte[] read(int n) throws IOException {
        byte[] data = in.readNBytes(n);
        if (data.length < n) {
            throw new IOException("connection closed after " + data.length + " of " + n + " bytes");
        }
        return data;
    }

    /** What one read of the socket returns (up to 64 KiB), or an empty array at end of stream. */
    byte[] readSome() throws IOException {
        byte[] buffer = new byte[65536];
        int n = in.read(buffer);
        return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
    }

    /** Everything until the server closes the connection. */
    byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    /** The data of the next chunk of a chunked body, verifying the CRLF that ends it; empty for the last. */
    byte[] readChunk() throws IOException {
        String sizeLine = readLine();
        int semicolon = sizeLine.indexOf(';');
        int size = Integer.parseInt(semicolon < 0 ? sizeLine.trim() : sizeLine.substring(0, semicolon).trim(), 16);
        byte[] data = read(size + 2);
        if (data[size] != '\r' || data[size + 1] != '\n') {
            throw new IOException("chunk not terminated by CRLF");
        }
        return java.util.Arrays.copyOf(data, size);
    }

    /** Whether the server has closed the connection: nothing more arrives but end of stream. */
    boolean closed() throws IOException {
        if (silentFor(READ_TIMEOUT_MILLIS)) {
            throw new AssertionError("connection not closed within " + READ_TIMEOUT_MILLIS + " ms");
        }
        return true;
    }

    /** Whether the connection stays open with nothing arriving for {@code millis}; false at end of stream. */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int c = in.read();
            if (c >= 0) {
                throw new AssertionError("connection not closed: more data arrived");
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
