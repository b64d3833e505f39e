package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /info}: capabilities, entropy, CORS. */
class InfoTest extends SockJsConformance {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void test_basic() throws Exception {
        Http.Response r = Http.get(BASE + "/info", Map.of("Origin", "test"));
        assertEquals(200, r.status());
        verifyContentType(r.header("Content-Type"), "application/json;charset=UTF-8");
        verifyNoCookie(r);
        verifyNotCached(r.head);
        verifyCors(r, "test");

        JsonNode data = JSON.readTree(r.body);
        assertTrue(data.get("websocket").asBoolean() && data.get("websocket").isBoolean());
        assertTrue(data.get("cookie_needed").isBoolean());
        assertEquals(JSON.readTree("[\"*:*\"]"), data.get("origins"));
        assertTrue(data.get("entropy").isIntegralNumber());
    }

    @Test
    void test_entropy() throws Exception {
        JsonNode data1 = JSON.readTree(Http.get(BASE + "/info").body);
        JsonNode data2 = JSON.readTree(Http.get(BASE + "/info").body);
        assertTrue(data1.get("entropy").isIntegralNumber());
        assertTrue(data2.get("entropy").isIntegralNumber());
        long entropy = data1.get("entropy").asLong();
        assertTrue(entropy >= 0 && entropy <= 0xffffffffL);
        assertNotEquals(data1.get("entropy"), data2.get("entropy"));
    }

    @Test
    void test_options() throws Exception {
        verifyOptions(BASE + "/info", "OPTIONS, GET");
    }

    @Test
    void test_options_null_origin() throws Exception {
        Http.Response r = Http.options(BASE + "/info",
                Map.of("Origin", "null", "Access-Control-Request-Method", "POST"));
        assertTrue(r.status() == 204 || r.status() == 200);
        assertEquals(0, r.body.length);
        assertEquals("null", r.header("Access-Control-Allow-Origin"));
    }

    @Test
    void test_disabled_websocket() throws Exception {
        Http.Response r = Http.get(WSOFF_BASE + "/info");
        assertEquals(200, r.status());
        JsonNode data = JSON.readTree(r.body);
        assertEquals(false, data.get("websocket").asBoolean(true));
    }
}
