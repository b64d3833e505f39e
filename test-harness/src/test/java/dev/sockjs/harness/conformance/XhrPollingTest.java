package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** xhr-polling: {@code /xhr} and {@code /xhr_send}. */
class XhrPollingTest extends SockJsConformance {

    @Test
    void test_options() throws Exception {
        for (String suffix : new String[] {"/xhr", "/xhr_send"}) {
            verifyOptions(BASE + "/abc/abc" + suffix, "OPTIONS, POST");
        }
    }

    @Test
    void test_transport() throws Exception {
        String url = BASE + session();
        Http.Response r = Http.post(url + "/xhr", null, Map.of("Origin", "test"));
        assertEquals(200, r.status());
        assertEquals("o\n", r.body());
        verifyContentType(r.header("Content-Type"), "application/javascript;charset=UTF-8");
        verifyCors(r, "test");
        verifyNotCached(r.head);

        r = Http.post(url + "/xhr_send", "[\"x\"]", Map.of("Origin", "test"));
        assertEquals(204, r.status());
        assertEquals(0, r.body.length);
        verifyContentType(r.header("Content-Type"), "text/plain;charset=UTF-8");
        verifyCors(r, "test");
        verifyNotCached(r.head);

        r = Http.post(url + "/xhr");
        assertEquals(200, r.status());
        assertEquals("a[\"x\"]\n", r.body());
    }

    @Test
    void test_invalid_session() throws Exception {
        verify404(Http.post(BASE + session() + "/xhr_send", "[\"x\"]"));
    }

    @Test
    void test_invalid_json() throws Exception {
        String url = BASE + session();
        Http.Response r = Http.post(url + "/xhr");
        assertEquals(200, r.status());
        assertEquals("o\n", r.body());

        r = Http.post(url + "/xhr_send", "[\"x");
        assertEquals(500, r.status());
        assertTrue(r.body().contains("Broken JSON encoding."));

        r = Http.post(url + "/xhr_send", "");
        assertEquals(500, r.status());
        assertTrue(r.body().contains("Payload expected."));

        r = Http.post(url + "/xhr_send", "[\"a\"]");
        assertEquals(0, r.body.length);
        assertEquals(204, r.status());

        r = Http.post(url + "/xhr");
        assertEquals("a[\"a\"]\n", r.body());
        assertEquals(200, r.status());
    }

    @Test
    void test_content_types() throws Exception {
        String url = BASE + session();
        assertEquals("o\n", Http.post(url + "/xhr").body());

        String[] ctypes = {"text/plain", "T", "application/json", "application/xml", "",
            "application/json; charset=utf-8", "text/xml; charset=utf-8", "text/xml"};
        for (String ct : ctypes) {
            Http.Response r = Http.post(url + "/xhr_send", "[\"a\"]", Map.of("Content-Type", ct));
            assertEquals(204, r.status());
            assertEquals(0, r.body.length);
        }

        Http.Response r = Http.post(url + "/xhr");
        assertEquals(200, r.status());
        assertEquals("a[" + String.join(",", Collections.nCopies(ctypes.length, "\"a\"")) + "]\n", r.body());
    }

    @Test
    void test_request_headers_cors() throws Exception {
        Http.Response r = Http.options(BASE + session() + "/xhr", Map.of("Origin", "test",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "a, b, c"));
        assertTrue(r.status() == 204 || r.status() == 200);
        verifyCors(r, "test");
        assertEquals("a, b, c", r.header("Access-Control-Allow-Headers"));

        r = Http.options(BASE + session() + "/xhr", Map.of("Origin", "test",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", ""));
        assertTrue(r.status() == 204 || r.status() == 200);
        verifyCors(r, "test");
        assertNull(r.header("Access-Control-Allow-Headers"));

        r = Http.options(BASE + session() + "/xhr", Map.of("Origin", "test",
                "Access-Control-Request-Method", "POST"));
        assertTrue(r.status() == 204 || r.status() == 200);
        verifyCors(r, "test");
        assertNull(r.header("Access-Control-Allow-Headers"));
    }

    @Test
    void test_sending_empty_frame() throws Exception {
        String url = BASE + session();
        Http.Response r = Http.post(url + "/xhr");
        assertEquals(200, r.status());
        assertEquals("o\n", r.body());

        assertEquals(204, Http.post(url + "/xhr_send", "[]").status());
        assertEquals(204, Http.post(url + "/xhr_send", "[\"a\"]").status());

        r = Http.post(url + "/xhr");
        assertEquals("a[\"a\"]\n", r.body());
        assertEquals(200, r.status());
    }
}
