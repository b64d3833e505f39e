package dev.sockjs.server.transport;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.Wire;

/** eventsource: each frame is one server-sent event ({@link Wire#EVENTSOURCE}), after a CRLF prelude. */
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
        return Wire.EVENTSOURCE.encode(frame);
    }

    @Override
    public byte[][] encodeApart(Frame frame) {
        return Wire.EVENTSOURCE.encodeApart(frame);
    }

    @Override
    public boolean streaming() {
        return true;
    }
}
