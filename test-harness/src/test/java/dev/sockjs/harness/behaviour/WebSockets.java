package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** SockJS websocket sessions for the tests, on the JDK's websocket client. */
public final class WebSockets {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private WebSockets() {
    }

    /**
     * Opens a session of the service at {@code base} ({@code ws://host:port/prefix/000/}) and waits for its open
     * frame; every later frame goes to {@code frames}, whole, however many fragments carried it.
     */
    public static WebSocket open(String base, BlockingQueue<String> frames) throws Exception {
        WebSocket ws = CLIENT.newWebSocketBuilder()
                .buildAsync(URI.create(base + UUID.randomUUID() + "/websocket"), new WebSocket.Listener() {
                    private final StringBuilder message = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        message.append(data);
                        if (last) {
                            frames.add(message.toString());
                            message.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                })
                .get(5, TimeUnit.SECONDS);
        assertEquals("o", frames.poll(10, TimeUnit.SECONDS));
        return ws;
    }
}
