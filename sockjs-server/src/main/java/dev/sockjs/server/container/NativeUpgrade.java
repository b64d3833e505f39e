package dev.sockjs.server.container;

import dev.sockjs.server.websocket.WebSocketConnection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A container's own way to turn a handshake into a websocket driven by a {@link WebSocketConnection}. */
public interface NativeUpgrade {

    /**
     * Upgrades the request, answering the handshake; {@code false} if it cannot serve this request after all, and
     * the Jakarta WebSocket layer should.
     */
    boolean upgrade(HttpServletRequest request, HttpServletResponse response, WebSocketConnection connection)
            throws IOException;
}
