package dev.sockjs.server.frame;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A message on its way to clients, with what its sessions share: its JSON escaping, made once, and, for each way
 * a frame of this message alone goes on the wire, that frame's bytes, made by the first session that sends it
 * and sent as they are by the others. A message with a prefix (a STOMP frame's per-subscriber headers before its
 * common part) shares the escaping of its common part. Thread-safe: the encodings are made on first use, at
 * worst twice, and published safely.
 */
public final class OutboundMessage {

    /**
     * How the session layer reaches the message inside the API's {@code SockJsMessage}, which keeps it out of
     * sight of applications: the API class registers the way when it loads, before any of its instances exists.
     */
    public static final class Access {
        private static volatile Function<Object, OutboundMessage> unwrap;

        private Access() {
        }

        /** Called once, by the API class. */
        public static <T> void set(Function<T, OutboundMessage> way) {
            @SuppressWarnings("unchecked")
            Function<Object, OutboundMessage> any = (Function<Object, OutboundMessage>) way;
            unwrap = any;
        }

        /** The message inside {@code apiMessage}, an instance of the API class. */
        public static OutboundMessage of(Object apiMessage) {
            return unwrap.apply(apiMessage);
        }
    }

    /**
     * A message at least this long (in characters) goes out in a frame of its own, so that its shared bytes go to
     * the socket as they are instead of being copied into a batch with other messages.
     */
    public static final int ALONE_FROM = 4096;

    private static final String OPEN_ARRAY = "a[\"";
    private static final String CLOSE_ARRAY = "\"]";

    private final String prefix;
    private final OutboundMessage body;
    private final int length;
    private volatile String text;
    private volatile String escaped;
    private volatile WireText websocketFrame;
    /** The end of a websocket frame of a message prefixed by this one: the escaped text, then {@code "]}. */
    private volatile String websocketFrameEnd;
    /** The UTF-8 bytes of {@link #websocketFrameEnd}. */
    private volatile byte[] websocketFrameEndBytes;
    private volatile WireText raw;
    private volatile byte[] xhrFrame;
    private volatile byte[] eventSourceFrame;
    private volatile byte[] htmlFileFrame;
    /** The end of a frame, on each wire, of a message prefixed by this one. */
    private volatile byte[] xhrFrameEnd;
    private volatile byte[] eventSourceFrameEnd;
    private volatile byte[] htmlFileFrameEnd;

    private OutboundMessage(String text, String prefix, OutboundMessage body, int length) {
        this.text = text;
        this.prefix = prefix;
        this.body = body;
        this.length = length;
    }

    public static OutboundMessage of(String text) {
        return new OutboundMessage(text, null, null, text.length());
    }

    /** The message {@code prefix + body.text()}, sharing the escaping of {@code body}. */
    public static OutboundMessage prefixed(String prefix, OutboundMessage body) {
        return new OutboundMessage(null, prefix, body, prefix.length() + body.length);
    }

    /** The length of the text, in characters. */
    public int length() {
        return length;
    }

    public String text() {
        String t = text;
        if (t == null) {
            t = prefix + body.text();
            text = t;
        }
        return t;
    }

    /** The text JSON-escaped, without the quotes. */
    String escaped() {
        String e = escaped;
        if (e == null) {
            StringBuilder sb = new StringBuilder(length + 16);
            appendEscaped(sb);
            e = sb.toString();
            escaped = e;
        }
        return e;
    }

    /** Appends the text JSON-escaped, without the quotes; a prefixed message's body as escaped once for all. */
    void appendEscaped(StringBuilder out) {
        String e = escaped;
        if (e != null) {
            out.append(e);
        } else if (body != null) {
            JsonString.appendEscaped(out, prefix);
            out.append(body.escaped());
        } else {
            JsonString.appendEscaped(out, text);
        }
    }

    /**
     * The {@code a[...]} frame of this message alone, as one websocket text message. A long prefixed message's
     * frame is in two parts: this session's, and the end that every message with the same body shares.
     */
    public WireText websocketFrame() {
        WireText frame = websocketFrame;
        if (frame == null && body != null && body.length >= ALONE_FROM) {
            StringBuilder sb = new StringBuilder(prefix.length() + 16).append(OPEN_ARRAY);
            JsonString.appendEscaped(sb, prefix);
            frame = new WireText(sb.toString(), body.websocketFrameEnd(), body.websocketFrameEndBytes());
            websocketFrame = frame;
        } else if (frame == null) {
            StringBuilder sb = new StringBuilder(length + 16).append(OPEN_ARRAY);
            appendEscaped(sb);
            frame = new WireText(sb.append(CLOSE_ARRAY).toString());
            websocketFrame = frame;
        }
        return frame;
    }

    private String websocketFrameEnd() {
        String end = websocketFrameEnd;
        if (end == null) {
            end = escaped() + CLOSE_ARRAY;
            websocketFrameEnd = end;
        }
        return end;
    }

    private byte[] websocketFrameEndBytes() {
        byte[] bytes = websocketFrameEndBytes;
        if (bytes == null) {
            bytes = websocketFrameEnd().getBytes(StandardCharsets.UTF_8);
            websocketFrameEndBytes = bytes;
        }
        return bytes;
    }

    /** The message itself as one websocket text message, for the raw websocket endpoint. */
    public WireText raw() {
        WireText r = raw;
        if (r == null) {
            r = new WireText(text());
            raw = r;
        }
        return r;
    }

    /**
     * The bytes of the frame of this message alone on {@code wire} in two parts, when it is a long prefixed one:
     * the beginning of its own, then the end its body shares with every message it prefixes; else {@code null}.
     */
    byte[][] frameBytesApart(Wire wire) {
        if (body == null || body.length < ALONE_FROM) {
            return null;
        }
        StringBuilder start = new StringBuilder(prefix.length() + 16).append(OPEN_ARRAY);
        JsonString.appendEscaped(start, prefix);
        return new byte[][] {wire.start(start), body.frameEndBytes(wire)};
    }

    private byte[] frameEndBytes(Wire wire) {
        byte[] bytes = switch (wire) {
            case XHR -> xhrFrameEnd;
            case EVENTSOURCE -> eventSourceFrameEnd;
            case HTMLFILE -> htmlFileFrameEnd;
        };
        if (bytes != null) {
            return bytes;
        }
        bytes = wire.end(websocketFrameEnd());
        switch (wire) {
            case XHR -> xhrFrameEnd = bytes;
            case EVENTSOURCE -> eventSourceFrameEnd = bytes;
            case HTMLFILE -> htmlFileFrameEnd = bytes;
        }
        return bytes;
    }

    /** The bytes of the frame of this message alone on {@code wire}. */
    byte[] frameBytes(Wire wire) {
        byte[] bytes = switch (wire) {
            case XHR -> xhrFrame;
            case EVENTSOURCE -> eventSourceFrame;
            case HTMLFILE -> htmlFileFrame;
        };
        if (bytes != null) {
            return bytes;
        }
        bytes = wire.wrap(websocketFrame().text());
        switch (wire) {
            case XHR -> xhrFrame = bytes;
            case EVENTSOURCE -> eventSourceFrame = bytes;
            case HTMLFILE -> htmlFileFrame = bytes;
        }
        return bytes;
    }
}
