package dev.sockjs.server.transport;

import dev.sockjs.server.frame.Frame;
import java.nio.charset.StandardCharsets;

/** xhr-polling: one frame per POST, followed by a newline. */
final class XhrPolling implements HttpFraming {

    static final XhrPolling INSTANCE = new XhrPolling();

    @Override
    public String contentType() {
        return ContentTypes.JAVASCRIPT;
    }

    @Override
    public byte[] prelude() {
        return null;
    }

    @Override
    public byte[] encode(Frame frame) {
        return newlineTerminated(frame);
    }

    static byte[] newlineTerminated(Frame frame) {
        return (frame.text() + '\n').getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean streaming() {
        return false;
    }
}
