package dev.sockjs.server.websocket;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;

/**
 * The upgrade through the Jakarta WebSocket API: with {@link JakartaEndpoint}, the only classes that name its
 * types. Loading this class loads the API (the JVM checks its exception types), so {@link WebSocketUpgrade}
 * makes sure the API is there first.
 */
final class JakartaUpgrade {

    private JakartaUpgrade() {
    }

    static boolean isContainer(Object container) {
        return container instanceof ServerContainer;
    }

    static void upgrade(Object container, HttpServletRequest req, HttpServletResponse resp,
            WebSocketConnection connection) throws IOException, ServletException {
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
            ((ServerContainer) container).upgradeHttpToWebSocket(req, resp, config, Map.of());
        } catch (DeploymentException e) {
            throw new ServletException("websocket upgrade failed", e);
        }
    }
}
