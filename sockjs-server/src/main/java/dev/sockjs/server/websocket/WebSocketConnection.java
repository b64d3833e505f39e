package dev.sockjs.server.websocket;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.MalformedMessageException;
import dev.sockjs.server.frame.MessageDecoder;
import dev.sockjs.server.session.DrainLoop;
import dev.sockjs.server.session.Receiver;
import dev.sockjs.server.session.RequestInfo;
import dev.sockjs.server.session.Session;
import dev.sockjs.server.session.SessionRegistry;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A websocket carrying one session, sending with the asynchronous API: at most one send in flight (the API
 * allows no more), and whatever the application queues meanwhile goes out batched in the next frame.
 */
abstract class WebSocketConnection extends Endpoint implements Receiver, SendHandler, MessageHandler.Whole<String> {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final SessionRegistry registry;
    private final RequestInfo request;
    private final int maxMessageSize;
    private final String transport;
    private final DrainLoop drain = new DrainLoop(this::drainPass);

    private volatile jakarta.websocket.Session ws;
    private volatile Session session;
    private volatile boolean sending;
    private volatile boolean closed;

    // Touched only by the thread running the send loop.
    private final ArrayDeque<String> texts = new ArrayDeque<>();
    private Frame closeAfterTexts;

    WebSocketConnection(SessionRegistry registry, RequestInfo request, int maxMessageSize, String transport) {
        this.registry = registry;
        this.request = request;
        this.maxMessageSize = maxMessageSize;
        this.transport = transport;
    }

    /** Adds the texts that carry this frame to {@code out}; a close frame closes the websocket after them. */
    abstract void render(Frame frame, ArrayDeque<String> out);

    /** Hands a received text message to the session. */
    abstract void received(Session session, String text);

    @Override
    public final void onOpen(jakarta.websocket.Session ws, EndpointConfig config) {
        this.ws = ws;
        ws.setMaxTextMessageBufferSize(maxMessageSize);
        Session s = registry.createUnregistered(transport, request);
        this.session = s;
        ws.addMessageHandler(String.class, this);
        s.attach(this);
        s.open();
        wake();
    }

    @Override
    public final void onMessage(String text) {
        received(session, text);
    }

    @Override
    public final boolean isPolling() {
        return false;
    }

    @Override
    public final void wake() {
        drain.run();
    }

    private void drainPass() {
        try {
            sendWhatIsReady();
        } catch (RuntimeException e) {
            LOG.debug("Sending on a SockJS websocket failed", e);
            abort(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Internal error");
        }
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

    private void sendWhatIsReady() {
        Session s = session;
        while (!sending && !closed && s != null) {
            String text = texts.poll();
            if (text != null) {
                sending = true;
                ws.getAsyncRemote().sendText(text, this);
                continue;
            }
            if (closeAfterTexts != null) {
                Frame close = closeAfterTexts;
                closeAfterTexts = null;
                closeSocket(close.closeCode(), close.closeReason());
                return;
            }
            Frame frame = s.nextFrame(this);
            if (frame == null) {
                return;
            }
            render(frame, texts);
            if (frame.kind() == Frame.Kind.CLOSE) {
                closeAfterTexts = frame;
            }
        }
    }

    @Override
    public final void onResult(SendResult result) {
        sending = false;
        if (!result.isOK()) {
            LOG.debug("SockJS websocket send failed", result.getException());
            Session s = session;
            if (s != null) {
                s.interrupted(this);
            }
            closeSocket(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), "");
            return;
        }
        wake();
    }

    /** Ends the connection at once, outside the SockJS close handshake (the client broke the protocol). */
    final void abort(CloseReason.CloseCode code, String reason) {
        Session s = session;
        if (s != null) {
            s.ended(code.getCode(), reason);
        }
        closeSocket(code.getCode(), reason);
    }

    final Session session() {
        return session;
    }

    @Override
    public final void onClose(jakarta.websocket.Session ws, CloseReason reason) {
        closed = true;
        Session s = session;
        if (s != null) {
            s.ended(reason.getCloseCode().getCode(), reason.getReasonPhrase());
            registry.remove(s);
        }
    }

    @Override
    public final void onError(jakarta.websocket.Session ws, Throwable error) {
        LOG.debug("SockJS websocket failed", error);
        Session s = session;
        if (s != null) {
            s.interrupted(this);
            registry.remove(s);
        }
    }

    private void closeSocket(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(sendableCode(code)), truncate(reason)));
        } catch (IOException | RuntimeException e) {
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
