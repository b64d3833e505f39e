package dev.sockjs.server.transport;

import dev.sockjs.server.frame.Frame;

/** How one HTTP receiving transport wraps frames in its response body. */
public interface HttpFraming {

    String contentType();

    /** Bytes sent before the first frame, or {@code null}; they do not count toward the response limit. */
    byte[] prelude();

    /** The frame as this transport's bytes on the wire. */
    byte[] encode(Frame frame);

    /** Whether the response carries many frames (ended by the response limit) or exactly one. */
    boolean streaming();
}
