package dev.sockjs.server.frame;

import java.nio.charset.StandardCharsets;

/**
 * How a transport whose bytes are the same for every session puts a frame on the wire: fixed bytes around the
 * frame's text, whose characters it transforms one at a time. So the parts of a frame can be transformed apart and
 * joined, and a message sent to many sessions is encoded once for all of them ({@link OutboundMessage}). The
 * jsonp transport is not one: its bytes name each session's own callback.
 */
public enum Wire {

    /** xhr-streaming and xhr-polling: the frame, then a newline. */
    XHR("", "\n"),

    /**
     * eventsource: each frame one server-sent event. sockjs-client passes every event through {@code decodeURI},
     * so a literal {@code %} is sent as {@code %25}; CR, LF and NUL never appear raw since frames are JSON-escaped.
     */
    EVENTSOURCE("data: ", "\r\n\r\n") {
        @Override
        void appendTransformed(StringBuilder out, CharSequence text) {
            int len = text.length();
            int verbatimFrom = 0;
            for (int i = 0; i < len; i++) {
                if (text.charAt(i) == '%') {
                    out.append(text, verbatimFrom, i).append("%25");
                    verbatimFrom = i + 1;
                }
            }
            out.append(text, verbatimFrom, len);
        }
    },

    /** htmlfile: a script block calling {@code p()} with the frame as a JSON string, {@code <} escaped too. */
    HTMLFILE("<script>\np(\"", "\");\n</script>\r\n") {
        @Override
        void appendTransformed(StringBuilder out, CharSequence text) {
            JsonString.appendEscapedForScript(out, text);
        }
    };

    private final String open;
    private final String close;

    Wire(String open, String close) {
        this.open = open;
        this.close = close;
    }

    /** Appends {@code text}, a frame or a part of one, as this wire carries it. */
    void appendTransformed(StringBuilder out, CharSequence text) {
        out.append(text);
    }

    /** The frame's bytes on this wire: for a frame of one message, the bytes every session sending it shares. */
    public byte[] encode(Frame frame) {
        OutboundMessage only = frame.onlyMessage();
        return only != null ? only.frameBytes(this) : wrap(frame.text());
    }

    /**
     * The frame's bytes in two parts, for a frame of one long message that differs per session only in its
     * beginning: this session's own beginning, then the end every session sending the message shares (to be
     * written as it is, not copied); {@code null} for any other frame.
     */
    public byte[][] encodeApart(Frame frame) {
        OutboundMessage only = frame.onlyMessage();
        return only == null ? null : only.frameBytesApart(this);
    }

    /** The bytes of a whole frame whose text is {@code frameText}. */
    byte[] wrap(CharSequence frameText) {
        StringBuilder sb = new StringBuilder(open.length() + frameText.length() + close.length() + 16).append(open);
        appendTransformed(sb, frameText);
        return sb.append(close).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of the beginning of a frame whose text begins with {@code frameTextStart}. */
    byte[] start(CharSequence frameTextStart) {
        StringBuilder sb = new StringBuilder(open.length() + frameTextStart.length() + 16).append(open);
        appendTransformed(sb, frameTextStart);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of the end of a frame whose text ends with {@code frameTextEnd}. */
    byte[] end(CharSequence frameTextEnd) {
        StringBuilder sb = new StringBuilder(frameTextEnd.length() + close.length() + 16);
        appendTransformed(sb, frameTextEnd);
        return sb.append(close).toString().getBytes(StandardCharsets.UTF_8);
    }
}
