package dev.sockjs.server.jetty;

import dev.sockjs.server.container.NativeUpgrade;
import dev.sockjs.server.websocket.WebSocketConnection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee10.servlet.ServletCoreResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * Upgrades a request of an ee10 servlet context straight to Jetty's core WebSocket API ({@link JettyWebSocket}),
 * with the components the context's Jakarta WebSocket support installed. The websocket of a handler that may
 * block is read on the I/O thread too, its callbacks handed in batches to the connector's worker threads
 * ({@link SockJsConnector#callbacks()}): Jetty would otherwise wake a worker thread for every read.
 */
final class JettyNativeUpgrade implements NativeUpgrade {

    static final JettyNativeUpgrade INSTANCE = new JettyNativeUpgrade();

    private final Handshaker handshaker = Handshaker.newInstance();

    private JettyNativeUpgrade() {
    }

    @Override
    public boolean upgrade(HttpServletRequest req, HttpServletResponse resp, WebSocketConnection connection)
            throws IOException {
        ServletContextHandler context = ServletContextHandler.getServletContextHandler(req.getServletContext());
        WebSocketComponents components = context == null ? null
                : WebSocketServerComponents.getWebSocketComponents(context);
        if (components == null) {
            return false;
        }
        Request request = ServletCoreRequest.wrap(req);
        Response response = ServletCoreResponse.wrap(request, resp, false);
        FrameHandler handler = new JettyWebSocket(connection);
        WebSocketNegotiator negotiator = WebSocketNegotiator.from((upgradeRequest, upgradeResponse, callback) ->
                handler, (pojo, upgradeRequest, upgradeResponse) -> handler);
        WatchfulHttpConnection http = req.getAttribute(JettySupport.CONNECTION) instanceof WatchfulHttpConnection c
                ? c : null;
        SockJsConnector connector = http != null && http.getConnector() instanceof SockJsConnector sockJs
                ? sockJs : null;
        boolean dispatched = connection.handlerMayBlock() && connector != null && http.readUpgradeOnIoThread();
        if (dispatched) {
            connection.handCallbacksTo(connector.callbacks().newLane());
        }
        FutureCallback written = new FutureCallback();
        if (!handshaker.upgradeRequest(negotiator, request, response, written, components, null)) {
            if (dispatched) {
                http.readUpgradeOnWorkerThread();
                connection.handCallbacksTo(null);
            }
            return false;
        }
        written.block();
        return true;
    }
}
