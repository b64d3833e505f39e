package dev.sockjs.stomp;

/**
 * What happens to a STOMP server's clients and messages, told as it happens: for metrics, audit logs and alerts.
 * Set one with {@link StompServer.Builder#listener}; every method does nothing unless overridden, and a server
 * without a listener pays nothing for these calls.
 *
 * <p>Methods run on the thread where the event happens (a client's inbound thread, the broker's delivering
 * thread, the server's timer), possibly several at once. They must be quick and must not block; an exception
 * thrown from one is logged and otherwise ignored.
 */
public interface StompListener {

    /** Hears nothing: the default. */
    StompListener NONE = new StompListener() { };

    /** Why the server sent a client an ERROR (and closed its connection). */
    enum ErrorKind {
        /** The client broke the protocol or one of its limits: a malformed frame, a missing header, too many. */
        PROTOCOL,
        /** The application refused: its {@link StompInterceptor} or a handler's {@link StompRefusal}. */
        REFUSED,
        /** The client did not keep up: too much waiting for it, or too many messages unacknowledged. */
        SLOW_CONSUMER,
        /** Nothing in time: no CONNECT, no end of a frame, no heart-beat. */
        TIMEOUT,
        /** The message broker refused, could not be reached, or did not confirm. */
        BROKER,
        /** The server failed: a handler threw something other than a refusal. */
        INTERNAL
    }

    /** A client connected (CONNECTED sent). */
    default void connected(StompContext client) {
    }

    /** A connected client's connection ended, for whatever reason. */
    default void disconnected(StompContext client) {
    }

    /** A client subscribed to a destination (a pattern, or a user destination as the client wrote it). */
    default void subscribed(StompContext client, String destination) {
    }

    /** A subscription ended: UNSUBSCRIBE, or its client's connection ended. */
    default void unsubscribed(StompContext client, String destination) {
    }

    /** A message went to the broker: a client's SEND to a broker or user destination, or the application's. */
    default void messagePublished(String destination) {
    }

    /** A MESSAGE frame was sent to a client. */
    default void messageDelivered(StompContext client) {
    }

    /** The server sent a client an ERROR frame. */
    default void errorSent(StompContext client, ErrorKind kind, String message) {
    }

    /** A connection of the broker relay to its broker ({@code host:port}) came up, its subscriptions sent again. */
    default void brokerLinkUp(String broker) {
    }

    /** A connection of the broker relay that was up went down; the relay connects again. */
    default void brokerLinkDown(String broker, String why) {
    }
}
