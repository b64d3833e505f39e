package dev.sockjs.stomp.relay;

/**
 * What differs between the external brokers the relay speaks to. STOMP leaves the meaning of NACK to the server:
 * RabbitMQ puts the message back into its queue (for another consumer), ActiveMQ Artemis drops it (or moves it to
 * a dead-letter address if one is configured).
 */
public enum BrokerDialect {
    RABBITMQ(true),
    ARTEMIS(false);

    private final boolean nackRequeues;

    BrokerDialect(boolean nackRequeues) {
        this.nackRequeues = nackRequeues;
    }

    /**
     * Whether a NACK gives the message back to its queue. Where it does not, a consumer that leaves gives back what
     * it held by unsubscribing alone: the broker then redelivers what the subscription had not acknowledged.
     */
    boolean nackRequeues() {
        return nackRequeues;
    }
}
