package dev.sockjs.harness.behaviour;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A minimal HTTP/1.1 client over a raw socket, enough for the behaviour tests. */
final class Client implements AutoCloseable {

    final Socket socket;
    private final InputStream in;
    int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    /** Bytes of a chunked body read past the last {@link #bodyLine}. */
    private final ByteArrayOutputStream bodyRead = new ByteArrayOutputStream();

    private Client(String url) throws IOException {
        URI uri = URI.create(url);
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    /** Sends a request and reads the response head. */
    static Client open(String method, String url, Map<String, String> headers, byte[] body) throws IOException {
        Client c = new Client(url);
        URI uri = URI.create(url);
        StringBuilder sb = new StringBuilder().append(method).append(' ').append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        if (body != null && !headers.containsKey("Transfer-Encoding")) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        c.socket.getOutputStream().write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            c.socket.getOutputStream().write(body);
        }
        c.socket.getOutputStream().flush();
        c.readHead();
        return c;
    }

    /** A complete request: status and body. */
    static Response request(String method, String url, Map<String, String> headers, String body) throws IOException {
        try (Client c = open(method, url, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8))) {
            return new Response(c.status, c.headers, c.body());
        }
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private void readHead() throws IOException {
        String statusLine = line();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        String l;
        while (!(l = line()).isEmpty()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * The next line of a chunked body, decoded as UTF-8 once whole, whatever chunks carry its bytes; what was read
     * past it waits for the next call.
     */
    String bodyLine() throws IOException {
        while (true) {
            byte[] bytes = bodyRead.toByteArray();
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    bodyRead.reset();
                    bodyRead.write(bytes, i + 1, bytes.length - i - 1);
                    return new String(bytes, 0, i, StandardCharsets.UTF_8);
                }
            }
            int size = Integer.parseInt(line().trim(), 16);
            if (size == 0) {
                throw new IOException("the body ended");
            }
            bodyRead.write(in.readNBytes(size));
            line();
        }
    }

    /** The next chunk of a chunked body; "" for the last. */
    String chunk() throws IOException {
        int size = Integer.parseInt(line().trim(), 16);
        String data = new String(in.readNBytes(size), StandardCharsets.UTF_8);
        line();
        return data;
    }

    /** The whole body. */
    String body() throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            StringBuilder sb = new StringBuilder();
            String c;
            while (!(c = chunk()).isEmpty()) {
                sb.append(c);
            }
            return sb.toString();
        }
        String length = headers.get("content-length");
        if (length != null) {
            return new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        }
        if (status == 204 || status == 304) {
            return "";
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
