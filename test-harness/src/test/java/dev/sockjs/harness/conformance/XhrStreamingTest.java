package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** xhr-streaming: a 2 KiB prelude, then one chunk per frame, until the response limit. */
class XhrStreamingTest extends SockJsConformance {

    @Test
    void test_options() throws Exception {
        verifyOptions(BASE + "/abc/abc/xhr_streaming", "OPTIONS, POST");
    }

    @Test
    void test_transport() throws Exception {
        String url = BASE + session();
        try (Http.Streaming r = Http.async("POST", url + "/xhr_streaming", Map.of("Origin", "test"))) {
            assertEquals(200, r.status());
            verifyContentType(r.header("Content-Type"), "application/javascript;charset=UTF-8");
            verifyCors(r.head, "test");
            verifyNotCached(r.head);

            assertEquals("h".repeat(2048) + "\n", r.read());
            assertEquals("o\n", r.read());

            Http.Response r1 = Http.post(url + "/xhr_send", "[\"x\"]");
            assertEquals(204, r1.status());
            assertEquals(0, r1.body.length);

            assertEquals("a[\"x\"]\n", r.read());
        }
    }

    @Test
    void test_response_limit() throws Exception {
        String url = BASE + session();
        try (Http.Streaming r = Http.postAsync(url + "/xhr_streaming")) {
            assertEquals(200, r.status());
            assertFalse(r.read().isEmpty());
            assertEquals("o\n", r.read());

            String msg = "\"" + "x".repeat(128) + "\"";
            for (int i = 0; i < 31; i++) {
                Http.Response r1 = Http.post(url + "/xhr_send", "[" + msg + "]");
                assertEquals(204, r1.status());
                assertEquals("a[" + msg + "]\n", r.read());
            }
            assertEquals("", r.read());
        }
    }
}
