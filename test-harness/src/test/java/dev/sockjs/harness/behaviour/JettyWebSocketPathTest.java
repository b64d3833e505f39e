package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.harness.TestServices;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.jetty.JettySetup;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On a connector from {@code JettySetup}, the library's websockets go through Jetty's core WebSocket API and
 * never become Jakarta WebSocket sessions, unless {@link JettySetup#NATIVE_WEBSOCKET_PROPERTY} switches that off.
 * (That both paths speak the protocol alike is the conformance suite's job: it runs on each.)
 */
class JettyWebSocketPathTest {

    private ProtocolTestServer server;
    private volatile ServletContext context;

    @AfterEach
    void stop() throws Exception {
        System.clearProperty(JettySetup.NATIVE_WEBSOCKET_PROPERTY);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void websocketsSkipTheJakartaLayer() throws Exception {
        assertEquals(0, jakartaSessionsWhileAWebsocketIsOpen());
    }

    @Test
    void switchedOffTheyGoThroughTheJakartaLayer() throws Exception {
        System.setProperty(JettySetup.NATIVE_WEBSOCKET_PROPERTY, "false");
        assertEquals(1, jakartaSessionsWhileAWebsocketIsOpen());
    }

    private int jakartaSessionsWhileAWebsocketIsOpen() throws Exception {
        server = ProtocolTestServer.start("127.0.0.1", 0, servletContext -> {
            context = servletContext;
            SockJsServlet.register(servletContext, "/echo", TestServices.ECHO, SockJsOptions.defaults());
        });
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket ws = WebSockets.open(server.url().replace("http", "ws") + "/echo/000/", frames);
        ws.sendText("[\"x\"]", true);
        assertEquals("a[\"x\"]", frames.poll(10, TimeUnit.SECONDS));
        JakartaWebSocketContainer container =
                (JakartaWebSocketContainer) context.getAttribute(ServerContainer.class.getName());
        int sessions = container.getOpenSessions().size();
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        return sessions;
    }
}
