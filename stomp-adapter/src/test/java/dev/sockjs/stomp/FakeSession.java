package dev.sockjs.stomp;

import dev.sockjs.server.SockJsSession;
import dev.sockjs.stomp.frame.StompDecoder;
import dev.sockjs.stomp.frame.StompFrame;
import dev.sockjs.stomp.frame.StompProtocolException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A SockJS session in memory: records what the server sends, and whether it closed. */
final class FakeSession implements SockJsSession {

    /** What the server sent: written by whichever thread delivers (a broker relay's, say). */
    final List<String> sent = new CopyOnWriteArrayList<>();
    int closeCode;
    /** How often anything asked to close this session. */
    int closeCalls;
    long buffered;
    Principal principal;
    private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();
    private final StompServer server;
    private int read;

    FakeSession(StompServer server) {
        this.server = server;
        server.onOpen(this);
    }

    /** Sends text as one SockJS message. */
    FakeSession receive(String text) {
        server.onMessage(this, text);
        return this;
    }

    FakeSession connect(String headers) {
        return receive("CONNECT\naccept-version:1.2\nhost:test\n" + headers + "\n\0");
    }

    /** Frames sent since the last call (heart-beat newlines skipped). */
    List<StompFrame> frames() {
        List<StompFrame> frames = new ArrayList<>();
        StompDecoder decoder = new StompDecoder(new StompDecoder.Limits(1 << 20, 100, 1 << 16));
        for (; read < sent.size(); read++) {
            byte[] bytes = sent.get(read).getBytes(StandardCharsets.UTF_8);
            try {
                decoder.decode(bytes, 0, bytes.length, frames::add);
            } catch (StompProtocolException e) {
                throw new AssertionError("the server sent a malformed frame: " + sent.get(read), e);
            }
        }
        return frames;
    }

    /** Waits for the next frame sent, delivered by another thread; {@code null} if none came in time. */
    StompFrame awaitFrame(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<StompFrame> pending = frames();
        while (pending.isEmpty()) {
            synchronized (this) {
                long left = deadline - System.nanoTime();
                if (sent.size() == read) {
                    if (left <= 0) {
                        return null;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
            pending = frames();
        }
        if (pending.size() > 1) {
            throw new AssertionError("expected one frame, got " + pending);
        }
        return pending.get(0);
    }

    /** The one frame sent since the last call. */
    StompFrame frame() {
        List<StompFrame> frames = frames();
        if (frames.size() != 1) {
            throw new AssertionError("expected one frame, got " + frames);
        }
        return frames.get(0);
    }

    boolean closed() {
        return closeCode != 0;
    }

    @Override
    public boolean send(String message) {
        if (closed()) {
            return false;
        }
        sent.add(message);
        synchronized (this) {
            notifyAll();
        }
        return true;
    }

    @Override
    public long bufferedAmount() {
        return buffered;
    }

    @Override
    public void close() {
        close(3000, "Go away!");
    }

    @Override
    public void close(int code, String reason) {
        closeCalls++;
        if (closeCode == 0) {
            closeCode = code;
            server.onClose(this, code, reason);
        }
    }

    @Override
    public boolean isOpen() {
        return !closed();
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return InetSocketAddress.createUnresolved("127.0.0.1", 1);
    }

    @Override
    public Map<String, List<String>> headers() {
        return Map.of();
    }

    @Override
    public ConcurrentMap<String, Object> attributes() {
        return attributes;
    }
}
