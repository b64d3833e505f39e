package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The websocket transport (RFC 6455), and the hixie-76 handshake as HAProxy forwards it. */
class WebsocketTest extends SockJsConformance {

    @Test
    void test_transport() throws Exception {
        try (Ws ws = Ws.connect(ws(BASE + session() + "/websocket"))) {
            assertEquals("o", ws.recv());
            ws.send("[\"a\"]");
            assertEquals("a[\"a\"]", ws.recv());
        }
    }

    @Test
    void test_close() throws Exception {
        try (Ws ws = Ws.connect(ws(CLOSE_BASE + session() + "/websocket"))) {
            assertEquals("o", ws.recv());
            assertEquals("c[3000,\"Go away!\"]", ws.recv());
            assertThrows(Ws.ClosedException.class, ws::recv);
        }
    }

    @Test
    void test_headersSanity() throws Exception {
        String url = BASE + session() + "/websocket";
        try (Http.Streaming r = Http.async("GET", url, Map.of(
                "Upgrade", "websocket",
                "Connection", "Upgrade",
                "Sec-WebSocket-Version", "13",
                "Sec-WebSocket-Origin", "http://asd",
                "Sec-WebSocket-Key", "x3JJHMbDL1EzLkh9GBhXDw=="))) {
            assertEquals(101, r.status());
            assertEquals("HSmrc0sMlYUkAGmm5OPpG2HaGWk=", r.header("Sec-WebSocket-Accept"));
            assertEquals("upgrade", r.header("Connection").toLowerCase(java.util.Locale.ROOT));
            assertEquals("websocket", r.header("Upgrade").toLowerCase(java.util.Locale.ROOT));
            assertEquals(null, r.header("Content-Length"));
        }
    }

    @Test
    void test_empty_frame() throws Exception {
        try (Ws ws = Ws.connect(ws(BASE + session() + "/websocket"))) {
            assertEquals("o", ws.recv());
            ws.send("");
            ws.send("[]");
            ws.send("[\"a\"]");
            assertEquals("a[\"a\"]", ws.recv());
        }
    }

    @Test
    void test_reuseSessionId() throws Exception {
        String url = ws(BASE + session() + "/websocket");
        try (Ws ws1 = Ws.connect(url); Ws ws2 = Ws.connect(url)) {
            assertEquals("o", ws1.recv());
            assertEquals("o", ws2.recv());
            ws1.send("[\"a\"]");
            assertEquals("a[\"a\"]", ws1.recv());
            ws2.send("[\"b\"]");
            assertEquals("a[\"b\"]", ws2.recv());
        }
        try (Ws ws1 = Ws.connect(url)) {
            assertEquals("o", ws1.recv());
            ws1.send("[\"a\"]");
            assertEquals("a[\"a\"]", ws1.recv());
        }
    }

    @Test
    void test_haproxy() throws Exception {
        String path = BASE + session() + "/websocket";
        String origin = TOP;
        try (RawHttp c = new RawHttp(path)) {
            RawHttp.Head r = c.request("GET", path, Map.of(
                    "Connection", "Upgrade",
                    "Upgrade", "WebSocket",
                    "Origin", origin,
                    "Sec-WebSocket-Key1", "4 @1  46546xW%0l 1 5",
                    "Sec-WebSocket-Key2", "12998 5 Y3 1  .P00"), null, "1.1");
            assertEquals(101, r.status);
            assertEquals("upgrade", r.header("Connection").toLowerCase(java.util.Locale.ROOT));
            assertEquals("websocket", r.header("Upgrade").toLowerCase(java.util.Locale.ROOT));
            assertEquals(ws(path), r.header("Sec-WebSocket-Location"));
            assertEquals(origin, r.header("Sec-WebSocket-Origin"));
            assertFalse(r.headers.containsKey("Content-Length"));
            c.send("aaaaaaaa".getBytes(StandardCharsets.ISO_8859_1));
            byte[] expected = {(byte) 0xca, '4', 0x00, (byte) 0xd8, (byte) 0xa5, 0x08, 'G', (byte) 0x97, ',',
                (byte) 0xd5, 'q', 'Z', (byte) 0xba, (byte) 0xbf, 'C', '{'};
            assertArrayEquals(expected, Arrays.copyOf(c.read(16), 16));
        }
    }

    @Test
    void test_broken_json() throws Exception {
        try (Ws ws = Ws.connect(ws(BASE + session() + "/websocket"))) {
            assertEquals("o", ws.recv());
            ws.send("[\"a");
            assertThrows(Ws.ClosedException.class, ws::recv);
        }
    }
}
