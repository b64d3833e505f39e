package dev.sockjs.stomp.broker;

/**
 * The broker did not take a message or a subscription, for a reason its message tells the client: a queue's
 * backlog (or all of them together) at its bound, an external broker that cannot be reached or is too far behind.
 */
public final class MessageRefusedException extends Exception {

    public MessageRefusedException(String message) {
        super(message, null, false, false);
    }
}
