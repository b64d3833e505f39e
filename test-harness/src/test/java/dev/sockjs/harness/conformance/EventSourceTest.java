package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** eventsource: server-sent events, one per frame. */
class EventSourceTest extends SockJsConformance {

    @Test
    void test_transport() throws Exception {
        String url = BASE + session();
        try (Http.Streaming r = Http.getAsync(url + "/eventsource")) {
            assertEquals(200, r.status());
            verifyContentType(r.header("Content-Type"), "text/event-stream");
            verifyNotCached(r.head);

            assertEquals("\r\n", r.read());
            assertEquals("data: o\r\n\r\n", r.read());

            Http.Response r1 = Http.post(url + "/xhr_send", "[\"x\"]");
            assertEquals(0, r1.body.length);
            assertEquals(204, r1.status());
            assertEquals("data: a[\"x\"]\r\n\r\n", r.read());

            r1 = Http.post(url + "/xhr_send", "[\"  \\u0000\\n\\r \"]");
            assertEquals(0, r1.body.length);
            assertEquals(204, r1.status());
            assertEquals("data: a[\"  \\u0000\\n\\r \"]\r\n\r\n", r.read());
        }
    }

    @Test
    void test_response_limit() throws Exception {
        String url = BASE + session();
        try (Http.Streaming r = Http.getAsync(url + "/eventsource")) {
            assertEquals(200, r.status());
            assertFalse(r.read().isEmpty());
            assertEquals("data: o\r\n\r\n", r.read());

            String msg = "\"" + "x".repeat(4096) + "\"";
            Http.Response r1 = Http.post(url + "/xhr_send", "[" + msg + "]");
            assertEquals(204, r1.status());
            assertEquals("data: a[" + msg + "]\r\n\r\n", r.read());
            assertEquals("", r.read());
        }
    }
}
