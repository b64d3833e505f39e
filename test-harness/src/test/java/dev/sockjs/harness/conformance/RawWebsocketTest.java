package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
