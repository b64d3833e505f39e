package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP/1.0: no chunking; a body is delimited by Content-Length or by closing the connection. */
class Http10Test extends SockJsConformance {

    @Test
    void test_synchronous() throws Exception {
        try (RawHttp c = new RawHttp(BASE)) {
            RawHttp.Head r = c.request("GET", BASE, Map.of("Connection", "Keep-Alive"), null, "1.0");
            assertEquals(200, r.status);
            assertTrue(List.of("1.0", "1.1").contains(r.http));
            assertNull(r.header("Transfer-Encoding"));

            if (r.header("Content-Length") == null) {
                assertEquals("close", r.header("Connection").toLowerCase(Locale.ROOT));
                assertEquals("Welcome to SockJS!\n", new String(c.readToEnd(), StandardCharsets.UTF_8));
            } else {
                assertEquals(19, Integer.parseInt(r.header("Content-Length")));
                assertEquals("Welcome to SockJS!\n", new String(c.read(19), StandardCharsets.UTF_8));
                String connection = r.header("Connection") == null ? "" : r.header("Connection").toLowerCase(Locale.ROOT);
                if (connection.equals("close") || connection.isEmpty()) {
                    assertTrue(c.closed());
                } else {
                    assertEquals("keep-alive", connection);
                    r = c.request("GET", BASE, Map.of("Connection", "Keep-Alive"), null, "1.0");
                    assertEquals(200, r.status);
                }
            }
        }
    }

    @Test
    void test_streaming() throws Exception {
        String url = CLOSE_BASE + session();
        try (RawHttp c = new RawHttp(url)) {
            RawHttp.Head r = c.request("POST", url + "/xhr_streaming", Map.of("Connection", "Keep-Alive"), null, "1.0");
            assertEquals(200, r.status);
            assertNull(r.header("Transfer-Encoding"));
            assertNull(r.header("Content-Length"));

            assertEquals('h', c.read(2048 + 1)[0]);
            assertEquals("o\n", new String(c.read(2), StandardCharsets.UTF_8));
            assertEquals("c[3000,\"Go away!\"]\n", new String(c.read(19), StandardCharsets.UTF_8));
            assertTrue(c.closed());
        }
    }
}
