package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The message size limit and the allowed-origins check. */
class LimitsAndOriginsTest {

    private static ProtocolTestServer server;
    private static String base;
    private static final Events EVENTS = new Events();

    @BeforeAll
    static void start() throws Exception {
        server = ProtocolTestServer.start("127.0.0.1", 0, context -> SockJsServlet.register(context, "/limited",
                EVENTS, SockJsOptions.builder().maxMessageSize(100)
                        .allowedOrigins(List.of("https://good.example")).build()));
        base = server.url() + "/limited";
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String newSession() throws Exception {
        String url = base + "/000/" + UUID.randomUUID();
        assertEquals("o\n", Client.request("POST", url + "/xhr", Map.of(), "").body());
        return url;
    }

    @Test
    void aBodyDeclaredTooLargeIsRefusedWith413UnreadAndTheSessionGoesOn() throws Exception {
        String url = newSession();
        String big = "[\"" + "x".repeat(200) + "\"]";
        Client.Response r = Client.request("POST", url + "/xhr_send", Map.of(), big);
        assertEquals(413, r.status());
        assertEquals("Payload too large.", r.body());

        assertEquals(204, Client.request("POST", url + "/xhr_send", Map.of(), "[\"small\"]").status());
        assertEquals("a[\"small\"]\n", Client.request("POST", url + "/xhr", Map.of(), "").body());
    }

    @Test
    void aChunkedBodyGrowingTooLargeIsRefusedWith413() throws Exception {
        String url = newSession();
        String payload = "[\"" + "x".repeat(200) + "\"]";
        String chunked = Integer.toHexString(payload.length()) + "\r\n" + payload + "\r\n0\r\n\r\n";
        try (Client c = Client.open("POST", url + "/xhr_send", Map.of("Transfer-Encoding", "chunked"),
                chunked.getBytes(StandardCharsets.US_ASCII))) {
            assertEquals(413, c.status);
        }
    }

    @Test
    void aWebsocketMessageTooLargeClosesTheConnectionWith1009() throws Exception {
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "https://good.example")
                .buildAsync(URI.create(base.replace("http", "ws") + "/000/" + UUID.randomUUID() + "/websocket"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                                closeCode.complete(statusCode);
                                return null;
                            }
                        })
                .get(5, TimeUnit.SECONDS);
        ws.sendText("[\"" + "x".repeat(500) + "\"]", true);
        assertEquals(1009, closeCode.get(10, TimeUnit.SECONDS));
    }

    @Test
    void otherOriginsAreRefusedWith403() throws Exception {
        Map<String, String> evil = Map.of("Origin", "https://evil.example");
        assertEquals(403, Client.request("GET", base + "/info", evil, null).status());
        assertEquals(403, Client.request("POST", base + "/000/" + UUID.randomUUID() + "/xhr", evil, "").status());
        ExecutionException e = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().header("Origin", "https://evil.example")
                .buildAsync(URI.create(base.replace("http", "ws") + "/000/" + UUID.randomUUID() + "/websocket"),
                        new WebSocket.Listener() { })
                .get(5, TimeUnit.SECONDS));
        assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }

    @Test
    void theAllowedOriginAndRequestsWithoutOriginAreServed() throws Exception {
        Client.Response r = Client.request("GET", base + "/info", Map.of("Origin", "https://good.example"), null);
        assertEquals(200, r.status());
        assertEquals("https://good.example", r.header("Access-Control-Allow-Origin"));
        assertEquals(200, Client.request("GET", base + "/info", Map.of(), null).status());
    }

    @Test
    void scriptAndFrameLoadsFromOtherOriginsAreRefusedByTheirFetchSiteAndReferer() throws Exception {
        Map<String, String> foreignScript = Map.of("Sec-Fetch-Site", "cross-site", "Sec-Fetch-Dest", "script",
                "Referer", "https://evil.example/page.html");
        Client.Response jsonp = Client.request("GET", base + "/000/" + UUID.randomUUID() + "/jsonp?c=cb",
                foreignScript, null);
        assertEquals(403, jsonp.status());
        assertEquals(403, Client.request("GET", base + "/000/" + UUID.randomUUID() + "/htmlfile?c=cb",
                Map.of("Sec-Fetch-Site", "cross-site", "Referer", "https://evil.example/"), null).status());
        assertEquals(403, Client.request("GET", base + "/000/" + UUID.randomUUID() + "/jsonp?c=cb",
                Map.of("Sec-Fetch-Site", "cross-site"), null).status(), "no Referer to vouch for it");
        Client.Response allowed = Client.request("GET", base + "/000/" + UUID.randomUUID() + "/jsonp?c=cb",
                Map.of("Sec-Fetch-Site", "cross-site", "Referer", "https://good.example/chat"), null);
        assertEquals(200, allowed.status());
        assertEquals("/**/cb(\"o\");\r\n", allowed.body());
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() throws Exception {
        Map<String, String> preflight = Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        Client.Response r = Client.request("OPTIONS", base + "/000/" + UUID.randomUUID() + "/xhr", preflight, null);
        assertEquals(403, r.status());
        assertEquals(null, r.header("Access-Control-Allow-Origin"));
        assertEquals(403, Client.request("OPTIONS", base + "/info", preflight, null).status());
        assertEquals(204, Client.request("OPTIONS", base + "/info", Map.of("Origin", "https://good.example",
                "Access-Control-Request-Method", "GET"), null).status());
    }

    @Test
    void theIframePageMayBeFramedOnlyByAllowedOrigins() throws Exception {
        Client.Response r = Client.request("GET", base + "/iframe.html", Map.of(), null);
        assertEquals(200, r.status());
        assertEquals("frame-ancestors 'self' https://good.example", r.header("Content-Security-Policy"));
    }

    @Test
    void theServicesOwnOriginIsAllowed() throws Exception {
        String own = server.url();
        assertEquals(200, Client.request("GET", base + "/info", Map.of("Origin", own), null).status());
    }
}
