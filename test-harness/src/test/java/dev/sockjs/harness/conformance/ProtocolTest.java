package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The framing, explained with xhr-polling: open frame, message frames, close frames, one receiver at a time. */
class ProtocolTest extends SockJsConformance {

    @Test
    void test_simpleSession() throws Exception {
        String transUrl = BASE + session();
        Http.Response r = Http.post(transUrl + "/xhr");
        assertEquals(200, r.status());
        assertEquals("o\n", r.body());

        r = Http.post(transUrl + "/xhr_send", "[\"a\"]");
        assertEquals(204, r.status());
        assertEquals(0, r.body.length);

        r = Http.post(transUrl + "/xhr");
        assertEquals(200, r.status());
        assertEquals("a[\"a\"]\n", r.body());

        verify404(Http.post(BASE + "/000/bad_session/xhr_send", "[\"a\"]"));

        try (RawHttp r1 = Http.postWithoutReading(transUrl + "/xhr")) {
                Http.Response r2 = Http.post(transUrl + "/xhr");
            assertEquals("c[2010,\"Another connection still open\"]\n", r2.body());
            assertEquals(200, r2.status());
        }
    }

    @Test
    void test_closeSession() throws Exception {
        String transUrl = CLOSE_BASE + session();
        Http.Response r = Http.post(transUrl + "/xhr");
        assertEquals(200, r.status());
        assertEquals("o\n", r.body());

        r = Http.post(transUrl + "/xhr");
        assertEquals(200, r.status());
        assertEquals("c[3000,\"Go away!\"]\n", r.body());

        r = Http.post(transUrl + "/xhr");
        assertEquals(200, r.status());
        assertEquals("c[3000,\"Go away!\"]\n", r.body());
    }
}
