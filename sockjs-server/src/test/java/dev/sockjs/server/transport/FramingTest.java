package dev.sockjs.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.server.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramingTest {

    private static String encode(HttpFraming framing, Frame frame) {
        return new String(framing.encode(frame), StandardCharsets.UTF_8);
    }

    @Test
    void xhrFramesEndWithANewline() {
        HttpFraming polling = TransportType.XHR.framing(null);
        assertEquals("o\n", encode(polling, Frame.OPEN));
        assertNull(polling.prelude());
        assertFalse(polling.streaming());
    }

    @Test
    void xhrStreamingStartsWithTwoKilobytesOfH() {
        HttpFraming streaming = TransportType.XHR_STREAMING.framing(null);
        assertEquals("h".repeat(2048) + "\n", new String(streaming.prelude(), StandardCharsets.US_ASCII));
        assertEquals("a[\"x\"]\n", encode(streaming, Frame.messages(List.of("x"))));
        assertTrue(streaming.streaming());
    }

    @Test
    void eventSourcePercentEncodesPercentBecauseTheClientDecodesUris() {
        HttpFraming es = TransportType.EVENTSOURCE.framing(null);
        assertEquals("\r\n", new String(es.prelude(), StandardCharsets.US_ASCII));
        assertEquals("data: o\r\n\r\n", encode(es, Frame.OPEN));
        assertEquals("data: a[\"100%25 %2541\"]\r\n\r\n", encode(es, Frame.messages(List.of("100% %41"))));
        assertEquals(ContentTypes.EVENT_STREAM, es.contentType());
    }

    @Test
    void htmlFileNamesTheCallbackPadsItsPreludeAndEscapesEndTags() {
        HttpFraming html = TransportType.HTMLFILE.framing("cb.x");
        String prelude = new String(html.prelude(), StandardCharsets.UTF_8);
        assertTrue(prelude.contains("var c = parent.cb.x;"));
        assertTrue(prelude.length() > 1024);
        assertTrue(prelude.endsWith("\r\n\r\n"));
        assertTrue(prelude.strip().endsWith("</script>"));
        assertEquals("<script>\np(\"o\");\n</script>\r\n", encode(html, Frame.OPEN));
        assertEquals("<script>\np(\"a[\\\"\\u003c/script>\\\"]\");\n</script>\r\n",
                encode(html, Frame.messages(List.of("</script>"))));
    }

    @Test
    void jsonpCallsTheCallbackBehindAComment() {
        HttpFraming jsonp = TransportType.JSONP.framing("x");
        assertEquals("/**/x(\"c[3000,\\\"Go away!\\\"]\");\r\n", encode(jsonp, Frame.GO_AWAY));
        assertFalse(jsonp.streaming());
    }

    @Test
    void callbacksAreJavaScriptNamesOnly() {
        assertNull(Callbacks.check("callback"));
        assertNull(Callbacks.check("_jp.a1b2-c_3"));
        assertEquals(Callbacks.REQUIRED, Callbacks.check(null));
        assertEquals(Callbacks.REQUIRED, Callbacks.check(""));
        for (String bad : new String[] {" ", "*", "abc(", "a;alert(1)", "a\"", "é"}) {
            assertEquals(Callbacks.INVALID, Callbacks.check(bad), bad);
        }
    }

    @Test
    void transportTable() {
        assertEquals(TransportType.XHR_SEND, TransportType.byUrlName("xhr_send"));
        assertNull(TransportType.byUrlName("XHR"));
        assertEquals("OPTIONS, POST", TransportType.XHR.allowedMethods());
        assertEquals("GET", TransportType.EVENTSOURCE.allowedMethods());
        assertEquals("xhr-streaming", TransportType.XHR_STREAMING.clientName());
    }
}
