package dev.sockjs.server.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class Hixie76Test {

    @Test
    void keyNumberIsItsDigitsDividedByItsSpaces() {
        assertEquals(4146546015L / 5, Hixie76Connection.keyNumber("4 @1  46546xW%0l 1 5"));
        assertEquals(1299853100L / 5, Hixie76Connection.keyNumber("12998 5 Y3 1  .P00"));
    }

    @Test
    void malformedKeysAreRefused() {
        assertEquals(-1, Hixie76Connection.keyNumber("12345"));
        assertEquals(-1, Hixie76Connection.keyNumber("1 2 3"));
        assertEquals(-1, Hixie76Connection.keyNumber("99999999999999999999 9"));
    }

    @Test
    void challengeAnswerOfTheProtocolSuitesExample() throws Exception {
        ByteBuffer challenge = ByteBuffer.allocate(16);
        challenge.putInt((int) Hixie76Connection.keyNumber("4 @1  46546xW%0l 1 5"));
        challenge.putInt((int) Hixie76Connection.keyNumber("12998 5 Y3 1  .P00"));
        challenge.put("aaaaaaaa".getBytes(StandardCharsets.US_ASCII));
        byte[] expected = {(byte) 0xca, '4', 0x00, (byte) 0xd8, (byte) 0xa5, 0x08, 'G', (byte) 0x97, ',',
            (byte) 0xd5, 'q', 'Z', (byte) 0xba, (byte) 0xbf, 'C', '{'};
        assertArrayEquals(expected, MessageDigest.getInstance("MD5").digest(challenge.array()));
    }

    @Test
    void sockJsCloseCodesTheWebSocketProtocolForbidsBecome1000() {
        assertEquals(3000, WebSocketConnection.sendableCode(3000));
        assertEquals(1002, WebSocketConnection.sendableCode(1002));
        assertEquals(4500, WebSocketConnection.sendableCode(4500));
        assertEquals(1000, WebSocketConnection.sendableCode(2010));
        assertEquals(1000, WebSocketConnection.sendableCode(1005));
        assertEquals(1000, WebSocketConnection.sendableCode(5000));
    }
}
