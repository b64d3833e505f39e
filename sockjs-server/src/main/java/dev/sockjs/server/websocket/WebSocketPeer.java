package dev.sockjs.server.websocket;

import dev.sockjs.server.frame.WireText;

/**
 * One open websocket as a container adapter presents it to a {@link WebSocketConnection}. Internal: the Jakarta
 * adapter of this package and the Jetty one in {@code dev.sockjs.server.jetty} implement it.
 */
public interface WebSocketPeer {

    /**
     * Sends one text message without blocking, as text or as its UTF-8 bytes, whichever the container takes
     * without encoding it again. The connection sends one at a time; the adapter reports the outcome through
     * {@link WebSocketConnection#sent(Throwable)}.
     */
    void sendText(WireText text);

    /**
     * Reads again after {@link WebSocketConnection#received(String)} said to stop; only adapters that hand the
     * connection a lane of worker threads ({@link WebSocketConnection#handCallbacksTo}) are told to stop.
     */
    default void resumeReading() {
    }

    /** Starts the closing handshake with a code and reason a websocket may carry. */
    void close(int code, String reason);
}
