package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Websocket framing (RFC 6455) under the SockJS websocket transport, beyond what the protocol suite sends:
 * fragmented messages, a character split between fragments, pings, and broken UTF-8. Not part of the official
 * suite; here so that every websocket path (Jetty's core API, its Jakarta layer, Tomcat) is held to the same.
 */
class WebsocketFramesTest extends SockJsConformance {

    private static final int TEXT = 0x1;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    @Test
    void fragmentsOfATextMessageAreJoined() throws Exception {
        try (RawHttp ws = open()) {
            ws.send(frame(TEXT, false, bytes("[\"hel")));
            ws.send(frame(CONTINUATION, false, bytes("lo ")));
            ws.send(frame(CONTINUATION, true, bytes("world\"]")));
            assertArrayEquals(bytes("a[\"hello world\"]"), payload(ws, TEXT));
        }
    }

    @Test
    void aCharacterSplitBetweenFragmentsArrivesWhole() throws Exception {
        byte[] accented = "\u00e9".getBytes(StandardCharsets.UTF_8);
        try (RawHttp ws = open()) {
            ws.send(frame(TEXT, false, concat(bytes("[\""), new byte[] {accented[0]})));
            ws.send(frame(CONTINUATION, true, concat(new byte[] {accented[1]}, bytes("\"]"))));
            assertArrayEquals(bytes("a[\"\u00e9\"]"), payload(ws, TEXT));
        }
    }

    @Test
    void aPingIsAnsweredWithItsPayload() throws Exception {
        try (RawHttp ws = open()) {
            ws.send(frame(PING, true, bytes("are you there")));
            assertArrayEquals(bytes("are you there"), payload(ws, PONG));
            ws.send(frame(TEXT, true, bytes("[\"still here\"]")));
            assertArrayEquals(bytes("a[\"still here\"]"), payload(ws, TEXT));
        }
    }

    @Test
    void brokenUtf8EndsTheWebsocketWith1007() throws Exception {
        try (RawHttp ws = open()) {
            ws.send(frame(TEXT, true, new byte[] {'[', '"', (byte) 0xc3, 0x28, '"', ']'}));
            byte[] close = payload(ws, CLOSE);
            assertEquals(1007, ((close[0] & 0xff) << 8) | (close[1] & 0xff));
        }
    }

    /** A SockJS websocket session on the echo service, its open frame read. */
    private static RawHttp open() throws Exception {
        String url = BASE + "/000/" + UUID.randomUUID() + "/websocket";
        RawHttp ws = new RawHttp(url);
        RawHttp.Head head = ws.request("GET", url, Map.of("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"), null, "1.1");
        assertEquals(101, head.status);
        assertArrayEquals(bytes("o"), payload(ws, TEXT));
        return ws;
    }

    /** A client frame (masked, with an all-zero key so the payload goes as is) of under 126 bytes. */
    private static byte[] frame(int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        out.write(0x80 | payload.length);
        out.writeBytes(new byte[4]);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Reads one unmasked, unfragmented server frame of under 64 KiB, which must have {@code opcode}. */
    private static byte[] payload(RawHttp ws, int opcode) throws Exception {
        byte[] head = ws.read(2);
        assertEquals(0x80 | opcode, head[0] & 0xff, "the frame's first byte");
        int length = head[1] & 0x7f;
        if (length == 126) {
            byte[] extended = ws.read(2);
            length = ((extended[0] & 0xff) << 8) | (extended[1] & 0xff);
        }
        return ws.read(length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
