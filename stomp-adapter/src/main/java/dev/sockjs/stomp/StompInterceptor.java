package dev.sockjs.stomp;

import java.security.Principal;

/**
 * Authentication and authorization of STOMP clients. Every method may refuse with a {@link StompRefusal}; the
 * client then gets an ERROR frame with its message and is disconnected. The defaults allow everything and take
 * the user from the HTTP request that opened the SockJS session. Methods run on the client's inbound thread and
 * must not block.
 */
public interface StompInterceptor {

    /** Allows everything. */
    StompInterceptor ALLOW_ALL = new StompInterceptor() { };

    /**
     * Decides who the client is. The default returns the principal of the HTTP request, which may be
     * {@code null} (anonymous).
     */
    default Principal authenticate(ConnectRequest request) throws StompRefusal {
        return request.session().principal();
    }

    /** May {@code user} (possibly {@code null}) SEND to {@code destination}? */
    default void authorizeSend(Principal user, String destination) throws StompRefusal {
    }

    /** May {@code user} (possibly {@code null}) SUBSCRIBE to {@code destination} (as the client wrote it)? */
    default void authorizeSubscribe(Principal user, String destination) throws StompRefusal {
    }
}
