package dev.sockjs.harness.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockjs.harness.TomcatTestServer;
import dev.sockjs.harness.behaviour.WebSockets;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tomcat reports a close frame without a reason (a browser's {@code sock.close()}) with a null reason phrase. */
class WebSocketCloseOnTomcatTest {

    @Test
    void aClientClosingWithoutAReasonEndsItsSessionAtOnce() throws Exception {
        BlockingQueue<String> closes = new LinkedBlockingQueue<>();
        SockJsHandler recorder = new SockJsHandler() {
            @Override
            public void onMessage(SockJsSession session, String message) {
            }

            @Override
            public void onClose(SockJsSession session, int code, String reason) {
                closes.add(code + " '" + reason + "'");
            }
        };
        try (TomcatTestServer server = TomcatTestServer.start("127.0.0.1", 0,
                context -> SockJsServlet.register(context, "/recorded", recorder, SockJsOptions.defaults()))) {
            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            WebSocket ws = WebSockets.open(server.url().replace("http", "ws") + "/recorded/000/", frames);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            assertEquals("1000 ''", closes.poll(10, TimeUnit.SECONDS));
        }
    }
}
