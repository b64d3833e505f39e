package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.DemoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The demo WAR's services without a browser: broadcast, and options a deployer overrides. */
class DemoServicesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static BlockingQueue<String> connect(String url) throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        HTTP.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                frames.add(data.toString());
                ws.request(1);
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
        return frames;
    }

    @Test
    void broadcastReachesEverySession() throws Exception {
        try (DemoServer demo = DemoServer.start("127.0.0.1", 0, DemoServer.defaultWar())) {
            String base = demo.url().replace("http", "ws") + "sockjs/broadcast/000/";
            BlockingQueue<String> a = connect(base + UUID.randomUUID() + "/websocket");
            BlockingQueue<String> b = connect(base + UUID.randomUUID() + "/websocket");
            assertEquals("o", a.poll(5, TimeUnit.SECONDS));
            assertEquals("o", b.poll(5, TimeUnit.SECONDS));
            WebSocket sender = HTTP.newWebSocketBuilder().buildAsync(URI.create(base + UUID.randomUUID()
                    + "/websocket"), new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS);
            sender.sendText("[\"to everyone\"]", true).get(5, TimeUnit.SECONDS);
            assertEquals("a[\"to everyone\"]", a.poll(5, TimeUnit.SECONDS));
            assertEquals("a[\"to everyone\"]", b.poll(5, TimeUnit.SECONDS));
        }
    }

    /** And each service says so in one log line at start: the WAR logs through java.util.logging. */
    @Test
    void aDeployerOverridesOptionsWithContextParameters() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(MessageFormat.format(record.getMessage().replace("{}", "{0}"), record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger endpoints = Logger.getLogger("dev.sockjs.server.http.SockJsEndpoint");
        endpoints.addHandler(handler);
        try (DemoServer demo = DemoServer.start("127.0.0.1", 0, DemoServer.defaultWar(),
                Map.of("sockjs.websocketEnabled", "false"))) {
            Client.Response info = Client.request("GET", demo.url() + "sockjs/echo/info", Map.of(), null);
            assertEquals(200, info.status());
            assertTrue(info.body().contains("\"websocket\":false"), info.body());
        } finally {
            endpoints.removeHandler(handler);
        }
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("SockJS service /sockjs/echo/*: websocket off "
                + "(websocketEnabled false); origins any; at most 100000 sessions")), "" + logged);
    }
}
