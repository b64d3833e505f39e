package dev.sockjs.server.websocket;

import dev.sockjs.server.frame.WireText;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;

/**
 * Drives a {@link WebSocketConnection} through the standard Jakarta WebSocket API, sending asynchronously.
 * Public only because containers refuse endpoint classes that are not; internal like the rest of the package.
 */
public final class JakartaEndpoint extends Endpoint implements WebSocketPeer, SendHandler, MessageHandler.Whole<String> {

    private final WebSocketConnection connection;
    private volatile jakarta.websocket.Session ws;

    JakartaEndpoint(WebSocketConnection connection) {
        this.connection = connection;
    }

    @Override
    public void onOpen(jakarta.websocket.Session ws, EndpointConfig config) {
        this.ws = ws;
        ws.setMaxTextMessageBufferSize(connection.maxMessageSize());
        ws.addMessageHandler(String.class, this);
        connection.opened(this);
    }

    @Override
    public void onMessage(String text) {
        connection.received(text);
    }

    @Override
    public void sendText(WireText text) {
        ws.getAsyncRemote().sendText(text.text(), this);
    }

    @Override
    public void onResult(SendResult result) {
        connection.sent(result.isOK() ? null : result.getException());
    }

    @Override
    public void close(int code, String reason) {
        try {
            ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            throw new IllegalStateException("closing the websocket failed", e);
        }
    }

    @Override
    public void onClose(jakarta.websocket.Session ws, CloseReason reason) {
        // Tomcat gives a null phrase for a close frame that carries none (a browser's sock.close()).
        String phrase = reason.getReasonPhrase();
        connection.closed(reason.getCloseCode().getCode(), phrase == null ? "" : phrase);
    }

    @Override
    public void onError(jakarta.websocket.Session ws, Throwable error) {
        connection.failed(error);
    }
}
