package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP/1.1: keep-alive, and chunked streaming responses with one frame per chunk. */
class Http11Test extends SockJsConformance {

    @Test
    void test_synchronous() throws Exception {
        try (RawHttp c = new RawHttp(BASE)) {
            RawHttp.Head r = c.request("GET", BASE, Map.of("Connection", "Keep-Alive"), null, "1.1");
            assertEquals("1.1", r.http);
            String connection = r.header("Connection") == null ? "" : r.header("Connection").toLowerCase(Locale.ROOT);
            assertTrue(List.of("keep-alive", "").contains(connection), "keep-alive is the default in HTTP/1.1");
            if (r.header("Content-Length") != null) {
                assertEquals(19, Integer.parseInt(r.header("Content-Length")));
                assertEquals("Welcome to SockJS!\n", new String(c.read(19), StandardCharsets.UTF_8));
                assertNull(r.header("Transfer-Encoding"));
            } else {
                assertEquals("chunked", r.header("Transfer-Encoding").toLowerCase(Locale.ROOT));
                assertEquals("Welcome to SockJS!\n", new String(c.readChunk(), StandardCharsets.UTF_8));
                assertEquals(0, c.readChunk().length);
            }
            r = c.request("GET", BASE, Map.of("Connection", "Keep-Alive"), null, "1.1");
            assertEquals(200, r.status);
        }
    }

    @Test
    void test_streaming() throws Exception {
        String url = CLOSE_BASE + session();
        try (RawHttp c = new RawHttp(url)) {
            RawHttp.Head r = c.request("POST", url + "/xhr_streaming", Map.of("Connection", "Keep-Alive"), null, "1.1");
            assertEquals(200, r.status);
            assertNotNull(r.header("Transfer-Encoding"));
            assertNull(r.header("Content-Length"));

            assertEquals('h', c.readChunk()[0]);
            assertEquals("o\n", new String(c.readChunk(), StandardCharsets.UTF_8));
            assertEquals("c[3000,\"Go away!\"]\n", new String(c.readChunk(), StandardCharsets.UTF_8));
            assertEquals(0, c.readChunk().length);
        }
    }
}
