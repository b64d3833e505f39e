package dev.sockjs.stomp;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.concurrent.ConcurrentMap;

/** What an application handler knows of the client that sent the message, and how it answers. */
public interface StompContext {

    /** The authenticated user, or {@code null}. */
    Principal principal();

    /** The name user destinations use for this client: the principal's name, or a private per-connection id. */
    String user();

    /** The attributes of the client's SockJS session. */
    ConcurrentMap<String, Object> attributes();

    /**
     * Sends a message to this client only, on its subscriptions to {@code destination} (a broker or user
     * destination, such as {@code /user/queue/replies}).
     *
     * @return whether the client had such a subscription
     */
    boolean reply(String destination, String contentType, byte[] body);

    /** Replies with text. */
    default boolean reply(String destination, String text) {
        return reply(destination, StompPublisher.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishing to any destination or user. */
    StompPublisher publisher();
}
