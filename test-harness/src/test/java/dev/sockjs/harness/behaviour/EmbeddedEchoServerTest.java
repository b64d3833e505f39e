package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.EmbeddedEchoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** The README's embedded Jetty server, as written there: websockets on, and an echo over one. */
class EmbeddedEchoServerTest {

    @Test
    void theReadmesServerEchoesOverAWebsocket() throws Exception {
        Server server = EmbeddedEchoServer.start(0);
        try {
            String base = "http://127.0.0.1:" + server.getURI().getPort() + "/echo";
            HttpClient client = HttpClient.newHttpClient();
            String info = client.send(HttpRequest.newBuilder(URI.create(base + "/info")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(info.contains("\"websocket\":true"), info);
            CompletableFuture<String> echoed = new CompletableFuture<>();
            WebSocket ws = client.newWebSocketBuilder().buildAsync(
                    URI.create(base.replace("http", "ws") + "/websocket"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence text, boolean last) {
                            echoed.complete(text.toString());
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);
            ws.sendText("hello from the README", true);
            assertEquals("hello from the README", echoed.get(30, TimeUnit.SECONDS));
            ws.abort();
        } finally {
            server.stop();
        }
    }
}
