package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats, timeouts, response limits, slow consumers and shutdown, end to end. The timer tests run with short
 * timers and check each interval against a lower bound (never early) and a generous upper one; the others run with
 * timers too long to fire during the test, so that a slow machine cannot end their sessions under them.
 */
class LifecycleTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration NEVER_IN_A_TEST = Duration.ofMinutes(5);
    private static final long GENEROUS_UPPER_BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);

    private ProtocolTestServer server;
    private String base;
    private final Events events = new Events();

    private void start(Duration timers) throws Exception {
        SockJsOptions options = SockJsOptions.builder()
                .heartbeatInterval(timers)
                .disconnectDelay(timers)
                .responseLimit(200)
                .maxQueuedChars(50)
                .build();
        server = ProtocolTestServer.start("127.0.0.1", 0,
                context -> SockJsServlet.register(context, "/svc", events, options));
        base = server.url() + "/svc/000/";
    }

    /** Fails unless {@code nanos} (measured from before the server could start its timer) is in bounds. */
    private static void assertTimerFiredAfter(Duration interval, long nanos, String what) {
        assertTrue(nanos >= interval.toNanos(), what + " came early: after " + nanos / 1_000_000 + " ms");
        assertTrue(nanos <= GENEROUS_UPPER_BOUND_NANOS, what + " came after " + nanos / 1_000_000 + " ms");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void idleStreamsGetHeartbeatFrames() throws Exception {
        start(SHORT);
        long sent = System.nanoTime();
        try (Client c = Client.open("POST", base + UUID.randomUUID() + "/xhr_streaming", Map.of(), new byte[0])) {
            c.chunk();
            assertEquals("o\n", c.chunk());
            assertEquals("h\n", c.chunk());
            assertTimerFiredAfter(SHORT, System.nanoTime() - sent, "the heartbeat");
            long first = System.nanoTime();
            assertEquals("h\n", c.chunk());
            assertTrue(System.nanoTime() - first <= GENEROUS_UPPER_BOUND_NANOS, "the second heartbeat");
        }
    }

    @Test
    void idleWebsocketsGetHeartbeatFrames() throws Exception {
        start(SHORT);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        long sent = System.nanoTime();
        WebSocket ws = WebSockets.open(base.replace("http", "ws"), received);
        assertEquals("h", received.poll(10, TimeUnit.SECONDS));
        assertTimerFiredAfter(SHORT, System.nanoTime() - sent, "the heartbeat");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertEquals("open websocket", events.next());
        assertEquals("close 1000 bye", events.next());
    }

    @Test
    void aSessionLeftWithoutReceiverTimesOutAndItsIdCanStartAFreshOne() throws Exception {
        start(SHORT);
        String url = base + UUID.randomUUID();
        long sent = System.nanoTime();
        assertEquals("o\n", Client.request("POST", url + "/xhr", Map.of(), "").body());
        assertEquals("open xhr-polling", events.next());
        assertEquals("close 1000 Session timed out", events.next());
        assertTimerFiredAfter(SHORT, System.nanoTime() - sent, "the timeout");
        assertEquals("o\n", Client.request("POST", url + "/xhr", Map.of(), "").body());
    }

    @Test
    void aStreamEndedByTheResponseLimitLosesNothingAcrossReconnects() throws Exception {
        start(NEVER_IN_A_TEST);
        String url = base + UUID.randomUUID();
        List<String> expected = new ArrayList<>();
        StringBuilder received = new StringBuilder();
        int responses = 0;
        int next = 0;
        while (received.indexOf("m29\"") < 0) {
            try (Client c = Client.open("POST", url + "/xhr_streaming", Map.of(), new byte[0])) {
                responses++;
                c.chunk();
                String frame;
                while (received.indexOf("m29\"") < 0 && !(frame = c.chunk()).isEmpty()) {
                    received.append(frame);
                    if (next < 30) {
                        String message = "m" + next++;
                        expected.add(message);
                        assertEquals(204, Client.request("POST", url + "/xhr_send", Map.of(),
                                "[\"" + message + "\"]").status());
                    }
                }
            }
        }
        assertTrue(responses > 1, "the response limit ended the stream at least once");
        List<String> messages = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(m\\d+)\"").matcher(received);
        while (m.find()) {
            messages.add(m.group(1));
        }
        assertEquals(expected, messages);
    }

    @Test
    void aClientThatCannotKeepUpIsClosedWith4500() throws Exception {
        start(NEVER_IN_A_TEST);
        String url = base + UUID.randomUUID();
        assertEquals("o\n", Client.request("POST", url + "/xhr", Map.of(), "").body());
        String thirty = "x".repeat(30);
        assertEquals(204, Client.request("POST", url + "/xhr_send", Map.of(),
                "[\"" + thirty + "\",\"" + thirty + "\"]").status());
        assertEquals("c[4500,\"Send queue limit exceeded\"]\n",
                Client.request("POST", url + "/xhr", Map.of(), "").body());
    }

    @Test
    void stoppingTheServerSaysGoodbyeToEveryClientBeforeClosingConnections() throws Exception {
        start(NEVER_IN_A_TEST);
        try (Client stream = Client.open("POST", base + UUID.randomUUID() + "/xhr_streaming", Map.of(),
                new byte[0])) {
            stream.chunk();
            assertEquals("o\n", stream.chunk());
            assertEquals("open xhr-streaming", events.next());
            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            CompletableFuture<Integer> closeCode = new CompletableFuture<>();
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                    URI.create(base.replace("http", "ws") + UUID.randomUUID() + "/websocket"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            frames.add(data.toString());
                            w.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
                            closeCode.complete(statusCode);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertEquals("o", frames.poll(10, TimeUnit.SECONDS));
            assertEquals("open websocket", events.next());

            ProtocolTestServer stopping = server;
            server = null;
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    stopping.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals("c[1001,\"Server shutting down\"]\n", stream.chunk());
            assertEquals("c[1001,\"Server shutting down\"]", frames.poll(10, TimeUnit.SECONDS));
            assertEquals(1001, closeCode.get(10, TimeUnit.SECONDS));
            assertEquals("close 1001 Server shutting down", events.next());
            assertEquals("close 1001 Server shutting down", events.next());
            stopped.get(30, TimeUnit.SECONDS);
        }
    }
}
