package dev.sockjs.server;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * One SockJS connection as the application sees it, whatever transport carries it.
 *
 * <p>All methods are thread-safe and never block: {@link #send} queues the message and returns at once. The
 * protocol's session id is deliberately not exposed (the SockJS protocol forbids it); use {@link #attributes()}
 * to keep application state.
 */
public interface SockJsSession {

    /** The close code of {@link #close()}. */
    int GO_AWAY = 3000;

    /** The close code used when the session's outbound queue exceeds its limit (a slow consumer). */
    int SEND_QUEUE_OVERFLOW = 4500;

    /**
     * Queues a message for the client.
     *
     * @return {@code false} if the session is closed, or if this message made the outbound queue exceed
     *     {@link SockJsOptions#maxQueuedChars()}; the session is then closed with {@link #SEND_QUEUE_OVERFLOW}
     *     and the message dropped
     */
    boolean send(String message);

    /**
     * Queues a message prepared for many sessions, as {@link #send(String)} does; the session sends the bytes
     * that every session sending it shares.
     */
    default boolean send(SockJsMessage message) {
        return send(message.text());
    }

    /**
     * How many characters of sent messages wait in the session's queue, not yet handed to the client's
     * connection. It grows while the client is slow or between polls; layers above use it to refuse a slow
     * consumer before {@link SockJsOptions#maxQueuedChars()} closes the session.
     */
    long bufferedAmount();

    /** Closes the session with code 3000, "Go away!". */
    void close();

    /**
     * Closes the session. Messages already queued are delivered before the close frame. Closing a closed
     * session does nothing.
     */
    void close(int code, String reason);

    /** Whether the session is open, that is neither closed by either side nor timed out. */
    boolean isOpen();

    /** The transport that opened the session, as sockjs-client names it: "websocket", "xhr-streaming", ... */
    String transport();

    /** The authenticated user of the request that opened the session, or {@code null}. */
    Principal principal();

    /** The address of the client (or of the last proxy) that opened the session. */
    InetSocketAddress remoteAddress();

    /**
     * The request headers a session keeps from the request that opened it, when present: those that tell who
     * and where the client is. Others are not kept, so that what a client sends cannot make its session large.
     */
    List<String> KEPT_HEADERS = List.of("host", "origin", "referer", "user-agent", "accept-language", "cookie",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "forwarded", "x-real-ip", "via");

    /** The most characters kept of one header's values; values past it are left out. */
    int MAX_KEPT_HEADER_CHARS = 4096;

    /**
     * The {@link #KEPT_HEADERS} of the request that opened the session, keys in lower case; immutable. A header
     * whose values add up to more than {@link #MAX_KEPT_HEADER_CHARS} characters keeps only those that fit.
     */
    Map<String, List<String>> headers();

    /** Application state for this session; the map is thread-safe and starts empty. */
    ConcurrentMap<String, Object> attributes();
}
