package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests to the websocket URL that are not proper websocket upgrades. */
class WebsocketHttpErrorsTest extends SockJsConformance {

    @Test
    void test_httpMethod() throws Exception {
        assertEquals(400, Http.get(BASE + "/0/0/websocket").status());
    }

    @Test
    void test_invalidConnectionHeader() throws Exception {
        Http.Response r = Http.get(BASE + "/0/0/websocket", Map.of("Upgrade", "WebSocket", "Connection", "close"));
        assertEquals(400, r.status());
        assertTrue(r.body().contains("Not a valid websocket request"), r.body());
    }

    @Test
    void test_invalidMethod() throws Exception {
        for (Map<String, String> h : java.util.List.of(Map.of("Upgrade", "WebSocket", "Connection", "Upgrade"),
                Map.<String, String>of())) {
            verify405(Http.post(BASE + "/0/0/websocket", null, h));
        }
    }
}
