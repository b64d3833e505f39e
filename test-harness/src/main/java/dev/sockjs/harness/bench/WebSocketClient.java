package dev.sockjs.harness.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One websocket connection driven by a {@link LoadClient}'s selector thread: the HTTP/1.1 upgrade, then RFC 6455
 * text frames. Client frames are masked with an all-zero key (servers must accept any key; a zero key makes
 * masking free).
 */
final class WebSocketClient extends NioConnection {

    /** What the scenario does with a connection. */
    interface Listener {
        void onOpen(WebSocketClient connection);

        void onText(WebSocketClient connection, String text);

        void onClose(WebSocketClient connection, String why);
    }

    private final Listener listener;
    /** The fragments of a text message so far, while one arrives in fragments. */
    private ByteArrayOutputStream fragments;
    private boolean upgraded;

    WebSocketClient(Selector selector, URI uri, Listener listener) throws IOException {
        this(selector, uri, null, listener);
    }

    WebSocketClient(Selector selector, URI uri, InetAddress from, Listener listener) throws IOException {
        super(selector, uri, from);
        this.listener = listener;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
        output(bytes.length).put(bytes);
    }

    boolean isOpen() {
        return upgraded && !isClosed();
    }

    /** Sends a text frame. */
    void send(String text) {
        if (isClosed()) {
            return;
        }
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = output(payload.length + 14);
        out.put((byte) 0x81);
        if (payload.length < 126) {
            out.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65536) {
            out.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            out.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        out.putInt(0);
        out.put(payload);
        flush();
    }

    @Override
    void received() {
        if (!upgraded) {
            int end = headersEnd();
            if (end < 0) {
                return;
            }
            String head = new String(in.array(), 0, end, StandardCharsets.US_ASCII);
            if (!head.startsWith("HTTP/1.1 101")) {
                close("upgrade refused: " + head.lines().findFirst().orElse(""));
                return;
            }
            in.position(end + 4);
            upgraded = true;
            listener.onOpen(this);
        }
        while (!isClosed() && frame()) {
            continue;
        }
    }

    private int headersEnd() {
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Consumes one complete frame if there is one. */
    private boolean frame() {
        int start = in.position();
        if (in.remaining() < 2) {
            return false;
        }
        int b0 = in.get(start) & 0xff;
        int b1 = in.get(start + 1) & 0x7f;
        int header = 2;
        long length = b1;
        if (b1 == 126) {
            if (in.remaining() < 4) {
                return false;
            }
            length = in.getShort(start + 2) & 0xffff;
            header = 4;
        } else if (b1 == 127) {
            if (in.remaining() < 10) {
                return false;
            }
            length = in.getLong(start + 2);
            header = 10;
        }
        if (in.remaining() < header + length) {
            return false;
        }
        int opcode = b0 & 0x0f;
        boolean fin = (b0 & 0x80) != 0;
        int payloadAt = start + header;
        in.position(payloadAt + (int) length);
        if (opcode == 1 && fin) {
            listener.onText(this, new String(in.array(), payloadAt, (int) length, StandardCharsets.UTF_8));
        } else if (opcode == 1 || (opcode == 0 && fragments != null)) {
            // A text message in fragments: servers send a long message's shared part as a fragment of its own.
            if (fragments == null) {
                fragments = new ByteArrayOutputStream();
            }
            fragments.write(in.array(), payloadAt, (int) length);
            if (fin) {
                String text = fragments.toString(StandardCharsets.UTF_8);
                fragments = null;
                listener.onText(this, text);
            }
        } else if (opcode == 8) {
            close("server sent a close frame");
        } else if (opcode == 9) {
            output(6).put((byte) 0x8a).put((byte) 0x80).putInt(0);
            flush();
        }
        return true;
    }

    @Override
    void closed(String why) {
        listener.onClose(this, why);
    }
}
