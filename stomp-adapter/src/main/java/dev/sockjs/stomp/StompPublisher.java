package dev.sockjs.stomp;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Sends messages to broker destinations and users from application code; thread-safe and non-blocking. */
public interface StompPublisher {

    /** The content type of text messages. */
    String TEXT = "text/plain;charset=UTF-8";

    /**
     * Publishes to a broker destination: every subscriber of a topic, or one subscriber of a queue.
     *
     * @param headers extra headers for the MESSAGE frames (may be empty)
     * @return how many subscribers got it (0 for a queue message kept until someone subscribes, and for every
     *     message through a broker relay, which delivers it on every node)
     * @throws IllegalArgumentException if the destination is not under a broker prefix
     * @throws IllegalStateException if it is for a queue that nobody can take it from and whose backlog is full
     *     (see {@code StompServer.Builder.maxQueueBacklog}), or the broker relay's broker cannot be reached or is
     *     too far behind; the message was not accepted
     */
    int publish(String destination, String contentType, byte[] body, Map<String, String> headers);

    /** Publishes text. */
    default int publish(String destination, String text) {
        return publish(destination, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * Sends to every session of {@code user} subscribed to the user destination {@code destination}: a client
     * subscribed to {@code /user/queue/notes} gets {@code sendToUser(name, "/queue/notes", ...)}.
     *
     * @return how many sessions got it (through a broker relay: 0, the sessions on every node get it from the broker)
     * @throws IllegalStateException if the broker relay's broker cannot be reached or is too far behind
     */
    int sendToUser(String user, String destination, String contentType, byte[] body, Map<String, String> headers);

    /** Sends text to a user. */
    default int sendToUser(String user, String destination, String text) {
        return sendToUser(user, destination, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
