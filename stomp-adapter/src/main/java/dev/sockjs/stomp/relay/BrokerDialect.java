package dev.sockjs.stomp.relay;

/**
 * What differs between the external brokers the relay speaks to. STOMP leaves the meaning of NACK to the server:
 * RabbitMQ puts the message back into its queue (for another consumer), ActiveMQ Artemis drops it (or moves it to
 * a dead-letter address if one is configured). And each takes its own destinations: a broker answers one it does
 * not take with an ERROR that ends the whole connection, every client's subscriptions with it, so the relay refuses
 * such a destination itself, to the one client that asked ({@link #refusal}).
 */
public enum BrokerDialect {
    RABBITMQ(false) {
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
    ARTEMIS(true) {
        @Override
        public String refusal(String destination) {
            return null;
        }
    };

    private static final String TOPIC = "/topic/";
    private static final String[] RABBITMQ_NAMED = {"/topic/", "/queue/", "/amq/queue/", "/temp-queue/"};

    private final boolean unsubscribeRequeues;

    BrokerDialect(boolean unsubscribeRequeues) {
        this.unsubscribeRequeues = unsubscribeRequeues;
    }

    /**
     * Whether ending a subscription gives back what it had not acknowledged. RabbitMQ does not: such messages wait
     * until the connection ends, and a NACK first does not help, for RabbitMQ may offer the message straight back
     * to the subscription that is ending (then holding it again, or answering its delivery with an ERROR that ends
     * the connection).
     */
    boolean unsubscribeRequeues() {
        return unsubscribeRequeues;
    }

    /**
     * The broker's wildcard subscription for one of the server's topic patterns (see
     * {@code DestinationPattern}), or {@code null} if it has none: both brokers match {@code .}-separated words
     * of a topic's name, {@code *} one word and {@code #} any number, as the server's {@code *} and {@code **}.
     */
    String pattern(String destination) {
        if (!destination.startsWith(TOPIC)) {
            return null;
        }
        String words = destination.substring(TOPIC.length());
        if (words.isEmpty() || words.indexOf('/') >= 0) {
            return null;
        }
        StringBuilder pattern = new StringBuilder(destination.length()).append(TOPIC);
        for (String word : words.split("\\.", -1)) {
            if (pattern.length() > TOPIC.length()) {
                pattern.append('.');
            }
            pattern.append(word.equals("**") ? "#" : word);
        }
        return pattern.toString();
    }

    /** The server's name of the topic a MESSAGE for a wildcard subscription names in its {@code destination}. */
    String fromBroker(String destination) {
        if (destination == null) {
            return null;
        }
        return destination.startsWith("/") ? destination : TOPIC + destination;
    }

    /** Why the broker would not take {@code destination} (its own name for it), or {@code null} if it would. */
    public abstract String refusal(String destination);
}
