package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection driven by a {@link LoadClient}'s selector thread, one request at a time.
 * Response bodies (with {@code Content-Length}, chunked, or up to end of stream) are handed to the listener line
 * by line as they arrive, which is how every SockJS HTTP transport frames its messages.
 */
final class HttpClientConnection extends NioConnection {

    /** What the scenario does with the responses. */
    interface Listener {
        /** A complete line of the current response's body, without its {@code \n}. */
        void onLine(HttpClientConnection connection, String line);

        /** The current response is complete; the connection takes a new request. */
        void onResponse(HttpClientConnection connection, int status);

        void onClose(HttpClientConnection connection, String why);
    }

    private enum State { IDLE, HEAD, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_EOF }

    private static final int MAX_LINE = 1 << 20;

    private final Listener listener;
    private final String hostHeader;
    private final LineBuffer line = new LineBuffer();
    private State state = State.IDLE;
    private int status;
    private long remaining;
    private boolean closeAfterResponse;
    private long requestSentNanos;

    HttpClientConnection(Selector selector, URI uri, Listener listener) throws IOException {
        super(selector, uri);
        this.listener = listener;
        this.hostHeader = uri.getHost() + ":" + uri.getPort();
    }

    /** Whether a request may be sent now: connected or connecting, and no response pending. */
    boolean isIdle() {
        return !isClosed() && state == State.IDLE;
    }

    /**
     * Sends a request ({@code body} may be {@code null}); its response comes to the listener.
     *
     * @throws IllegalStateException if the previous response has not completed
     */
    void request(String method, String path, String body) {
        if (isClosed()) {
            return;
        }
        if (state != State.IDLE) {
            throw new IllegalStateException("a response is still pending on this connection");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nContent-Length: "
                + content.length + "\r\n" + (content.length > 0 ? "Content-Type: text/plain\r\n" : "") + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        output(headBytes.length + content.length).put(headBytes).put(content);
        state = State.HEAD;
        requestSentNanos = System.nanoTime();
        status = 0;
        closeAfterResponse = false;
        line.clear();
        flush();
    }

    @Override
    void received() throws IOException {
        while (!isClosed() && in.hasRemaining() && step()) {
            continue;
        }
    }

    @Override
    String endOfStream() {
        if (state == State.UNTIL_EOF) {
            complete();
        }
        if (state == State.IDLE) {
            return "server closed the connection";
        }
        return "server closed the connection " + (System.nanoTime() - requestSentNanos) / 1_000_000
                + " ms after a request it had not answered (" + state + ")";
    }

    /** Consumes what the current state can from {@code in}; {@code false} when it needs more bytes. */
    private boolean step() throws IOException {
        switch (state) {
            case IDLE -> throw new IOException("the server sent bytes while no request was pending");
            case HEAD -> {
                int end = indexOf(in, "\r\n\r\n");
                if (end < 0) {
                    return false;
                }
                String head = new String(in.array(), in.position(), end - in.position(), StandardCharsets.ISO_8859_1);
                in.position(end + 4);
                parseHead(head);
            }
            case LENGTH, UNTIL_EOF -> {
                int take = state == State.LENGTH ? (int) Math.min(remaining, in.remaining()) : in.remaining();
                body(take);
                remaining -= take;
                if (state == State.LENGTH && remaining == 0) {
                    complete();
                }
            }
            case CHUNK_SIZE, TRAILER -> {
                int end = indexOf(in, "\r\n");
                if (end < 0) {
                    return false;
                }
                String text = new String(in.array(), in.position(), end - in.position(), StandardCharsets.ISO_8859_1);
                in.position(end + 2);
                if (state == State.TRAILER) {
                    if (text.isEmpty()) {
                        complete();
                    }
                } else {
                    int semicolon = text.indexOf(';');
                    remaining = Long.parseLong((semicolon < 0 ? text : text.substring(0, semicolon)).trim(), 16);
                    state = remaining == 0 ? State.TRAILER : State.CHUNK_DATA;
                }
            }
            case CHUNK_DATA -> {
                int take = (int) Math.min(remaining, in.remaining());
                body(take);
                remaining -= take;
                if (remaining == 0) {
                    state = State.CHUNK_END;
                }
            }
            case CHUNK_END -> {
                if (in.remaining() < 2) {
                    return false;
                }
                if (in.get() != '\r' || in.get() != '\n') {
                    throw new IOException("chunk not terminated by CRLF");
                }
                state = State.CHUNK_SIZE;
            }
            default -> throw new IllegalStateException(state.toString());
        }
        return true;
    }

    private void parseHead(String head) throws IOException {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + lines[0]);
        }
        status = Integer.parseInt(statusLine[1]);
        closeAfterResponse = statusLine[0].equals("HTTP/1.0");
        long length = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closeAfterResponse = value.contains("close")
                        || (closeAfterResponse && !value.contains("keep-alive"));
                default -> {
                }
            }
        }
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (length >= 0 || status == 204 || status == 304) {
            remaining = Math.max(0, length);
            state = State.LENGTH;
            if (remaining == 0) {
                complete();
            }
        } else {
            state = State.UNTIL_EOF;
        }
    }

    private void body(int length) throws IOException {
        byte[] array = in.array();
        int start = in.position();
        int end = start + length;
        for (int i = start; i < end; i++) {
            if (array[i] == '\n') {
                line.append(array, start, i - start);
                listener.onLine(this, line.take());
                start = i + 1;
            }
        }
        line.append(array, start, end - start);
        in.position(end);
    }

    private void complete() {
        state = State.IDLE;
        if (line.length() > 0) {
            listener.onLine(this, line.take());
        }
        if (closeAfterResponse) {
            listener.onResponse(this, status);
            close("the server closed the connection after its response");
            return;
        }
        listener.onResponse(this, status);
    }

    private static int indexOf(ByteBuffer buffer, String ascii) {
        byte[] array = buffer.array();
        int last = buffer.limit() - ascii.length();
        outer:
        for (int i = buffer.position(); i <= last; i++) {
            for (int j = 0; j < ascii.length(); j++) {
                if (array[i + j] != ascii.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    void closed(String why) {
        listener.onClose(this, why);
    }

    /** The bytes of a body line seen so far; lines longer than 1 MiB are a broken server. */
    private static final class LineBuffer {
        private byte[] bytes = new byte[256];
        private int length;

        void append(byte[] from, int offset, int count) throws IOException {
            if (length + count > MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " bytes");
            }
            if (length + count > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
            System.arraycopy(from, offset, bytes, length, count);
            length += count;
        }

        int length() {
            return length;
        }

        String take() {
            String s = new String(bytes, 0, length, StandardCharsets.UTF_8);
            length = 0;
            return s;
        }

        void clear() {
            length = 0;
        }
    }
}
