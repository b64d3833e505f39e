package dev.sockjs.stomp.broker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The message broker behind a STOMP server's connections: what a connection asks of it once it has checked a
 * frame. {@link InMemoryBroker} is one, inside this JVM; a relay to an external broker is another. Every method
 * may be called from any thread and must not block.
 */
public interface MessageBroker {

    /** What a broker in this JVM answers when asked to confirm: it has what it was given as soon as it returns. */
    CompletionStage<Void> CONFIRMED = CompletableFuture.completedStage(null);

    /**
     * Delivers a message published to a broker destination (by a client's SEND or by the application).
     *
     * @return how many subscribers got it (a message kept for later counts as 0)
     * @throws MessageRefusedException if it is refused, for the reason its message gives the client
     */
    int publish(BrokerMessage message) throws MessageRefusedException;

    /**
     * Publishes, for a client that asked for a RECEIPT: the stage completes once the broker has the message, and
     * fails if it may not have it (the connection to an external broker ended first).
     *
     * @throws MessageRefusedException as {@link #publish}
     */
    default CompletionStage<Void> publishConfirmed(BrokerMessage message) throws MessageRefusedException {
        publish(message);
        return CONFIRMED;
    }

    /**
     * Adds a subscription; it gets what is published to its destination from the moment the returned stage
     * completes (at once for a broker in this JVM; an external broker's own confirmation otherwise, which fails if
     * the connection to it ended first).
     *
     * @throws MessageRefusedException if the broker cannot take it, for the reason its message gives the client
     */
    CompletionStage<Void> subscribe(Subscriber subscriber) throws MessageRefusedException;

    /** Removes a subscription. */
    void unsubscribe(Subscriber subscriber);

    /**
     * Settles a message delivered to a subscriber that acknowledges what it gets: {@code accepted} by an ACK, or not
     * (a NACK, or its consumer went away first), in which case a point-to-point (queue) message goes to another
     * consumer.
     */
    void settle(BrokerMessage message, boolean accepted);
}
