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

    /** The framing for a receiving transport. */
    static HttpFraming of(TransportType type, String callback) {
        return switch (type) {
            case XHR -> XhrPolling.INSTANCE;
            case XHR_STREAMING -> XhrStreaming.INSTANCE;
            case EVENTSOURCE -> EventSource.INSTANCE;
            case HTMLFILE -> new HtmlFile(callback);
            case JSONP -> new JsonpPolling(callback);
            default -> throw new IllegalArgumentException(type + " does not receive");
        };
    }
}
