package dev.sockjs.stomp.relay;

/**
 * What differs between the external brokers the relay speaks to. STOMP leaves the meaning of NACK to the server:
 * RabbitMQ puts the message back into its queue (for another consumer), ActiveMQ Artemis drops it (or moves it to
 * a dead-letter address if one is configured). And each takes its own destinations: a broker answers one it does
 * not take with an ERROR that ends the whole connection, every client's subscriptions with it, so the relay refuses
 * such a destination itself, to the one client that asked ({@link #refusal}).
 */
public enum BrokerDialect {
    RABBITMQ(true) {
        @Override
        public String refusal(String destination) {
            for (String prefix : RABBITMQ_NAMED) {
                if (destination.startsWith(prefix)) {
                    String name = destination.substring(prefix.length());
                    return name.isEmpty() || name.indexOf('/') >= 0
                            ? "RabbitMQ takes a name without '/' after " + prefix + ": " + destination : null;
                }
            }
            return destination.startsWith("/exchange/") ? null : "RabbitMQ has no destination " + destination
                    + " (it takes /topic/, /queue/, /amq/queue/, /temp-queue/ and /exchange/ destinations)";
        }
    },
    ARTEMIS(false) {
        @Override
        public String refusal(String destination) {
            return null;
        }
    };

    private static final String[] RABBITMQ_NAMED = {"/topic/", "/queue/", "/amq/queue/", "/temp-queue/"};

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

    /** Why the broker would not take {@code destination} (its own name for it), or {@code null} if it would. */
    public abstract String refusal(String destination);
}
