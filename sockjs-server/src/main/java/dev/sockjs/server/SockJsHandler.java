package dev.sockjs.server;

/**
 * Application callbacks of a SockJS service.
 *
 * <p>For one session the callbacks are never invoked concurrently: {@code onOpen} happens first, then
 * {@code onMessage} once per message in the order the client sent them, then {@code onClose} exactly once.
 * Callbacks run on container threads, so they must not block; hand long work to an executor of your own.
 * An exception thrown by a callback is logged and closes the session with code 1011.
 */
public interface SockJsHandler {

    /** A client opened a session. Messages sent from here are delivered after the open frame. */
    default void onOpen(SockJsSession session) {
    }

    /** The client sent one message. */
    void onMessage(SockJsSession session, String message);

    /**
     * The session ended: closed by the application, by the client, by a timeout or by a broken connection.
     *
     * @param code the close code: the application's own (3000 after {@link SockJsSession#close()}), 1002 when
     *     the client's connection broke, 1000 when a session without connection timed out, 1001 when the service
     *     stopped, 4500 when the client could not keep up, 1011 when a callback threw; for a websocket the client
     *     closed, the code and reason the client sent
     */
    default void onClose(SockJsSession session, int code, String reason) {
    }
}
