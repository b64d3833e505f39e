package dev.sockjs.server.container;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a servlet container can do for SockJS beyond the Jakarta Servlet and WebSocket APIs. Every method's default
 * is what those APIs alone give (the {@link #JAKARTA_ONLY} support), so an adapter overrides only what its
 * container can do better.
 *
 * <p>An adapter offers its support to a servlet context by setting the context attribute {@link #ATTRIBUTE} before
 * the context starts; each SockJS service resolves it once ({@link ContainerSupports#of}). The adapter may sit on
 * the container's own class path while the web application carries its own copy of this library, a copy whose
 * interface is another class, and a standalone Jetty's class path does not even have the Servlet API. So the
 * methods take only JDK types (a request is seen through its attributes, where the adapter marked what it needs),
 * with no static method here (resolving one method of an interface resolves the types of all), and
 * {@link ContainerSupports#of} reaches a support of another class loader through them; only
 * {@link #nativeUpgrade}, which returns a type of this library, needs an adapter of the library's own class loader.
 */
public interface ContainerSupport {

    /** The servlet context attribute holding a container's support. */
    String ATTRIBUTE = ContainerSupport.class.getName();

    /** What the Jakarta Servlet and WebSocket APIs give, for a container without an adapter. */
    ContainerSupport JAKARTA_ONLY = new ContainerSupport() {
        @Override
        public String toString() {
            return "Jakarta Servlet and WebSocket only";
        }
    };

    /**
     * Runs {@code onClose} once when the client closes the connection of a request (seen through its
     * {@code requestAttributes}) that is suspended in async mode and has read its whole body. Servlet containers
     * read nothing from such a connection, so without this a client that aborts a pending poll or stream is
     * noticed only at the next write (a heartbeat, 25 s later).
     *
     * @return whether the container watches; {@code false} if it cannot watch this request
     */
    default boolean watchForDisconnect(Function<String, Object> requestAttributes, Runnable onClose) {
        return false;
    }

    /**
     * Has the websocket that a handshake about to be upgraded becomes read on the container's I/O thread rather
     * than on a worker thread woken for every read; asked only for services whose handler never blocks
     * ({@link dev.sockjs.server.SockJsOptions#nonBlockingHandler()}).
     *
     * @return whether its reads will run on the I/O thread
     */
    default boolean readWebSocketOnIoThread(Function<String, Object> requestAttributes) {
        return false;
    }

    /**
     * The container's own websocket upgrade for this handshake, lighter than its Jakarta WebSocket layer, or
     * {@code null} to go through that layer.
     */
    default NativeUpgrade nativeUpgrade(Function<String, Object> requestAttributes) {
        return null;
    }

    /**
     * Serves the HTTP requests of the named servlet, a service whose handler never blocks, on the container's I/O
     * threads, where a request otherwise costs a worker thread's wake-up.
     *
     * @return whether they will be
     */
    default boolean serveOnIoThreads(String servletName) {
        return false;
    }

    /**
     * Calls {@code goodbye} when the server stops gracefully, before it closes connections (servlets are
     * destroyed only after that, too late to send anything), and lets the stop go on once the stage it returns
     * completes (or a drain time passes). The goodbye closes every session of one service with 1001 "Server
     * shutting down".
     */
    default void sayGoodbyeOnStop(Supplier<? extends CompletionStage<?>> goodbye) {
    }
}
