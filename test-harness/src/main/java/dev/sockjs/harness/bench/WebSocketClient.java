package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One websocket connection driven by a {@link LoadClient}'s selector thread: the HTTP/1.1 upgrade, then RFC 6455
 * text frames. Client frames are masked with an all-zero key (servers must accept any key; a zero key makes
 * masking free). Not thread-safe: only the selector thread touches it.
 */
final class WebSocketClient {

    /** What the scenario does with a connection. */
    interface Listener {
        void onOpen(WebSocketClient connection);

        void onText(WebSocketClient connection, String text);

        void onClose(WebSocketClient connection, String why);
    }

    private final SocketChannel channel;
    private final SelectionKey key;
    private final Listener listener;
    private final String request;
    private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    private ByteBuffer out = ByteBuffer.allocate(16 * 1024);
    private boolean upgraded;
    private boolean closed;
    /** Scenario state, owned by the scenario. */
    Object attachment;

    WebSocketClient(Selector selector, URI uri, Listener listener) throws IOException {
        this.listener = listener;
        this.channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        this.key = channel.register(selector, SelectionKey.OP_CONNECT, this);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    boolean isOpen() {
        return upgraded && !closed;
    }

    /** Called by the selector loop when the channel is ready. */
    void ready() {
        try {
            if (key.isConnectable() && channel.finishConnect()) {
                out.put(request.getBytes(StandardCharsets.US_ASCII));
                key.interestOps(SelectionKey.OP_READ);
                flush();
            }
            if (key.isValid() && key.isWritable()) {
                flush();
            }
            if (key.isValid() && key.isReadable()) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            close(e.toString());
        }
    }

    /** Sends a text frame. */
    void send(String text) {
        if (closed) {
            return;
        }
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ensureOut(payload.length + 14);
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
        try {
            flush();
        } catch (IOException e) {
            close(e.toString());
        }
    }

    private void ensureOut(int more) {
        if (out.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }

    private void flush() throws IOException {
        out.flip();
        channel.write(out);
        out.compact();
        int ops = key.interestOps();
        boolean pending = out.position() > 0;
        if (pending != ((ops & SelectionKey.OP_WRITE) != 0) && (ops & SelectionKey.OP_CONNECT) == 0) {
            key.interestOps(pending ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE);
        }
    }

    private void read() throws IOException {
        int n = channel.read(in);
        if (n < 0) {
            close("server closed the connection");
            return;
        }
        in.flip();
        if (!upgraded) {
            int end = headersEnd();
            if (end < 0) {
                in.compact();
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
        while (!closed && frame()) {
            continue;
        }
        in.compact();
        if (in.position() == in.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
            in.flip();
            bigger.put(in);
            in = bigger;
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
        String text = opcode == 1 ? new String(in.array(), start + header, (int) length, StandardCharsets.UTF_8) : null;
        in.position(start + header + (int) length);
        if (opcode == 1) {
            listener.onText(this, text);
        } else if (opcode == 8) {
            close("server sent a close frame");
        } else if (opcode == 9) {
            ensureOut(14);
            out.put((byte) 0x8a).put((byte) 0x80).putInt(0);
        }
        return true;
    }

    void close(String why) {
        if (closed) {
            return;
        }
        closed = true;
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        listener.onClose(this, why);
    }
}
