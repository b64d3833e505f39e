package dev.sockjs.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.JsonString;
import dev.sockjs.server.frame.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertEquals("a[\"x\"]\n", encode(streaming, Frame.messages(messages("x"))));
        assertTrue(streaming.streaming());
    }

    @Test
    void eventSourcePercentEncodesPercentBecauseTheClientDecodesUris() {
        HttpFraming es = TransportType.EVENTSOURCE.framing(null);
        assertEquals("\r\n", new String(es.prelude(), StandardCharsets.US_ASCII));
        assertEquals("data: o\r\n\r\n", encode(es, Frame.OPEN));
        assertEquals("data: a[\"100%25 %2541\"]\r\n\r\n", encode(es, Frame.messages(messages("100% %41"))));
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
                encode(html, Frame.messages(messages("</script>"))));
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

    @Test
    void aMessageAloneIsFramedAsInABatchAndItsBytesAreSharedBySessions() {
        String tricky = "100% </script> \"q\" \\ \u2028 \ud83d\ude00 \ud800 \u0001";
        StringBuilder quoted = new StringBuilder();
        JsonString.appendQuoted(quoted, tricky);
        String frameText = "a[" + quoted + "]";
        StringBuilder script = new StringBuilder("<script>\np(");
        JsonString.appendQuotedForScript(script, frameText);
        Map<TransportType, String> expected = Map.of(
                TransportType.XHR, frameText + "\n",
                TransportType.XHR_STREAMING, frameText + "\n",
                TransportType.EVENTSOURCE, "data: " + frameText.replace("%", "%25") + "\r\n\r\n",
                TransportType.HTMLFILE, script + ");\n</script>\r\n");
        OutboundMessage message = OutboundMessage.of(tricky);
        for (Map.Entry<TransportType, String> wire : expected.entrySet()) {
            HttpFraming framing = wire.getKey().framing("cb");
            byte[] once = framing.encode(Frame.messages(List.of(message)));
            assertSame(once, framing.encode(Frame.messages(List.of(message))), wire.getKey() + " shares the bytes");
            assertEquals(wire.getValue(), new String(once, StandardCharsets.UTF_8), wire.getKey().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, OutboundMessage.ALONE_FROM})
    void aPrefixedMessageIsFramedAsTheWholeTextWouldBe(int bodyRepeats) {
        OutboundMessage body = OutboundMessage.of("body: 100% </script> \"\u2028\ud83d\ude00\u0000".repeat(bodyRepeats));
        OutboundMessage prefixed = OutboundMessage.prefixed("head\n\"%<", body);
        OutboundMessage whole = OutboundMessage.of("head\n\"%<" + body.text());
        for (TransportType type : List.of(TransportType.XHR, TransportType.XHR_STREAMING, TransportType.EVENTSOURCE,
                TransportType.HTMLFILE, TransportType.JSONP)) {
            HttpFraming framing = type.framing("cb");
            assertEquals(encode(framing, Frame.messages(List.of(whole))),
                    encode(framing, Frame.messages(List.of(prefixed))), type.toString());
            assertEquals(encode(framing, Frame.messages(List.of(whole, whole))),
                    encode(framing, Frame.messages(List.of(prefixed, prefixed))), type.toString());
        }
        assertEquals(whole.websocketFrame().text(), prefixed.websocketFrame().text());
        assertEquals(whole.text(), prefixed.text());
        assertEquals(whole.length(), prefixed.length());
    }

    private static List<OutboundMessage> messages(String... texts) {
        return Stream.of(texts).map(OutboundMessage::of).toList();
    }

    /** A long message that differs per session only in its beginning: that beginning, then the shared end. */
    @Test
    void aLongPrefixedMessageIsFramedInTwoPartsTheSecondShared() {
        OutboundMessage body = OutboundMessage.of("100% </script> \"\u2028\ud83d\ude00".repeat(
                OutboundMessage.ALONE_FROM));
        for (TransportType type : List.of(TransportType.XHR, TransportType.XHR_STREAMING, TransportType.EVENTSOURCE,
                TransportType.HTMLFILE)) {
            HttpFraming framing = type.framing("cb");
            byte[][] one = framing.encodeApart(Frame.messages(List.of(OutboundMessage.prefixed("one\n%<", body))));
            byte[][] two = framing.encodeApart(Frame.messages(List.of(OutboundMessage.prefixed("two\n%<", body))));
            assertSame(one[1], two[1], type + " shares the end");
            String whole = encode(framing, Frame.messages(List.of(OutboundMessage.of("one\n%<" + body.text()))));
            assertEquals(whole, new String(one[0], StandardCharsets.UTF_8) + new String(one[1],
                    StandardCharsets.UTF_8), type.toString());
        }
        assertNull(TransportType.XHR.framing(null).encodeApart(Frame.messages(List.of(body))), "not prefixed");
        assertNull(TransportType.XHR.framing(null).encodeApart(Frame.messages(messages("short"))));
        assertNull(TransportType.JSONP.framing("cb").encodeApart(Frame.messages(List.of(OutboundMessage.prefixed(
                "one", body)))), "jsonp frames name the session's callback: nothing to share");
    }
}
