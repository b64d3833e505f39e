package dev.sockjs.stomp;

/**
 * Refuses what a client asked for: thrown by a {@link StompInterceptor} or a {@link StompMessageHandler}, it
 * sends the client an ERROR frame with this message and closes its connection.
 */
public class StompRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    public StompRefusal(String message) {
        super(message, null, false, false);
    }
}
