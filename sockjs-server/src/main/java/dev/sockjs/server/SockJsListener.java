package dev.sockjs.server;

/**
 * What happens to one SockJS service's sessions and requests, told as it happens: for metrics, audit logs and
 * alerts. Set one per service with {@link SockJsOptions.Builder#listener}; every method does nothing unless
 * overridden, and a service without a listener pays nothing for these calls.
 *
 * <p>Methods run on the thread where the event happens (a container thread, the session timer, the thread of an
 * application's {@code send}), possibly several at once for different sessions. They must be quick and must not
 * block; an exception thrown from one is logged and otherwise ignored. For one session, {@link #sessionOpened}
 * comes first and {@link #sessionClosed} once, last but for connection and send events racing with it.
 */
public interface SockJsListener {

    /** Hears nothing: the default. */
    SockJsListener NONE = new SockJsListener() { };

    /** Why a session ended. */
    enum CloseCause {
        /** The application closed it, or its handler failed (1011). */
        APPLICATION,
        /** The client closed its websocket. */
        CLIENT,
        /** The client's connection broke while the session used it (1002 "Connection interrupted"). */
        INTERRUPTED,
        /** No connection came back within the disconnect delay: the client went away. */
        TIMEOUT,
        /** A limit of the service: the send queue overflowed, or a websocket message was too large. */
        LIMIT,
        /** The service stopped (1001 "Server shutting down"). */
        SHUTDOWN
    }

    /** Why a request was answered with an error instead of served. */
    enum Refusal {
        /** 403: the page's origin may not use the service. */
        ORIGIN,
        /** 404: no such URL, or no such session to send to, or websockets are off. */
        NOT_FOUND,
        /** 405: a method the URL does not take. */
        METHOD,
        /** 400 or 426: a websocket handshake the protocol refuses (one Jetty refuses itself goes unheard). */
        BAD_HANDSHAKE,
        /** 408: a request body that did not arrive in time. */
        BODY_INCOMPLETE,
        /** 413: a request body over the service's limit. */
        BODY_TOO_LARGE,
        /** 500: a send whose body is empty or not JSON, or a JSONP poll without a valid callback. */
        MALFORMED,
        /** 503: the service holds its maximum of sessions. */
        TOO_MANY_SESSIONS
    }

    /** A session opened (before the handler's {@code onOpen}). */
    default void sessionOpened(SockJsSession session) {
    }

    /** A connection that carries the session's frames to the client was attached: a websocket, a stream, a poll. */
    default void connectionAttached(SockJsSession session) {
    }

    /** That connection was detached: it ended, or a poll was answered. */
    default void connectionDetached(SockJsSession session) {
    }

    /** A message from the client, before the handler gets it. */
    default void messageReceived(SockJsSession session, int chars) {
    }

    /** The application queued a message for the client. */
    default void messageSent(SockJsSession session, int chars) {
    }

    /**
     * Queued messages left the send queue in one frame for the client's connection: {@code count} of them, the
     * oldest having waited {@code waitedNanos} (for a connection to carry them, or for the one there to be free).
     */
    default void messagesFlushed(SockJsSession session, int count, long waitedNanos) {
    }

    /**
     * The session's send queue passed half of {@link SockJsOptions#maxQueuedChars()}: its client is not keeping
     * up. Told once until the queue empties again.
     */
    default void sendQueueHighWater(SockJsSession session, long queuedChars) {
    }

    /** A session ended, with the close frame its client gets (or would have got). */
    default void sessionClosed(SockJsSession session, int code, String reason, CloseCause cause) {
    }

    /** A request was refused with {@code status}. */
    default void requestRefused(int status, Refusal refusal) {
    }
}
