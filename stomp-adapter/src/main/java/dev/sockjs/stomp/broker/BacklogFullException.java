package dev.sockjs.stomp.broker;

/** A queue refused a message: its backlog, or all backlogs together, would exceed their bound. */
public final class BacklogFullException extends Exception {

    public BacklogFullException(String message) {
        super(message, null, false, false);
    }
}
