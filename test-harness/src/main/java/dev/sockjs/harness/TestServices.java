package dev.sockjs.harness;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.stomp.StompServer;
import jakarta.servlet.ServletContext;
import java.util.Map;

/**
 * The services the official sockjs-protocol suite expects, with the options it assumes (a 4096-byte response
 * limit, so its {@code test_response_limit} tests end a streaming response after a few messages, and the
 * hixie-76 handshake its {@code test_haproxy} performs).
 */
public final class TestServices {

    /** The response limit the protocol suite's tests are written for. */
    public static final int RESPONSE_LIMIT = 4096;

    private TestServices() {
    }

    /** Echoes every message back to its sender. */
    public static final SockJsHandler ECHO = SockJsSession::send;

    /** Closes every session as soon as it opens, with 3000 "Go away!". */
    public static final SockJsHandler CLOSE = new SockJsHandler() {
        @Override
        public void onOpen(SockJsSession session) {
            session.close();
        }

        @Override
        public void onMessage(SockJsSession session, String message) {
        }
    };

    /**
     * A STOMP service: broker destinations {@code /topic} and {@code /queue}, application destinations
     * {@code /app}, and {@code /app/echo} publishing each message unchanged (same content type) to
     * {@code /topic/echo}.
     */
    public static StompServer stomp() {
        return stompBuilder().build();
    }

    /** The builder of {@link #stomp()}, for a variant (a broker relay, say). */
    public static StompServer.Builder stompBuilder() {
        return StompServer.builder()
                .applicationPrefixes("/app")
                .brokerPrefixes("/topic", "/queue")
                .handle("/app/echo", (message, context) -> context.publisher().publish("/topic/echo",
                        message.contentType(), message.body(), Map.of()));
    }

    /**
     * Registers {@code /echo}, {@code /close}, {@code /disabled_websocket_echo}, {@code /cookie_needed_echo}
     * and, as {@code /stomp}, the given STOMP service (see {@link #stomp()}).
     */
    public static void register(ServletContext context, StompServer stomp) {
        register(context, stomp, false);
    }

    /** {@link #register(ServletContext, StompServer)}, the handlers promising {@code nonBlockingHandler} if asked. */
    public static void register(ServletContext context, StompServer stomp, boolean nonBlockingHandlers) {
        SockJsOptions base = SockJsOptions.builder().responseLimit(RESPONSE_LIMIT).hixie76Enabled(true)
                .nonBlockingHandler(nonBlockingHandlers).build();
        SockJsServlet.register(context, "/echo", ECHO, base);
        SockJsServlet.register(context, "/close", CLOSE, base);
        SockJsServlet.register(context, "/disabled_websocket_echo", ECHO,
                base.toBuilder().websocketEnabled(false).build());
        SockJsServlet.register(context, "/cookie_needed_echo", ECHO, base.toBuilder().cookieNeeded(true).build());
        SockJsServlet.register(context, "/stomp", stomp,
                SockJsOptions.builder().nonBlockingHandler(nonBlockingHandlers).build());
    }
}
