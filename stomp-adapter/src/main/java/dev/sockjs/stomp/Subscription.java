package dev.sockjs.stomp;

import dev.sockjs.stomp.broker.BrokerMessage;
import dev.sockjs.stomp.broker.DestinationPattern;
import dev.sockjs.stomp.broker.Subscriber;

/** A client's subscription, as the broker delivers to it: delivery goes through its connection. */
final class Subscription implements Subscriber {

    /** How the client acknowledges what it gets (the SUBSCRIBE frame's {@code ack} header). */
    enum AckMode {
        AUTO, CLIENT, CLIENT_INDIVIDUAL;

        static AckMode of(String header) throws StompRefusal {
            if (header == null || header.equals("auto")) {
                return AUTO;
            }
            if (header.equals("client")) {
                return CLIENT;
            }
            if (header.equals("client-individual")) {
                return CLIENT_INDIVIDUAL;
            }
            throw new ProtocolRefusal("Unknown ack mode: " + header);
        }
    }

    final String id;
    /** The destination as the client asked for it. */
    final String requested;
    /** The destination or pattern the broker knows it by (a user destination resolved to the user's). */
    final String registered;
    final AckMode ack;
    /** The compiled wildcard pattern, or {@code null} for an exact destination. */
    private final DestinationPattern pattern;
    private final StompConnection connection;

    Subscription(String id, String requested, String registered, AckMode ack, StompConnection connection) {
        this.id = id;
        this.requested = requested;
        this.registered = registered;
        this.ack = ack;
        this.pattern = StompServer.isPattern(registered) ? DestinationPattern.compile(registered) : null;
        this.connection = connection;
    }

    boolean matches(String destination) {
        return pattern != null ? pattern.matches(destination) : registered.equals(destination);
    }

    @Override
    public String destination() {
        return registered;
    }

    @Override
    public boolean deliver(BrokerMessage message) {
        return connection.deliver(this, message);
    }

    @Override
    public boolean acknowledges() {
        return ack != AckMode.AUTO;
    }

    /** The destination a MESSAGE names: the message's own, but a user destination as subscribed. */
    String messageDestination(BrokerMessage message) {
        return registered.equals(requested) || StompServer.isPattern(requested) ? message.destination() : requested;
    }
}
