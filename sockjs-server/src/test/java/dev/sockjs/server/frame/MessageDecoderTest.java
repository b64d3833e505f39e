package dev.sockjs.server.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageDecoderTest {

    private static List<String> array(String body) throws MalformedMessageException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return MessageDecoder.decodeArray(bytes, bytes.length);
    }

    private static String error(String body) {
        return assertThrows(MalformedMessageException.class, () -> array(body)).getMessage();
    }

    @Test
    void arrayOfStrings() throws Exception {
        assertEquals(List.of("a", "b", "\u0000\ud800"), array("[\"a\",\"b\",\"\\u0000\\ud800\"]"));
        assertEquals(List.of(), array("[]"));
        assertEquals(List.of("x"), array(" [ \"x\" ] "));
    }

    @Test
    void emptyBodyMeansPayloadExpected() {
        assertEquals(MalformedMessageException.PAYLOAD_EXPECTED, error(""));
        assertEquals(MalformedMessageException.PAYLOAD_EXPECTED, error("   "));
    }

    @Test
    void anythingElseIsBrokenJson() {
        for (String bad : new String[] {"[\"x", "{}", "[1]", "[[\"a\"]]", "[\"a\"] x", "\"a\"", "nul", "[\"a\",]"}) {
            assertEquals(MalformedMessageException.BROKEN_JSON, error(bad), bad);
        }
    }

    @Test
    void invalidUtf8IsBrokenJson() {
        byte[] bytes = {'[', '"', (byte) 0xc3, '"', ']'};
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> MessageDecoder.decodeArray(bytes, bytes.length));
        assertEquals(MalformedMessageException.BROKEN_JSON, e.getMessage());
    }

    @Test
    void websocketsMayAlsoSendASingleString() throws Exception {
        assertEquals(List.of("a"), MessageDecoder.decode("\"a\"", true));
        assertEquals(List.of("a", "b"), MessageDecoder.decode("[\"a\",\"b\"]", true));
        assertThrows(MalformedMessageException.class, () -> MessageDecoder.decode("\"a\"", false));
    }
}
