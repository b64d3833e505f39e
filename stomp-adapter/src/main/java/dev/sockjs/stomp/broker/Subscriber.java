package dev.sockjs.stomp.broker;

/** One subscription, as the broker sees it. */
public interface Subscriber {

    /** The destination or pattern it is registered under (user destinations already resolved). */
    String destination();

    /**
     * Delivers a message; must not block. {@code false} if the subscriber cannot take it (it is gone), so a
     * point-to-point message can go to another one.
     */
    boolean deliver(BrokerMessage message);

    /**
     * Whether the subscriber settles each message it takes ({@link MessageBroker#settle}); otherwise taking it is
     * accepting it.
     */
    default boolean acknowledges() {
        return false;
    }

    /**
     * Whether it may be added while an external broker cannot be reached: it then waits, and is subscribed once
     * the broker is back, instead of being refused. An application's own subscription does; a client's does not,
     * since the client is told at once.
     */
    default boolean waitsForBroker() {
        return false;
    }
}
