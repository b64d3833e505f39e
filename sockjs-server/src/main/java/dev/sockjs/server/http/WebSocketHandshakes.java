package dev.sockjs.server.http;

import dev.sockjs.server.SockJsListener;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.container.ContainerSupport;
import dev.sockjs.server.container.NativeUpgrade;
import dev.sockjs.server.session.SessionRegistry;
import dev.sockjs.server.websocket.Hixie76Connection;
import dev.sockjs.server.websocket.RawWebSocket;
import dev.sockjs.server.websocket.SockJsWebSocket;
import dev.sockjs.server.websocket.WebSocketConnection;
import dev.sockjs.server.websocket.WebSocketUpgrade;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The two websocket URLs: {@code /websocket} (raw: each websocket message is one SockJS message) and the
 * session transport {@code /SERVER/SESSION/websocket} (SockJS framing), both 404 while websockets are off or the
 * container has none; the obsolete hixie-76 handshake on the latter if enabled.
 */
final class WebSocketHandshakes {

    private final SockJsOptions options;
    private final SessionRegistry registry;
    private final OriginPolicy origins;
    /** {@code null} while websockets are off. */
    private final WebSocketUpgrade websockets;
    private final ContainerSupport container;

    WebSocketHandshakes(SockJsOptions options, SessionRegistry registry, OriginPolicy origins,
            WebSocketUpgrade containerUpgrade, ContainerSupport container) {
        this.options = options;
        this.registry = registry;
        this.origins = origins;
        this.websockets = options.websocketEnabled() ? containerUpgrade : null;
        this.container = container;
    }

    boolean on() {
        return websockets != null;
    }

    void raw(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        if (refused(req, resp, false)) {
            return;
        }
        upgrade(req, resp, new RawWebSocket(registry, RequestInfos.of(req), options.maxMessageSize()));
    }

    void sockJs(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        if (refused(req, resp, options.hixie76Enabled())) {
            return;
        }
        if (options.hixie76Enabled() && Hixie76Connection.isHixie76(req)) {
            Hixie76Connection.accept(req, resp, registry, RequestInfos.of(req), options.maxMessageSize());
            return;
        }
        upgrade(req, resp, new SockJsWebSocket(registry, RequestInfos.of(req), options.maxMessageSize()));
    }

    /**
     * Through the container's own websocket API where it has one, else its Jakarta WebSocket layer; the websocket
     * of a handler that never blocks is read on the container's I/O thread where it can.
     */
    private void upgrade(HttpServletRequest req, HttpServletResponse resp, WebSocketConnection connection)
            throws IOException, ServletException {
        if (options.nonBlockingHandler()) {
            container.readWebSocketOnIoThread(req::getAttribute);
        }
        NativeUpgrade upgrade = container.nativeUpgrade(req::getAttribute);
        if (upgrade == null || !upgrade.upgrade(req, resp, connection)) {
            websockets.upgrade(req, resp, connection);
        }
    }

    /** Answers the handshakes that go no further; {@code true} if it did. */
    private boolean refused(HttpServletRequest req, HttpServletResponse resp, boolean hixie76) throws IOException {
        if (!on()) {
            Answers.notFound(resp, registry.listener());
            return true;
        }
        if (origins.refuse(req, resp)) {
            return true;
        }
        WebSocketUpgrade.Refusal refusal = WebSocketUpgrade.refusal(req, hixie76);
        if (refusal != null) {
            if (refusal.status() == WebSocketUpgrade.Refusal.UPGRADE_REQUIRED) {
                resp.setHeader("Sec-WebSocket-Version", WebSocketUpgrade.VERSION);
            }
            Answers.refuse(resp, refusal.status(), refusal.text(), SockJsListener.Refusal.BAD_HANDSHAKE,
                    registry.listener());
            return true;
        }
        if (registry.isFull()) {
            Answers.tooManySessions(resp, registry.listener());
            return true;
        }
        return false;
    }
}
