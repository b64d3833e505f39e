package dev.sockjs.server.websocket;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.MalformedMessageException;
import dev.sockjs.server.http.NonBlockingOutput;
import dev.sockjs.server.session.FrameWriter;
import dev.sockjs.server.session.RequestInfo;
import dev.sockjs.server.session.Session;
import dev.sockjs.server.session.SessionRegistry;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SockJS websocket transport over the obsolete hixie-76 protocol, which some proxies (HAProxy) still
 * forward: the response headers go out first, then the client's 8-byte key arrives and is answered with a
 * 16-byte digest, then text frames are {@code 0x00 <UTF-8> 0xFF}. Runs on the Servlet HTTP upgrade API with
 * non-blocking reads and writes.
 */
public final class Hixie76Connection extends FrameWriter implements HttpUpgradeHandler, ReadListener, WriteListener {

    private static final Logger LOG = LoggerFactory.getLogger(Hixie76Connection.class);

    private SessionRegistry registry;
    private RequestInfo request;
    private int maxMessageSize;
    private final ByteBuffer challenge = ByteBuffer.allocate(16);

    private WebConnection connection;
    private ServletInputStream in;
    private ServletOutputStream out;
    private final byte[] readBuffer = new byte[4096];
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private boolean inMessage;
    private boolean sawCloseStart;
    private volatile boolean closed;

    /** The answer to the client's challenge, the prelude of the session's frames. */
    private volatile byte[] challengeAnswer;

    /** Whether the request is a hixie-76 handshake (two numeric keys, no RFC 6455 key). */
    public static boolean isHixie76(HttpServletRequest req) {
        return req.getHeader("Sec-WebSocket-Key1") != null && req.getHeader("Sec-WebSocket-Key2") != null
                && req.getHeader("Sec-WebSocket-Key") == null;
    }

    /** Answers the handshake headers and hands the connection to a new instance. */
    public static void accept(HttpServletRequest req, HttpServletResponse resp, SessionRegistry registry,
            RequestInfo request, int maxMessageSize) throws IOException, jakarta.servlet.ServletException {
        long key1 = keyNumber(req.getHeader("Sec-WebSocket-Key1"));
        long key2 = keyNumber(req.getHeader("Sec-WebSocket-Key2"));
        String host = req.getHeader("Host");
        if (key1 < 0 || key2 < 0 || host == null) {
            resp.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getOutputStream().write("Not a valid websocket request: bad hixie-76 keys.".getBytes(
                    StandardCharsets.UTF_8));
            return;
        }
        String origin = req.getHeader("Origin");
        resp.setHeader("Upgrade", "WebSocket");
        resp.setHeader("Connection", "Upgrade");
        resp.setHeader("Sec-WebSocket-Origin", origin == null ? "null" : origin);
        resp.setHeader("Sec-WebSocket-Location", (req.isSecure() ? "wss://" : "ws://") + host + req.getRequestURI());
        Hixie76Connection handler = req.upgrade(Hixie76Connection.class);
        handler.registry = registry;
        handler.request = request;
        handler.maxMessageSize = maxMessageSize;
        handler.challenge.putInt((int) key1).putInt((int) key2);
    }

    /** The key's digits as a number, divided by its count of spaces; -1 if the key is malformed. */
    static long keyNumber(String key) {
        long digits = 0;
        int spaces = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                if (digits > 0xffffffffL * 12) {
                    return -1;
                }
            } else if (c == ' ') {
                spaces++;
            }
        }
        if (spaces == 0 || digits % spaces != 0 || digits / spaces > 0xffffffffL) {
            return -1;
        }
        return digits / spaces;
    }

    @Override
    public void init(WebConnection webConnection) {
        this.connection = webConnection;
        try {
            this.in = webConnection.getInputStream();
            this.out = webConnection.getOutputStream();
            in.setReadListener(this);
            out.setWriteListener(this);
        } catch (IOException e) {
            LOG.debug("hixie-76 connection failed at start", e);
            shutdown();
        }
    }

    // ---- reading ----

    @Override
    public void onDataAvailable() throws IOException {
        while (!closed && in.isReady()) {
            int n = in.read(readBuffer);
            if (n < 0) {
                return;
            }
            for (int i = 0; i < n && !closed; i++) {
                consume(readBuffer[i]);
            }
        }
    }

    private void consume(byte b) {
        if (challenge.hasRemaining()) {
            challenge.put(b);
            if (!challenge.hasRemaining()) {
                answerChallenge();
            }
            return;
        }
        if (inMessage) {
            if (b == (byte) 0xff) {
                inMessage = false;
                received(message.toString(StandardCharsets.UTF_8));
                message.reset();
            } else if (message.size() >= maxMessageSize) {
                fail(new IOException("hixie-76 message larger than " + maxMessageSize + " bytes"));
            } else {
                message.write(b);
            }
        } else if (sawCloseStart) {
            closedByClient();
        } else if (b == 0x00) {
            inMessage = true;
        } else if (b == (byte) 0xff) {
            sawCloseStart = true;
        } else {
            fail(new IOException("unsupported hixie-76 frame type " + (b & 0xff)));
        }
    }

    private void answerChallenge() {
        try {
            challengeAnswer = MessageDigest.getInstance("MD5").digest(challenge.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
        connectTo(registry.createUnregistered("websocket", request));
    }

    private void received(String text) {
        if (!WebSocketConnection.deliverSockJsText(session(), text)) {
            fail(new IOException(MalformedMessageException.BROKEN_JSON));
        }
    }

    @Override
    public void onAllDataRead() {
        closedByClient();
    }

    // ---- writing ----

    @Override
    public boolean isPolling() {
        return false;
    }

    @Override
    public void onWritePossible() {
        wake();
    }

    /** Nothing goes out before the client's challenge is answered, which starts the session. */
    @Override
    protected boolean ready() {
        return started() && !closed && out.isReady();
    }

    @Override
    protected void writePrelude() throws IOException {
        write(challengeAnswer);
    }

    @Override
    protected boolean write(Frame frame) throws IOException {
        byte[] text = frame.text().getBytes(StandardCharsets.UTF_8);
        byte[] wire = new byte[text.length + 2];
        System.arraycopy(text, 0, wire, 1, text.length);
        wire[wire.length - 1] = (byte) 0xff;
        write(wire);
        return frame.kind() == Frame.Kind.CLOSE;
    }

    @Override
    protected void end() {
        shutdown();
    }

    @Override
    protected void failed(Exception e) {
        fail(e);
    }

    private void write(byte[] bytes) throws IOException {
        NonBlockingOutput.writeNow(out, bytes);
    }

    // ---- ending ----

    @Override
    public void onError(Throwable t) {
        fail(t);
    }

    private void fail(Throwable t) {
        LOG.debug("hixie-76 connection failed", t);
        Session s = session();
        if (s != null) {
            s.interrupted(this);
        }
        shutdown();
    }

    private void closedByClient() {
        Session s = session();
        if (s != null) {
            s.ended(1000, "Client closed the connection");
        }
        shutdown();
    }

    private void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        Session s = session();
        if (s != null) {
            registry.remove(s);
        }
        try {
            connection.close();
        } catch (Exception e) {
            LOG.debug("Closing a hixie-76 connection failed", e);
        }
    }

    @Override
    public void destroy() {
        Session s = session();
        if (s != null) {
            s.interrupted(this);
        }
        shutdown();
    }
}
