package dev.sockjs.server.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void controlFrames() {
        assertEquals("o", Frame.OPEN.text());
        assertEquals("h", Frame.HEARTBEAT.text());
        assertEquals("c[3000,\"Go away!\"]", Frame.GO_AWAY.text());
        assertEquals("c[2010,\"Another connection still open\"]", Frame.ANOTHER_CONNECTION_STILL_OPEN.text());
        assertEquals("c[1002,\"Connection interrupted\"]", Frame.CONNECTION_INTERRUPTED.text());
    }

    @Test
    void closeFrameEscapesItsReasonAndKeepsCodeAndReason() {
        Frame close = Frame.close(4001, "bad \"input\"");
        assertEquals("c[4001,\"bad \\\"input\\\"\"]", close.text());
        assertEquals(Frame.Kind.CLOSE, close.kind());
        assertEquals(4001, close.closeCode());
        assertEquals("bad \"input\"", close.closeReason());
    }

    @Test
    void messageFrameIsAJsonArrayOfStrings() {
        Frame frame = Frame.messages(messages("a", "b\"c", "\u2028"));
        assertEquals("a[\"a\",\"b\\\"c\",\"\\u2028\"]", frame.text());
        assertEquals(List.of("a", "b\"c", "\u2028"), frame.messages().stream().map(OutboundMessage::text).toList());
        assertEquals(Frame.Kind.MESSAGES, frame.kind());
        assertNull(frame.closeReason());
    }

    static List<OutboundMessage> messages(String... texts) {
        return Stream.of(texts).map(OutboundMessage::of).toList();
    }
}
