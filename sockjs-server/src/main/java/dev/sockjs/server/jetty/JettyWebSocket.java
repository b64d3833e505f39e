package dev.sockjs.server.jetty;

import dev.sockjs.server.frame.WireText;
import dev.sockjs.server.websocket.WebSocketConnection;
import java.nio.ByteBuffer;
import dev.sockjs.server.websocket.WebSocketPeer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;

/**
 * Drives a {@link WebSocketConnection} through Jetty's core WebSocket API, below its Jakarta layer: no encoder
 * and decoder registries, and nothing of the upgrade request kept once the websocket is open. It behaves as
 * the Jakarta path does: whole text messages up to the connection's limit (1009 beyond it, 1007 for broken
 * UTF-8), binary messages ignored, pings answered, the closing handshake completed by Jetty.
 */
final class JettyWebSocket implements FrameHandler, WebSocketPeer, Callback {

    private final WebSocketConnection connection;
    private volatile CoreSession session;

    // Touched only by the thread handling the current frame; Jetty hands over one frame at a time.
    private Utf8StringBuilder text;
    private int textBytes;
    private boolean continuingText;

    JettyWebSocket(WebSocketConnection connection) {
        this.connection = connection;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        this.session = coreSession;
        coreSession.setMaxTextMessageSize(connection.maxMessageSize());
        connection.opened(this);
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.TEXT -> {
                continuingText = true;
                onTextFrame(frame, callback);
            }
            case OpCode.CONTINUATION -> {
                if (continuingText) {
                    onTextFrame(frame, callback);
                } else {
                    done(callback);
                }
            }
            case OpCode.BINARY -> {
                continuingText = false;
                done(callback);
            }
            case OpCode.PING -> session.sendFrame(new Frame(OpCode.PONG).setPayload(frame.getPayload()),
                    Callback.from(() -> done(callback), failure -> done(callback)), false);
            default -> done(callback);
        }
    }

    private void onTextFrame(Frame frame, Callback callback) {
        textBytes += frame.getPayloadLength();
        if (textBytes > connection.maxMessageSize()) {
            resetText();
            callback.failed(new MessageTooLargeException("Text message larger than " + connection.maxMessageSize()
                    + " bytes"));
            return;
        }
        if (text == null) {
            text = new Utf8StringBuilder();
        }
        if (frame.hasPayload()) {
            text.append(frame.getPayload());
        }
        if (!frame.isFin()) {
            if (text.hasCodingErrors()) {
                resetText();
                callback.failed(new BadPayloadException.InvalidUtf8());
                return;
            }
            done(callback);
            return;
        }
        String message;
        try {
            message = text.takeCompleteString(BadPayloadException.InvalidUtf8::new);
        } catch (BadPayloadException e) {
            resetText();
            callback.failed(e);
            return;
        }
        resetText();
        boolean more;
        try {
            more = connection.received(message);
        } catch (RuntimeException e) {
            callback.failed(e);
            return;
        }
        if (more) {
            done(callback);
        } else {
            callback.succeeded();
        }
    }

    @Override
    public void resumeReading() {
        session.demand();
    }

    /** The idle connection keeps no message buffer. */
    private void resetText() {
        text = null;
        textBytes = 0;
        continuingText = false;
    }

    private void done(Callback frameCallback) {
        frameCallback.succeeded();
        session.demand();
    }

    @Override
    public void sendText(WireText text) {
        // The bytes may be shared with other sessions sending the same message: each send wraps them anew.
        byte[] shared = text.sharedPart();
        if (shared == null) {
            session.sendFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(text.utf8())), this, false);
            return;
        }
        // Two fragments of one message, so that the shared part is not copied. Jetty queues both; should the
        // first fail, the websocket fails and so does the second, whose outcome is the send's.
        session.sendFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(text.ownPart())).setFin(false),
                Callback.NOOP, true);
        session.sendFrame(new Frame(OpCode.CONTINUATION).setPayload(ByteBuffer.wrap(shared)), this, false);
    }

    @Override
    public void succeeded() {
        connection.sent(null);
    }

    @Override
    public void failed(Throwable cause) {
        connection.sent(cause);
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        connection.failed(cause);
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        connection.closed(closeStatus.getCode(), closeStatus.getReason() == null ? "" : closeStatus.getReason());
        callback.succeeded();
    }
}
