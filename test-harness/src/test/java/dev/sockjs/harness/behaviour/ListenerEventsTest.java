package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsListener;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a service's {@link SockJsListener} hears from real clients on each transport, and for each kind of refused
 * request: one echo session per transport, from open to its end (the client closing its websocket, dropping its
 * stream, or not polling again).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerEventsTest {

    private ProtocolTestServer server;
    private final Recording echoEvents = new Recording();
    private final Recording strictEvents = new Recording();

    /** Events by session, as text; refusals under the key {@code null}. */
    static final class Recording implements SockJsListener {
        private final Map<Object, List<String>> bySession = new java.util.HashMap<>();

        private synchronized void add(Object session, String event) {
            bySession.computeIfAbsent(session, s -> new ArrayList<>()).add(event);
            notifyAll();
        }

        @Override
        public void sessionOpened(SockJsSession session) {
            add(session, "opened " + session.transport());
        }

        @Override
        public void connectionAttached(SockJsSession session) {
            add(session, "attached");
        }

        @Override
        public void connectionDetached(SockJsSession session) {
            add(session, "detached");
        }

        @Override
        public void messageReceived(SockJsSession session, int chars) {
            add(session, "received " + chars);
        }

        @Override
        public void messageSent(SockJsSession session, int chars) {
            add(session, "sent " + chars);
        }

        @Override
        public void sessionClosed(SockJsSession session, int code, String reason, CloseCause cause) {
            add(session, "closed " + code + " " + cause);
        }

        @Override
        public void requestRefused(int status, Refusal refusal) {
            add("refused", status + " " + refusal);
        }

        /** The events of the one session of {@code transport}, once it closed (waiting up to 20 s). */
        synchronized List<String> closedSession(String transport) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                for (List<String> events : bySession.values()) {
                    if (events.get(0).equals("opened " + transport)
                            && events.stream().anyMatch(event -> event.startsWith("closed"))) {
                        return List.copyOf(events);
                    }
                }
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "no closed " + transport + " session in " + bySession);
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized List<String> refusals() {
            return List.copyOf(bySession.getOrDefault("refused", List.of()));
        }
    }

    @BeforeAll
    void start() throws Exception {
        SockJsOptions quick = SockJsOptions.builder().heartbeatInterval(Duration.ofMillis(200))
                .disconnectDelay(Duration.ofMillis(300)).build();
        server = ProtocolTestServer.start("127.0.0.1", 0, context -> {
            SockJsServlet.register(context, "/echo", (session, message) -> session.send(message),
                    quick.toBuilder().listener(echoEvents).build());
            SockJsServlet.register(context, "/strict", (session, message) -> session.send(message),
                    quick.toBuilder().listener(strictEvents).allowedOrigins(List.of("https://good.example"))
                            .maxMessageSize(100).maxSessions(1).build());
        });
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private String session(String service) {
        return server.url() + "/" + service + "/000/" + UUID.randomUUID();
    }

    /** A session whose client polls, sends "hi", polls its echo, and polls no more. */
    @ParameterizedTest
    @ValueSource(strings = {"xhr-polling", "jsonp-polling"})
    void aPollingSessionEndsWhenItsClientStopsPolling(String transport) throws Exception {
        boolean jsonp = transport.equals("jsonp-polling");
        String url = session("echo");
        String poll = jsonp ? url + "/jsonp?c=cb" : url + "/xhr";
        assertTrue(Client.request(jsonp ? "GET" : "POST", poll, Map.of(), jsonp ? null : "").body().contains("o"));
        if (jsonp) {
            Client.request("POST", url + "/jsonp_send", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    "d=%5B%22hi%22%5D");
        } else {
            Client.request("POST", url + "/xhr_send", Map.of(), "[\"hi\"]");
        }
        assertTrue(Client.request(jsonp ? "GET" : "POST", poll, Map.of(), jsonp ? null : "").body().contains("hi"));

        assertEquals(List.of("opened " + transport, "attached", "detached", "received 2", "sent 2", "attached",
                "detached", "closed 1000 TIMEOUT"), echoEvents.closedSession(transport));
    }

    /** A session whose client streams, sends "hi", reads its echo, and drops the stream. */
    @ParameterizedTest
    @ValueSource(strings = {"xhr-streaming", "eventsource", "htmlfile"})
    void aStreamingSessionEndsWhenItsClientDropsTheStream(String transport) throws Exception {
        String url = session("echo");
        String path = switch (transport) {
            case "xhr-streaming" -> "/xhr_streaming";
            case "eventsource" -> "/eventsource";
            default -> "/htmlfile?c=cb";
        };
        try (Client stream = Client.open(transport.equals("xhr-streaming") ? "POST" : "GET", url + path, Map.of(),
                transport.equals("xhr-streaming") ? new byte[0] : null)) {
            Client.request("POST", url + "/xhr_send", Map.of(), "[\"hi\"]");
            String received = "";
            while (!received.contains("hi")) {
                received += stream.chunk();
            }
        }
        List<String> events = echoEvents.closedSession(transport);
        assertEquals(List.of("opened " + transport, "attached", "received 2", "sent 2", "detached",
                "closed 1002 INTERRUPTED"), events);
    }

    @Test
    void aWebSocketSessionEndsWhenItsClientCloses() throws Exception {
        CompletableFuture<String> echo = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(
                session("echo").replace("http:", "ws:") + "/websocket"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        if (data.toString().startsWith("a")) {
                            echo.complete(data.toString());
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("[\"hi\"]", true);
        assertEquals("a[\"hi\"]", echo.get(10, TimeUnit.SECONDS));
        socket.sendClose(1000, "done").get(10, TimeUnit.SECONDS);

        assertEquals(List.of("opened websocket", "attached", "received 2", "sent 2", "detached",
                "closed 1000 CLIENT"), echoEvents.closedSession("websocket"));
    }

    @Test
    void everyKindOfRefusalIsTold() throws Exception {
        String strict = server.url() + "/strict";
        Client.request("GET", strict + "/nothing/here/at/all", Map.of(), null);
        Client.request("PUT", strict + "/info", Map.of(), "");
        Client.request("GET", strict + "/info", Map.of("Origin", "https://evil.example"), null);
        String url = session("strict");
        Client.request("POST", url + "/xhr", Map.of(), "");
        Client.request("POST", url + "/xhr_send", Map.of(), "[\"" + "x".repeat(200) + "\"]");
        Client.request("POST", url + "/xhr_send", Map.of(), "not json");
        Client.request("POST", session("strict") + "/xhr", Map.of(), "");
        Client.request("GET", session("strict") + "/websocket", Map.of("Upgrade", "websocket",
                "Connection", "Upgrade", "Sec-WebSocket-Version", "8"), null);

        assertEquals(List.of("404 NOT_FOUND", "405 METHOD", "403 ORIGIN", "413 BODY_TOO_LARGE", "500 MALFORMED",
                "503 TOO_MANY_SESSIONS", "426 BAD_HANDSHAKE"), strictEvents.refusals());
    }
}
