package dev.sockjs.server.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutboundMessageTest {

    private static final String TRICKY = "\"q\" \\ </script> 100% \u2028 \ud83d\ude00 \ud800 \u0001 é";

    @Test
    void aMessageIsEscapedAndFramedOnceForEverySessionSendingIt() {
        OutboundMessage message = OutboundMessage.of(TRICKY);
        WireText frame = message.websocketFrame();
        assertSame(frame, message.websocketFrame());
        assertSame(frame.utf8(), message.websocketFrame().utf8());
        StringBuilder quoted = new StringBuilder();
        JsonString.appendQuoted(quoted, TRICKY);
        assertEquals("a[" + quoted + "]", frame.text());
        assertNull(frame.sharedPart(), "a plain message goes in one piece");
    }

    @Test
    void aShortPrefixedMessageIsOnePieceEscapedAsTheWholeText() {
        OutboundMessage body = OutboundMessage.of(TRICKY);
        OutboundMessage prefixed = OutboundMessage.prefixed("MESSAGE\nsubscription:\"1\"\n", body);
        WireText frame = prefixed.websocketFrame();
        assertNull(frame.sharedPart());
        assertEquals(OutboundMessage.of(prefixed.text()).websocketFrame().text(), frame.text());
        assertEquals("MESSAGE\nsubscription:\"1\"\n" + TRICKY, prefixed.text());
    }

    /** The shared end is not copied for each session: a sender that can sends the two parts as fragments. */
    @Test
    void aLongPrefixedMessageSharesTheBytesOfItsEndWithEveryOtherPrefix() {
        OutboundMessage body = OutboundMessage.of(TRICKY.repeat(OutboundMessage.ALONE_FROM / TRICKY.length() + 1));
        WireText one = OutboundMessage.prefixed("subscription:1\n", body).websocketFrame();
        WireText two = OutboundMessage.prefixed("subscription:2\n", body).websocketFrame();
        assertSame(one.sharedPart(), two.sharedPart());
        String whole = OutboundMessage.of("subscription:1\n" + body.text()).websocketFrame().text();
        assertEquals(whole, one.text());
        assertArrayEquals(whole.getBytes(StandardCharsets.UTF_8), one.utf8());
        assertEquals(whole, new String(one.ownPart(), StandardCharsets.UTF_8)
                + new String(one.sharedPart(), StandardCharsets.UTF_8));
    }
}
