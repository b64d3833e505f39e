package dev.sockjs.server.websocket;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.MalformedMessageException;
import dev.sockjs.server.frame.MessageDecoder;
import dev.sockjs.server.frame.WireText;
import dev.sockjs.server.session.FrameWriter;
import dev.sockjs.server.session.RequestInfo;
import dev.sockjs.server.session.Session;
import dev.sockjs.server.session.SessionRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A websocket carrying one session, whatever container API drives it, written by the shared write loop
 * ({@link FrameWriter}): at most one send in flight, and whatever the application queues meanwhile goes out
 * batched in the next frame. A container adapter calls
 * {@link #opened}, {@link #received(String)}, {@link #sent}, {@link #closed} and {@link #failed}, from any
 * thread but one call at a time per event kind, as websocket APIs do.
 *
 * <p>A container that reads the websocket on an I/O thread although the handler may block hands the connection
 * a lane of worker threads ({@link #handCallbacksTo}): every event that reaches the application then runs there,
 * in order, and the adapter stops reading while {@value #MAX_BACKLOG_CHARS} characters of messages wait for the
 * handler ({@link #received(String)}, {@link WebSocketPeer#resumeReading()}).
 */
public abstract class WebSocketConnection extends FrameWriter {

    /** The close code for a message that breaks the protocol of the endpoint (RFC 6455). */
    static final int INCONSISTENT_DATA = 1007;
    /** The close code for an internal failure (RFC 6455). */
    static final int UNEXPECTED_CONDITION = 1011;
    /** The close code reported for a connection that ended without a close frame (RFC 6455). */
    static final int CLOSED_ABNORMALLY = 1006;

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);
    private static final int MAX_CLOSE_REASON_BYTES = 123;
    /** How much received text may wait for a handler on worker threads before reading pauses. */
    static final int MAX_BACKLOG_CHARS = 64 * 1024;

    private final SessionRegistry registry;
    private final RequestInfo request;
    private final int maxMessageSize;
    private final String transport;

    private volatile WebSocketPeer ws;
    private volatile boolean sending;
    private volatile boolean closed;
    /** Where the application's callbacks run; {@code null}: on the thread that reports the event. */
    private volatile Executor callbacks;
    /** Characters received and not yet handled, while {@link #callbacks} run elsewhere. */
    private final AtomicLong backlogChars = new AtomicLong();

    // Touched only by the thread running the write loop.
    /** The texts of the frame being written, sent one at a time. */
    private final ArrayDeque<WireText> texts = new ArrayDeque<>();
    private Frame closeFrame;

    WebSocketConnection(SessionRegistry registry, RequestInfo request, int maxMessageSize, String transport) {
        this.registry = registry;
        this.request = request;
        this.maxMessageSize = maxMessageSize;
        this.transport = transport;
    }

    /** Adds the texts that carry this frame to {@code out}; a close frame closes the websocket after them. */
    abstract void render(Frame frame, ArrayDeque<WireText> out);

    /** Hands a received text message to the session. */
    abstract void handleText(Session session, String text);

    /** The largest text message to accept, in bytes; the adapter closes with 1009 beyond it. */
    public final int maxMessageSize() {
        return maxMessageSize;
    }

    /** Whether the service's handler may block, so that its callbacks must not run on an I/O thread. */
    public final boolean handlerMayBlock() {
        return registry.handlerMayBlock();
    }

    /**
     * Runs the application's callbacks in {@code lane} from now on ({@code null}: on the thread reporting each
     * event); set before the websocket opens.
     */
    public final void handCallbacksTo(Executor lane) {
        this.callbacks = lane;
    }

    private void callback(Runnable event) {
        Executor lane = callbacks;
        if (lane == null) {
            event.run();
        } else {
            lane.execute(event);
        }
    }

    /** The websocket is open: the session starts. */
    public final void opened(WebSocketPeer ws) {
        this.ws = ws;
        callback(() -> connectTo(registry.createUnregistered(transport, request)));
    }

    /**
     * A whole text message arrived. {@code false} if the adapter should read no more until
     * {@link WebSocketPeer#resumeReading()}: the handler, on other threads, has too much waiting.
     */
    public final boolean received(String text) {
        Executor lane = callbacks;
        if (lane == null) {
            handleText(session(), text);
            return true;
        }
        int chars = text.length();
        boolean more = backlogChars.addAndGet(chars) < MAX_BACKLOG_CHARS;
        lane.execute(() -> {
            try {
                handleText(session(), text);
            } finally {
                long left = backlogChars.addAndGet(-chars);
                // Only this message's end can take the backlog below the limit that paused reading.
                if (left < MAX_BACKLOG_CHARS && left + chars >= MAX_BACKLOG_CHARS && !closed) {
                    ws.resumeReading();
                }
            }
        });
        return more;
    }

    @Override
    public final boolean isPolling() {
        return false;
    }

    /**
     * Hands a text message of the SockJS websocket protocol (a JSON array of strings, or one string) to the
     * session; empty messages are ignored. {@code false} if the text is not such JSON.
     */
    static boolean deliverSockJsText(Session session, String text) {
        if (text.isEmpty()) {
            return true;
        }
        try {
            session.deliver(MessageDecoder.decode(text, true));
            return true;
        } catch (MalformedMessageException e) {
            return false;
        }
    }

    /** Ready once every text of the last frame went out, sending the next of them meanwhile. */
    @Override
    protected final boolean ready() {
        while (!sending && !closed) {
            WireText text = texts.poll();
            if (text == null) {
                return true;
            }
            sending = true;
            ws.sendText(text);
        }
        return false;
    }

    @Override
    protected final boolean write(Frame frame) {
        render(frame, texts);
        if (frame.kind() == Frame.Kind.CLOSE) {
            closeFrame = frame;
            return true;
        }
        return false;
    }

    @Override
    protected final void end() {
        closeSocket(closeFrame.closeCode(), closeFrame.closeReason());
    }

    @Override
    protected final void failed(Exception e) {
        LOG.debug("Sending on a SockJS websocket failed", e);
        abort(UNEXPECTED_CONDITION, "Internal error");
    }

    /** The send in flight completed: {@code failure} is {@code null} if it went out. */
    public final void sent(Throwable failure) {
        sending = false;
        if (failure != null) {
            LOG.debug("SockJS websocket send failed", failure);
            callback(() -> {
                Session s = session();
                if (s != null) {
                    s.interrupted(this);
                }
                closeSocket(CLOSED_ABNORMALLY, "");
            });
            return;
        }
        wake();
    }

    /** Ends the connection at once, outside the SockJS close handshake (the client broke the protocol). */
    final void abort(int code, String reason) {
        Session s = session();
        if (s != null) {
            s.ended(code, reason);
        }
        closeSocket(code, reason);
    }

    /** The websocket closed, with the code and reason of the close frame that ended it. */
    public final void closed(int code, String reason) {
        closed = true;
        callback(() -> {
            Session s = session();
            if (s != null) {
                s.ended(code, reason);
                registry.remove(s);
            }
        });
    }

    /** The websocket failed; {@link #closed} follows. */
    public final void failed(Throwable error) {
        LOG.debug("SockJS websocket failed", error);
        callback(() -> {
            Session s = session();
            if (s != null) {
                s.interrupted(this);
                registry.remove(s);
            }
        });
    }

    private void closeSocket(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ws.close(sendableCode(code), truncate(reason));
        } catch (RuntimeException e) {
            LOG.debug("Closing a SockJS websocket failed", e);
        }
    }

    /** Close codes a websocket may carry; SockJS codes such as 2010 are not among them. */
    static int sendableCode(int code) {
        boolean sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
        return sendable ? code : 1000;
    }

    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            end--;
        }
        return reason.substring(0, end);
    }
}
