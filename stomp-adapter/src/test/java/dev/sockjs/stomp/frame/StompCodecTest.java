package dev.sockjs.stomp.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StompCodecTest {

    private static final StompDecoder.Limits LIMITS = new StompDecoder.Limits(1024, 8, 128);

    private static List<StompFrame> decode(StompVersion version, String... pieces) throws StompProtocolException {
        StompDecoder decoder = new StompDecoder(LIMITS);
        decoder.version(version);
        List<StompFrame> frames = new ArrayList<>();
        for (String piece : pieces) {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            decoder.decode(bytes, 0, bytes.length, frames::add);
        }
        return frames;
    }

    private static StompFrame one(StompVersion version, String... pieces) throws StompProtocolException {
        List<StompFrame> frames = decode(version, pieces);
        assertEquals(1, frames.size());
        return frames.get(0);
    }

    private static String error(StompVersion version, String... pieces) {
        return assertThrows(StompProtocolException.class, () -> decode(version, pieces)).getMessage();
    }

    @Test
    void aSendFrameWithANulTerminatedBody() throws Exception {
        StompFrame f = one(StompVersion.V1_2, "SEND\ndestination:/queue/a\n\nhello\0");
        assertEquals(StompCommand.SEND, f.command());
        assertEquals("/queue/a", f.header("destination"));
        assertEquals("hello", f.bodyText());
    }

    @Test
    void contentLengthBodiesMayContainNul() throws Exception {
        StompFrame f = one(StompVersion.V1_2, "SEND\ndestination:/a\ncontent-length:5\n\na\0b\0c\0");
        assertArrayEquals(new byte[] {'a', 0, 'b', 0, 'c'}, f.body());
    }

    @Test
    void contentLengthCountsUtf8Bytes() throws Exception {
        StompFrame f = one(StompVersion.V1_2, "SEND\ndestination:/a\ncontent-length:5\n\nzół\0");
        assertEquals("zół", f.bodyText());
    }

    @Test
    void crlfLineEndingsAndHeartBeatsBetweenFrames() throws Exception {
        List<StompFrame> frames = decode(StompVersion.V1_2,
                "\n\r\nSEND\r\ndestination:/a\r\n\r\nx\0\n\nDISCONNECT\nreceipt:7\n\n\0\r\n");
        assertEquals(2, frames.size());
        assertEquals("/a", frames.get(0).header("destination"));
        assertEquals("x", frames.get(0).bodyText());
        assertEquals(StompCommand.DISCONNECT, frames.get(1).command());
        assertEquals("7", frames.get(1).header("receipt"));
    }

    @Test
    void aFrameSplitIntoSinglesAndSeveralFramesInOnePiece() throws Exception {
        String text = "SEND\ndestination:/a\ncontent-length:3\n\nabc\0SEND\ndestination:/b\n\ndef\0";
        String[] singles = text.split("");
        List<StompFrame> frames = decode(StompVersion.V1_2, singles);
        assertEquals(2, frames.size());
        assertEquals("abc", frames.get(0).bodyText());
        assertEquals("/b", frames.get(1).header("destination"));
        assertEquals(2, decode(StompVersion.V1_2, text).size());
    }

    @Test
    void repeatedHeadersKeepTheFirstValue() throws Exception {
        StompFrame f = one(StompVersion.V1_2, "SEND\nfoo:1\nfoo:2\ndestination:/a\n\n\0");
        assertEquals("1", f.header("foo"));
        assertEquals(List.of("foo", "1", "foo", "2", "destination", "/a"), f.headerList());
    }

    @Test
    void escapingTableOfEachVersion() throws Exception {
        String wire = "SEND\ndestination:/a\nk\\cey:v\\\\a\\nl\\cu\\re\n\n\0";
        assertEquals("v\\a\nl:u\re", one(StompVersion.V1_2, wire).header("k:ey"));
        assertTrue(error(StompVersion.V1_1, wire).contains("\\r"));
        String wire11 = "SEND\ndestination:/a\nk\\cey:v\\\\a\\nl\\cu\n\n\0";
        assertEquals("v\\a\nl:u", one(StompVersion.V1_1, wire11).header("k:ey"));
        StompFrame raw = one(StompVersion.V1_0, wire11);
        assertEquals("v\\\\a\\nl\\cu", raw.header("k\\cey"));
    }

    @Test
    void connectFramesAreNeverUnescaped() throws Exception {
        StompFrame f = one(StompVersion.V1_2, "CONNECT\nlogin:a\\cb\naccept-version:1.2\n\n\0");
        assertEquals("a\\cb", f.header("login"));
    }

    @Test
    void valuesMayContainColons() throws Exception {
        assertEquals("ws://host:1/x", one(StompVersion.V1_0, "SEND\ndestination:ws://host:1/x\n\n\0")
                .header("destination"));
    }

    @Test
    void malformedFramesAreRefusedWithAReadableMessage() {
        assertTrue(error(StompVersion.V1_2, "HELLO\n\n\0").contains("Unknown command"));
        assertTrue(error(StompVersion.V1_2, "send\n\n\0").contains("Unknown command"));
        assertTrue(error(StompVersion.V1_2, "SEND\nno colon here\n\n\0").contains("Malformed header"));
        assertTrue(error(StompVersion.V1_2, "SEND\n:empty name\n\n\0").contains("Malformed header"));
        assertTrue(error(StompVersion.V1_2, "SEND\nx:\\t\n\n\0").contains("Undefined escape"));
        assertTrue(error(StompVersion.V1_2, "SEND\ncontent-length:abc\n\n\0").contains("content-length"));
        assertTrue(error(StompVersion.V1_2, "SEND\ncontent-length:-1\n\n\0").contains("content-length"));
        assertTrue(error(StompVersion.V1_2, "SEND\ncontent-length:1\n\nab\0").contains("not ended by NUL"));
        assertTrue(error(StompVersion.V1_2, "SUBSCRIBE\nid:1\n\nbody\0").contains("must not have a body"));
        assertTrue(error(StompVersion.V1_2, "\0").contains("NUL"));
    }

    @Test
    void theReceiptOfABrokenFrameIsReported() {
        StompProtocolException e = assertThrows(StompProtocolException.class,
                () -> decode(StompVersion.V1_2, "SUBSCRIBE\nreceipt:r9\nid:1\n\nbody\0"));
        assertEquals("r9", e.receipt());
        assertNull(assertThrows(StompProtocolException.class, () -> decode(StompVersion.V1_2, "NOPE\n\n"))
                .receipt());
        assertEquals("r3", assertThrows(StompProtocolException.class,
                () -> decode(StompVersion.V1_2, "SEND\nreceipt:r3\nx:\\q\n\n\0")).receipt());
    }

    @Test
    void limitsAreEnforcedAsBytesArrive() {
        assertTrue(error(StompVersion.V1_2, "SEND\ndestination:/a\n\n" + "x".repeat(2000)).contains("too large"));
        assertTrue(error(StompVersion.V1_2, "SEND\ncontent-length:5000\n\n").contains("too large"));
        StringBuilder many = new StringBuilder("SEND\n");
        for (int i = 0; i < 9; i++) {
            many.append("h").append(i).append(":v\n");
        }
        assertTrue(error(StompVersion.V1_2, many.toString()).contains("Too many headers"));
        assertTrue(error(StompVersion.V1_2, "SEND\nh:" + "x".repeat(200) + "\n").contains("Header too long"));
    }

    @Test
    void aDecoderThatFailedStaysFailed() throws Exception {
        StompDecoder decoder = new StompDecoder(LIMITS);
        byte[] bad = "BAD\n".getBytes(StandardCharsets.UTF_8);
        assertThrows(StompProtocolException.class, () -> decoder.decode(bad, 0, bad.length, f -> { }));
        byte[] good = "SEND\n\n\0".getBytes(StandardCharsets.UTF_8);
        assertThrows(StompProtocolException.class, () -> decoder.decode(good, 0, good.length, f -> { }));
    }

    @Test
    void encodingEscapesPerVersionButNeverInConnected() {
        StompFrame message = StompFrame.builder(StompCommand.MESSAGE)
                .header("destination", "/a:b")
                .header("note", "x\ny\\z\rw")
                .body("hi")
                .build();
        assertEquals("MESSAGE\ndestination:/a\\cb\nnote:x\\ny\\\\z\\rw\n\nhi\0",
                StompEncoder.encode(message, StompVersion.V1_2));
        assertEquals("MESSAGE\ndestination:/a\\cb\nnote:x\\ny\\\\z w\n\nhi\0",
                StompEncoder.encode(message, StompVersion.V1_1));
        assertEquals("MESSAGE\ndestination:/a:b\nnote:x y\\z w\n\nhi\0",
                StompEncoder.encode(message, StompVersion.V1_0));
        StompFrame connected = StompFrame.builder(StompCommand.CONNECTED).header("server", "a:b").build();
        assertEquals("CONNECTED\nserver:a:b\n\n\0", StompEncoder.encode(connected, StompVersion.V1_2));
    }

    @Test
    void encodedFramesDecodeToTheSameFrame() throws Exception {
        StompFrame original = StompFrame.builder(StompCommand.SEND)
                .header("destination", "/topic/x:y")
                .header("weird", "a\\b\nc\rd")
                .body("zażółć")
                .build();
        StompFrame back = one(StompVersion.V1_2, StompEncoder.encode(original, StompVersion.V1_2));
        assertEquals(original.headerList(), back.headerList());
        assertEquals("zażółć", back.bodyText());
    }

    @Test
    void aBadEscapeInTheReceiptHeaderItselfIsAnErrorWithoutAReceipt() {
        StompProtocolException e = assertThrows(StompProtocolException.class,
                () -> decode(StompVersion.V1_2, "SEND\ndestination:/a\nreceipt:x\\q\n\n\0"));
        assertTrue(e.getMessage().contains("Undefined escape"), e.getMessage());
        assertNull(e.receipt());
    }
}
