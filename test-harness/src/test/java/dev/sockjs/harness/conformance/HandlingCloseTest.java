package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Closing: close frames for every later request, one receiver at a time, and aborted receivers. */
class HandlingCloseTest extends SockJsConformance {

    /**
     * Tests that need the container to report at once that a client left a pending request: stock Tomcat reads
     * nothing from such a connection, so there the server learns of it at the next heartbeat (the library's
     * {@code SockJsNioProtocol} fixes that).
     */
    static final String PROMPT_CLOSE_NOTICE = "prompt-close-notice";

    @Test
    void test_close_frame() throws Exception {
        String url = CLOSE_BASE + session();
        try (Http.Streaming r1 = Http.postAsync(url + "/xhr_streaming")) {
            r1.read();
            assertEquals("o\n", r1.read());
            assertEquals("c[3000,\"Go away!\"]\n", r1.read());

            try (Http.Streaming r2 = Http.postAsync(url + "/xhr_streaming")) {
                r2.read();
                assertEquals("c[3000,\"Go away!\"]\n", r2.read());
                assertEquals("", r1.read());
                assertEquals("", r2.read());
            }
        }
    }

    @Test
    void test_close_request() throws Exception {
        String url = BASE + session();
        try (Http.Streaming r1 = Http.postAsync(url + "/xhr_streaming")) {
            r1.read();
            assertEquals("o\n", r1.read());
            try (Http.Streaming r2 = Http.postAsync(url + "/xhr_streaming")) {
                r2.read();
                assertEquals("c[2010,\"Another connection still open\"]\n", r2.read());
                assertEquals("", r2.read());
            }
        }
    }

    @Test
    @Tag(PROMPT_CLOSE_NOTICE)
    void test_abort_xhr_streaming() throws Exception {
        String url = BASE + session();
        Http.Streaming r1 = Http.postAsync(url + "/xhr_streaming");
        r1.read();
        assertEquals("o\n", r1.read());

        try (Http.Streaming r2 = Http.postAsync(url + "/xhr_streaming")) {
            r2.read();
            assertEquals("c[2010,\"Another connection still open\"]\n", r2.read());
            assertEquals("", r2.read());
        }

        r1.close();

        try (Http.Streaming r3 = Http.postAsync(url + "/xhr_streaming")) {
            r3.read();
            String frame = r3.read();
            assertTrue(List.of("o\n", "c[1002,\"Connection interrupted\"]\n").contains(frame), frame);
        }
    }

    @Test
    @Tag(PROMPT_CLOSE_NOTICE)
    void test_abort_xhr_polling() throws Exception {
        String url = BASE + session();
        assertEquals("o\n", Http.post(url + "/xhr").body());

        RawHttp r1 = Http.postWithoutReading(url + "/xhr");

        Http.Response r2 = Http.post(url + "/xhr");
        assertEquals("c[2010,\"Another connection still open\"]\n", r2.body());

        r1.close();

        String r3 = Http.post(url + "/xhr").body();
        assertTrue(List.of("o\n", "c[1002,\"Connection interrupted\"]\n").contains(r3), r3);
    }
}
