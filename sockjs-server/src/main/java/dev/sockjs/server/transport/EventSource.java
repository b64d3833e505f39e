package dev.sockjs.server.transport;

import dev.sockjs.server.frame.Frame;
import java.nio.charset.StandardCharsets;

/**
 * eventsource: each frame is one server-sent event, {@code data: <frame>\r\n\r\n}, after a CRLF prelude.
 *
 * <p>sockjs-client passes every event through {@code decodeURI}, so a literal {@code %} in a frame is sent as
 * {@code %25}; CR, LF and NUL never appear raw because frames are JSON-escaped.
 */
final class EventSource implements HttpFraming {

    static final EventSource INSTANCE = new EventSource();

    private static final byte[] PRELUDE = {'\r', '\n'};

    @Override
    public String contentType() {
        return ContentTypes.EVENT_STREAM;
    }

    @Override
    public byte[] prelude() {
        return PRELUDE;
    }

    @Override
    public byte[] encode(Frame frame) {
        String text = frame.text();
        StringBuilder sb = new StringBuilder(text.length() + 16).append("data: ");
        if (text.indexOf('%') < 0) {
            sb.append(text);
        } else {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '%') {
                    sb.append("%25");
                } else {
                    sb.append(c);
                }
            }
        }
        return sb.append("\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean streaming() {
        return true;
    }
}
