package dev.sockjs.server.websocket;

import dev.sockjs.server.SockJsServlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** Upgrades a servlet request to a websocket served by an endpoint instance of ours. */
public final class WebSocketUpgrade {

    private static final String CONTAINER_ATTRIBUTE = ServerContainer.class.getName();

    private WebSocketUpgrade() {
    }

    /** The container's websocket support, or {@code null} if its websocket initializer did not run. */
    public static ServerContainer container(ServletContext context) {
        Object container = context.getAttribute(CONTAINER_ATTRIBUTE);
        return container instanceof ServerContainer ? (ServerContainer) container : null;
    }

    /**
     * The protocol's checks before any upgrade: {@code null} if the request asks for a websocket properly, else
     * the text of the 400 answer. Some proxies rewrite {@code Connection}; such requests are refused.
     */
    public static String invalidUpgradeRequest(HttpServletRequest req) {
        String upgrade = req.getHeader("Upgrade");
        if (upgrade == null || !"websocket".equals(upgrade.toLowerCase(Locale.ROOT))) {
            return "Not a valid websocket request: can \"Upgrade\" only to \"WebSocket\".";
        }
        String connection = req.getHeader("Connection");
        if (connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
            return "Not a valid websocket request: \"Connection\" must be \"Upgrade\".";
        }
        return null;
    }

    /**
     * Hands the request over to {@code connection} as a websocket, through the container's native upgrade if its
     * adapter offers one ({@link NativeUpgrade}), else through the Jakarta WebSocket API; the container answers
     * the handshake itself. With {@code nonBlockingHandler}, the websocket is read on the container's I/O thread
     * where its adapter offers that ({@link SockJsServlet#IO_THREAD_WEBSOCKET}).
     */
    public static void upgrade(ServerContainer container, HttpServletRequest req, HttpServletResponse resp,
            WebSocketConnection connection, boolean nonBlockingHandler) throws IOException, ServletException {
        if (nonBlockingHandler && req.getAttribute(SockJsServlet.IO_THREAD_WEBSOCKET) instanceof Runnable offer) {
            offer.run();
        }
        if (req.getAttribute(NativeUpgrade.ATTRIBUTE) instanceof NativeUpgrade upgrade
                && upgrade.upgrade(req, resp, connection)) {
            return;
        }
        JakartaEndpoint endpoint = new JakartaEndpoint(connection);
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(JakartaEndpoint.class, "/")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(endpoint);
                    }
                })
                .build();
        try {
            container.upgradeHttpToWebSocket(req, resp, config, Map.of());
        } catch (DeploymentException e) {
            throw new ServletException("websocket upgrade failed", e);
        }
    }
}
