package dev.sockjs.server.transport;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.Wire;
import java.util.Arrays;

/**
 * xhr-streaming: newline-terminated frames on one long POST response, after a 2 KiB prelude of {@code h}
 * bytes (old browsers deliver no progress events before that much arrived).
 */
final class XhrStreaming implements HttpFraming {

    static final XhrStreaming INSTANCE = new XhrStreaming();

    private static final byte[] PRELUDE = new byte[2049];

    static {
        Arrays.fill(PRELUDE, (byte) 'h');
        PRELUDE[2048] = '\n';
    }

    @Override
    public String contentType() {
        return ContentTypes.JAVASCRIPT;
    }

    @Override
    public byte[] prelude() {
        return PRELUDE;
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
        return true;
    }
}
