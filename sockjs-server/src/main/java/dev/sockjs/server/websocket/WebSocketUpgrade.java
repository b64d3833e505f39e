package dev.sockjs.server.websocket;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;

/**
 * Upgrades servlet requests to websockets served by endpoint instances of ours, through the container's Jakarta
 * WebSocket support. Nothing here names a Jakarta WebSocket
 * type, so that a container without that API (a Jetty without its {@code ee10-websocket-jakarta} module) can
 * still load the library and serve every other transport.
 */
public final class WebSocketUpgrade {

    /**
     * The servlet context attribute under which the Jakarta WebSocket API puts its server container: the name of
     * that container's interface.
     */
    private static final String CONTAINER_ATTRIBUTE = "jakarta.websocket.server.ServerContainer";

    /** The container's {@code ServerContainer}, typed loosely: its class may be absent. */
    private final Object container;

    private WebSocketUpgrade(Object container) {
        this.container = container;
    }

    /**
     * The websocket support of {@code context}'s container, or {@code null} if the Jakarta WebSocket API is not
     * there, or its initializer did not run for this context.
     */
    public static WebSocketUpgrade of(ServletContext context) {
        Object container = context.getAttribute(CONTAINER_ATTRIBUTE);
        if (container == null || !jakartaWebSocketApiPresent()) {
            return null;
        }
        return JakartaUpgrade.isContainer(container) ? new WebSocketUpgrade(container) : null;
    }

    private static boolean jakartaWebSocketApiPresent() {
        try {
            Class.forName(CONTAINER_ATTRIBUTE, false, WebSocketUpgrade.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The websocket protocol version (RFC 6455) this server speaks. */
    public static final String VERSION = "13";

    /** Why a request cannot be upgraded: the status and text of the answer. */
    public record Refusal(int status, String text) {
        /** The status of a refused version; the answer names the version spoken in {@code Sec-WebSocket-Version}. */
        public static final int UPGRADE_REQUIRED = 426;
    }

    /**
     * The checks before any upgrade, so that a malformed handshake gets a clear 4xx rather than whatever the
     * container throws: {@code null} if the request asks for a websocket properly. Some proxies rewrite
     * {@code Connection}; such requests are refused, as the protocol wants. With {@code hixie76}, a hixie-76
     * handshake passes without the RFC 6455 headers.
     */
    public static Refusal refusal(HttpServletRequest req, boolean hixie76) {
        String upgrade = req.getHeader("Upgrade");
        if (upgrade == null || !"websocket".equals(upgrade.toLowerCase(Locale.ROOT))) {
            return new Refusal(400, "Not a valid websocket request: can \"Upgrade\" only to \"WebSocket\".");
        }
        String connection = req.getHeader("Connection");
        if (connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
            return new Refusal(400, "Not a valid websocket request: \"Connection\" must be \"Upgrade\".");
        }
        if (hixie76 && Hixie76Connection.isHixie76(req)) {
            return null;
        }
        String version = req.getHeader("Sec-WebSocket-Version");
        if (version == null || !VERSION.equals(version.trim())) {
            return new Refusal(Refusal.UPGRADE_REQUIRED,
                    "Unsupported websocket version: this server speaks version " + VERSION + ".");
        }
        if (!isKey(req.getHeader("Sec-WebSocket-Key"))) {
            return new Refusal(400, "Not a valid websocket request: \"Sec-WebSocket-Key\" must be 16 bytes in"
                    + " base64.");
        }
        return null;
    }

    private static boolean isKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Hands the request over to {@code connection} as a websocket; the container answers the handshake. */
    public void upgrade(HttpServletRequest req, HttpServletResponse resp, WebSocketConnection connection)
            throws IOException, ServletException {
        JakartaUpgrade.upgrade(container, req, resp, connection);
    }
}
