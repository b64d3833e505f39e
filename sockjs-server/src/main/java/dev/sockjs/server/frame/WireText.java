package dev.sockjs.server.frame;

import java.nio.charset.StandardCharsets;

/**
 * One websocket text message on its way out: its text, for a sender that takes text, and its UTF-8 bytes, made
 * when a sender that takes bytes first asks. A message sent to many websockets is one of these for all of them.
 */
public final class WireText {

    private final String text;
    private volatile byte[] utf8;

    public WireText(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The text's UTF-8 bytes; never to be modified, since other sessions may be sending them too. */
    public byte[] utf8() {
        byte[] bytes = utf8;
        if (bytes == null) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
            utf8 = bytes;
        }
        return bytes;
    }
}
