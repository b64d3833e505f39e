package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /websocket}: plain websocket messages, no SockJS framing. */
class RawWebsocketTest extends SockJsConformance {

    @Test
    void test_transport() throws Exception {
        try (Ws ws = Ws.connect(ws(BASE) + "/websocket")) {
            ws.send("Hello world!\uffff");
            assertEquals("Hello world!\uffff", ws.recv());
        }
    }

    @Test
    void test_close() throws Exception {
        try (Ws ws = Ws.connect(ws(CLOSE_BASE) + "/websocket")) {
            Ws.ClosedException closed = assertThrows(Ws.ClosedException.class, ws::recv);
            assertEquals("Go away!", closed.reason);
        }
    }

    /**
     * What the suite's {@code test_close} needs without asserting it: its client reads the socket on one
     * thread while another still parses the bytes that came with the handshake, so an end of stream right
     * behind the close frame can overtake it (the client then reports 1006). The server keeps the connection
     * open until the client answers the close frame, and ends it then.
     */
    @Test
    void test_close_keepsTheConnectionUntilTheClientAnswers() throws Exception {
        String url = CLOSE_BASE + "/websocket";
        try (RawHttp http = new RawHttp(url)) {
            RawHttp.Head head = http.request("GET", url, Map.of("Upgrade", "websocket", "Connection", "Upgrade",
                    "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"), null, "1.1");
            assertEquals(101, head.status);
            byte[] reason = "Go away!".getBytes(StandardCharsets.UTF_8);
            byte[] expected = new byte[4 + reason.length];
            expected[0] = (byte) 0x88;
            expected[1] = (byte) (2 + reason.length);
            expected[2] = (byte) (3000 >> 8);
            expected[3] = (byte) (3000 & 0xff);
            System.arraycopy(reason, 0, expected, 4, reason.length);
            assertArrayEquals(expected, http.read(expected.length), "close frame 3000 'Go away!'");

            assertTrue(http.silentFor(300), "connection ended before the client answered the close frame");

            http.send(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, (byte) (3000 >> 8), (byte) (3000 & 0xff)});
            assertEquals(0, http.readToEnd().length, "the server ends the connection once answered");
        }
    }
}
