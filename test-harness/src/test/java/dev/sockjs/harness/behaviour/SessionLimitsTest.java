package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What one client can make a service hold: sessions, and what each session keeps of its request. */
class SessionLimitsTest {

    private ProtocolTestServer server;
    private final Events events = new Events();

    private String start(SockJsOptions options) throws Exception {
        server = ProtocolTestServer.start("127.0.0.1", 0,
                context -> SockJsServlet.register(context, "/svc", events, options));
        return server.url() + "/svc";
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void pastMaxSessionsANewSessionGets503AndTheOthersGoOn() throws Exception {
        String base = start(SockJsOptions.builder().maxSessions(2).build());
        String first = base + "/000/" + UUID.randomUUID();
        assertEquals("o\n", Client.request("POST", first + "/xhr", Map.of(), "").body());
        assertEquals("o\n", Client.request("POST", base + "/000/" + UUID.randomUUID() + "/xhr", Map.of(), "")
                .body());
        Client.Response refused = Client.request("POST", base + "/000/" + UUID.randomUUID() + "/xhr",
                Map.of("Origin", "https://page.example"), "");
        assertEquals(503, refused.status());
        assertEquals("Too many sessions.", refused.body());
        assertEquals("https://page.example", refused.header("Access-Control-Allow-Origin"));
        assertEquals(503, Client.request("GET", base + "/000/" + UUID.randomUUID() + "/websocket",
                Map.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Version", "13",
                        "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="), null).status());

        assertEquals(204, Client.request("POST", first + "/xhr_send", Map.of(), "[\"still here\"]").status());
        assertEquals("a[\"still here\"]\n", Client.request("POST", first + "/xhr", Map.of(), "").body());
    }

    @Test
    void aSendToASessionClosedForASlowClientIs404() throws Exception {
        String base = start(SockJsOptions.builder().maxQueuedChars(50).build());
        String url = base + "/000/" + UUID.randomUUID();
        assertEquals("o\n", Client.request("POST", url + "/xhr", Map.of(), "").body());
        String thirty = "x".repeat(30);
        assertEquals(204, Client.request("POST", url + "/xhr_send", Map.of(),
                "[\"" + thirty + "\",\"" + thirty + "\"]").status());
        assertEquals("c[4500,\"Send queue limit exceeded\"]\n",
                Client.request("POST", url + "/xhr", Map.of(), "").body());
        assertEquals(404, Client.request("POST", url + "/xhr_send", Map.of(), "[\"lost?\"]").status());
    }

    @Test
    void aSessionKeepsOnlyTheListedHeadersHoweverManyTheClientSends() throws Exception {
        String base = start(SockJsOptions.defaults());
        Map<String, String> headers = new LinkedHashMap<>();
        // As many as fit in Jetty's 8 KiB of request headers, with the Referer.
        for (int i = 0; i < 300; i++) {
            headers.put("p" + i, "v");
        }
        headers.put("User-Agent", "test-agent");
        headers.put("X-Forwarded-For", "203.0.113.7");
        headers.put("Referer", "https://page.example/" + "r".repeat(4100));
        assertEquals("o\n", Client.request("POST", base + "/000/" + UUID.randomUUID() + "/xhr", headers, "")
                .body());
        assertEquals("open xhr-polling", events.next());
        Map<String, List<String>> kept = events.last.headers();
        assertEquals(List.of("test-agent"), kept.get("user-agent"));
        assertEquals(List.of("203.0.113.7"), kept.get("x-forwarded-for"));
        assertTrue(kept.keySet().containsAll(Set.of("host", "user-agent", "x-forwarded-for")), kept.toString());
        assertEquals(Set.of("host", "user-agent", "x-forwarded-for"), kept.keySet(),
                "padding and an over-long Referer are not kept");
    }
}
