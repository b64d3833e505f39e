package dev.sockjs.server.transport;

import dev.sockjs.server.frame.Frame;

/** How one HTTP receiving transport wraps frames in its response body. */
public interface HttpFraming {

    String contentType();

    /** Bytes sent before the first frame, or {@code null}; they do not count toward the response limit. */
    byte[] prelude();

    /** The frame as this transport's bytes on the wire. */
    byte[] encode(Frame frame);

    /**
     * The frame's bytes in two parts when the second is shared with other sessions and should be written as it
     * is rather than copied behind the first; {@code null} when {@link #encode} is the way.
     */
    default byte[][] encodeApart(Frame frame) {
        return null;
    }

    /** Whether the response carries many frames (ended by the response limit) or exactly one. */
    boolean streaming();
}
