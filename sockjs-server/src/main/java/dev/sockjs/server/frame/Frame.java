package dev.sockjs.server.frame;

import java.util.List;

/** One SockJS frame as sent to the client, before any transport-specific wrapping. */
public final class Frame {

    /** What a frame means to the client. */
    public enum Kind { OPEN, HEARTBEAT, MESSAGES, CLOSE }

    public static final Frame OPEN = new Frame(Kind.OPEN, "o");
    public static final Frame HEARTBEAT = new Frame(Kind.HEARTBEAT, "h");
    public static final Frame ANOTHER_CONNECTION_STILL_OPEN = close(2010, "Another connection still open");
    public static final Frame GO_AWAY = close(3000, "Go away!");
    public static final Frame CONNECTION_INTERRUPTED = close(1002, "Connection interrupted");

    private final Kind kind;
    private String text;
    private final List<OutboundMessage> messages;
    private final int closeCode;
    private final String closeReason;

    private Frame(Kind kind, String text, List<OutboundMessage> messages, int closeCode, String closeReason) {
        this.kind = kind;
        this.text = text;
        this.messages = messages;
        this.closeCode = closeCode;
        this.closeReason = closeReason;
    }

    private Frame(Kind kind, String text) {
        this(kind, text, null, 0, null);
    }

    /** {@code c[code,"reason"]}; a {@code null} reason (some containers report one) is an empty one. */
    public static Frame close(int code, String reason) {
        String text = reason == null ? "" : reason;
        StringBuilder sb = new StringBuilder(16 + text.length());
        sb.append("c[").append(code).append(',');
        JsonString.appendQuoted(sb, text);
        return new Frame(Kind.CLOSE, sb.append(']').toString(), null, code, text);
    }

    /** {@code a[...]}: the messages as one array of JSON strings, encoded when first needed. */
    public static Frame messages(List<OutboundMessage> messages) {
        return new Frame(Kind.MESSAGES, null, messages, 0, null);
    }

    private static String encodeMessages(List<OutboundMessage> messages) {
        if (messages.size() == 1) {
            return messages.get(0).websocketFrame().text();
        }
        int size = 4;
        for (int i = 0; i < messages.size(); i++) {
            size += messages.get(i).length() + 3;
        }
        StringBuilder sb = new StringBuilder(size);
        sb.append("a[");
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"');
            messages.get(i).appendEscaped(sb);
            sb.append('"');
        }
        return sb.append(']').toString();
    }

    public Kind kind() {
        return kind;
    }

    /** The frame as the protocol spells it, such as {@code a["x"]}. Not thread-safe for message frames. */
    public String text() {
        if (text == null) {
            text = encodeMessages(messages);
        }
        return text;
    }

    /** The messages of an {@code a} frame; {@code null} for other kinds. */
    public List<OutboundMessage> messages() {
        return messages;
    }

    /** The message of an {@code a} frame of one message, whose encodings its sessions share; else {@code null}. */
    public OutboundMessage onlyMessage() {
        return messages != null && messages.size() == 1 ? messages.get(0) : null;
    }

    /** The code of a close frame; 0 for other kinds. */
    public int closeCode() {
        return closeCode;
    }

    /** The reason of a close frame; {@code null} for other kinds. */
    public String closeReason() {
        return closeReason;
    }

    @Override
    public String toString() {
        return text();
    }
}
