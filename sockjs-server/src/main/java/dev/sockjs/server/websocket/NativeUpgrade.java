package dev.sockjs.server.websocket;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A container's own way to turn a request into a websocket driven by a {@link WebSocketConnection}, lighter than
 * its Jakarta WebSocket layer. The container's adapter offers it on each request as the attribute
 * {@link #ATTRIBUTE}; {@link WebSocketUpgrade} prefers it. Internal: {@code dev.sockjs.server.jetty} provides one.
 */
public interface NativeUpgrade {

    /** The request attribute holding the offer. */
    String ATTRIBUTE = "dev.sockjs.server.websocket.nativeUpgrade";

    /**
     * Upgrades the request, answering the handshake (101, or an error status for a request that is not a valid
     * websocket handshake); {@code false} if it cannot serve this request and the Jakarta layer should.
     */
    boolean upgrade(HttpServletRequest req, HttpServletResponse resp, WebSocketConnection connection)
            throws IOException;
}
