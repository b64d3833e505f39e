package dev.sockjs.server.transport;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.Wire;

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
        return Wire.XHR.encode(frame);
    }

    @Override
    public byte[][] encodeApart(Frame frame) {
        return Wire.XHR.encodeApart(frame);
    }

    @Override
    public boolean streaming() {
        return false;
    }
}
