package dev.sockjs.harness.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockjs.harness.TomcatTestServer;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
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
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(server.url().replace("http", "ws") + "/recorded/000/" + UUID.randomUUID()
                            + "/websocket"), new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                    frames.add(data.toString());
                                    w.request(1);
                                    return null;
                                }
                            })
                    .get(10, TimeUnit.SECONDS);
            assertEquals("o", frames.poll(10, TimeUnit.SECONDS));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            assertEquals("1000 ''", closes.poll(10, TimeUnit.SECONDS));
        }
    }
}
