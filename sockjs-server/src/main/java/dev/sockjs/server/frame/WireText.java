package dev.sockjs.server.frame;

import java.nio.charset.StandardCharsets;

/**
 * One websocket text message on its way out: its text, for a sender that takes text, and its UTF-8 bytes, for a
 * sender that takes bytes, each made when first asked. A message sent to many websockets is one of these for all
 * of them. A long message that differs per session only in its beginning has its bytes in two parts, the
 * session's own beginning and the rest that every session shares, for a sender that can send them as two
 * fragments of one message instead of copying the shared part.
 */
public final class WireText {

    private volatile String text;
    private volatile byte[] utf8;
    private final String ownText;
    private final String sharedText;
    private final byte[] ownPart;
    private final byte[] sharedPart;

    public WireText(String text) {
        this.text = text;
        this.ownText = null;
        this.sharedText = null;
        this.ownPart = null;
        this.sharedPart = null;
    }

    /**
     * The message {@code ownText + sharedText}, whose UTF-8 bytes are {@code ownPart} (made here) then
     * {@code sharedPart}, the bytes of {@code sharedText}.
     */
    WireText(String ownText, String sharedText, byte[] sharedPart) {
        this.ownText = ownText;
        this.sharedText = sharedText;
        this.ownPart = ownText.getBytes(StandardCharsets.UTF_8);
        this.sharedPart = sharedPart;
    }

    public String text() {
        String t = text;
        if (t == null) {
            t = ownText + sharedText;
            text = t;
        }
        return t;
    }

    /** The text's UTF-8 bytes in one piece; never to be modified, since other sessions may be sending them too. */
    public byte[] utf8() {
        byte[] bytes = utf8;
        if (bytes == null) {
            if (sharedPart == null) {
                bytes = text.getBytes(StandardCharsets.UTF_8);
            } else {
                bytes = new byte[ownPart.length + sharedPart.length];
                System.arraycopy(ownPart, 0, bytes, 0, ownPart.length);
                System.arraycopy(sharedPart, 0, bytes, ownPart.length, sharedPart.length);
            }
            utf8 = bytes;
        }
        return bytes;
    }

    /** The bytes every session sending this message shares, after {@link #ownPart}; {@code null} if in one piece. */
    public byte[] sharedPart() {
        return sharedPart;
    }

    /** The bytes of this session's own beginning of the message, when it has a {@link #sharedPart}. */
    public byte[] ownPart() {
        return ownPart;
    }
}
