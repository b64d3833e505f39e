package dev.sockjs.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SockJsMessagesTest {

    @Test
    void escapedStompFrameDecodesBackToItself() {
        String frame = "SEND\ndestination:/topic/a\n\nquote \" backslash \\ tab \t\0";
        String array = "a[\"" + SockJsMessages.escape(frame) + "\"]";
        assertEquals(List.of(frame), SockJsMessages.decodeArray(array));
    }

    @Test
    void arrayOfSeveralMessagesWithUnicodeEscapes() {
        assertEquals(List.of("a\u0000b", "", "\u00e9\n"),
                SockJsMessages.decodeArray("a[\"a\\u0000b\",\"\",\"\\u00e9\\n\"]"));
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SockJsMessages.decodeArray("a{\"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> SockJsMessages.decodeArray("a[x]"));
    }
}
