package dev.sockjs.server.jetty;

import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * How to run SockJS on embedded Jetty 12 so that it behaves exactly as the protocol wants. Seven Jetty defaults
 * get in the way, and one Jetty bug; this class works around them all:
 *
 * <ul>
 *   <li>Jetty rewrites content types it knows to its own spelling ({@code charset=UTF-8} becomes
 *       {@code charset=utf-8}), while clients such as the protocol suite compare them exactly. Jetty's only switch
 *       for sending them as written is the system property {@value #STRICT_PROPERTY}, read once when Jetty's
 *       HTTP classes load; {@link #newConnector} sets it and fails if it is already too late.</li>
 *   <li>Jetty writes the CRLF that ends an HTTP/1.1 chunk only when the next chunk starts. A client or proxy
 *       that waits for whole chunks then sees every streaming frame one frame late. {@link #connectionFactory}
 *       makes each chunk complete on the wire as soon as its data is flushed ({@link PromptChunkGenerator}).</li>
 *   <li>Jetty answers URLs with empty segments ({@code /echo//xhr}) with 400 before any servlet runs, where
 *       the protocol wants 404 from the service. The connector built here lets them through.</li>
 *   <li>Jetty refuses a request with an {@code Upgrade} header but no {@code Connection: Upgrade} before any
 *       servlet runs, with an HTML page; {@link #newConnector} installs an error handler (unless the server has
 *       its own) that words it as the library does ({@link UpgradeAwareErrorHandler}).</li>
 *   <li>Jetty's {@code HttpServletRequest.upgrade} reports end-of-stream at once on a request without a body,
 *       so a hixie-76 handshake (whose key follows the response headers) cannot complete. The connection built
 *       here keeps such requests open for the upgraded stream ({@link WatchfulHttpConnection}).</li>
 *   <li>Jetty reads nothing from a connection while its request is suspended, so a client that aborts a
 *       pending poll goes unnoticed until the next write. The connector built here watches such connections
 *       and reports closes to the library ({@link JettySupport#watchForDisconnect}, {@link WatchfulHttpConnection}).</li>
 *   <li>Jetty ends its half of the TCP connection as soon as a websocket close frame it sends is written,
 *       before the client has answered it. A client that reads the socket on one thread while another still
 *       parses what arrived with the handshake (the protocol suite's ws4py client does) can see that end of
 *       stream before the close frame, and reports 1006 instead of the server's code and reason. The connector
 *       built here keeps the connection open until the client answers the close (Jetty then closes it) or
 *       {@value WebSocketTunedEndPoint#CLOSE_REPLY_GRACE_SECONDS} seconds pass ({@link WebSocketTunedEndPoint}).</li>
 *   <li>Jetty answers a malformed request (its own 400) on another thread while the thread that read it is still
 *       at work, and the end of that answer starts a second read of the connection: the two release the same
 *       request buffer ("IllegalStateException: already released", a buffer possibly already reused by another
 *       connection). The connection built here reads on one thread at a time ({@link WatchfulHttpConnection};
 *       upstream: jetty/jetty.project#12939).</li>
 * </ul>
 *
 * <p>Use {@link #newConnector(Server, String, int)} for a plain HTTP connector with the fixes; with the
 * servlet layer, also call {@code ServletHandler.setDecodeAmbiguousURIs(true)}. That connector also lets the
 * library's websockets skip Jetty's Jakarta WebSocket layer for its core WebSocket API when both are on the class
 * path (lighter: no per-session encoder and decoder registries, no upgrade request kept; switch off with
 * {@value #NATIVE_WEBSOCKET_PROPERTY}{@code =false}), and reads websockets on its I/O threads, where Jetty would
 * otherwise wake a worker thread for every read: the handler of a service that never blocks
 * ({@link dev.sockjs.server.SockJsOptions#nonBlockingHandler()}) runs there too, any other handler (on the core
 * API) on worker threads that the I/O thread wakes once for everything it read in a pass
 * ({@link DeferringSelector}); a websocket that never stops sending takes turns with the thread's other
 * connections ({@link WebSocketTunedEndPoint}). {@link IoThreadHandler} serves the HTTP requests of services that
 * never block on the I/O threads as well.
 */
public final class JettySetup {

    /**
     * The system property that, set to {@code false}, keeps websockets on Jetty's Jakarta WebSocket layer instead
     * of its core API (see {@link #newConnector}); read when a connector is built.
     */
    public static final String NATIVE_WEBSOCKET_PROPERTY = "dev.sockjs.server.jetty.nativeWebSocket";

    /** Jetty's switch that keeps response content types exactly as the application set them. */
    public static final String STRICT_PROPERTY = "org.eclipse.jetty.http.HttpGenerator.STRICT";

    private JettySetup() {
    }

    /**
     * Makes Jetty send content types exactly as set. Call it first thing in {@code main}, before any Jetty HTTP
     * class loads, or pass {@code -D}{@value #STRICT_PROPERTY}{@code =true} to the JVM.
     *
     * @throws IllegalStateException if Jetty's HTTP classes were loaded before the property was set
     */
    public static void keepContentTypesAsSet() {
        System.setProperty(STRICT_PROPERTY, "true");
        if (!HttpGenerator.__STRICT) {
            throw new IllegalStateException("Jetty's HTTP classes were loaded before " + STRICT_PROPERTY
                    + " was set; pass -D" + STRICT_PROPERTY + "=true to the JVM");
        }
    }

    /**
     * An HTTP/1.1 connector on {@code host:port} (0 for any free port) with all these fixes, and able to read
     * websockets of non-blocking handlers on its I/O threads ({@link JettySupport#readWebSocketOnIoThread}). It has
     * Jetty's default number of selectors (I/O threads): half the cores, at least one. It also offers the
     * library this connector's abilities in every servlet context of the server ({@link SupportedContexts}), and
     * installs {@link GracefulGoodbye}, so that stopping the server closes every SockJS session with 1001 before
     * the connections close.
     */
    public static ServerConnector newConnector(Server server, String host, int port) {
        return newConnector(server, host, port, -1);
    }

    /**
     * {@link #newConnector(Server, String, int)} with {@code selectors} I/O threads (-1: Jetty's default). The
     * websockets of services with {@link dev.sockjs.server.SockJsOptions#nonBlockingHandler()} do all their work
     * on these threads, so a server mostly serving those may want one per core.
     *
     * @throws IllegalStateException if this Jetty changed an internal class that the fixes override (see
     *         {@link JettyInternals}), or loaded its HTTP classes too early ({@link #keepContentTypesAsSet()})
     */
    public static ServerConnector newConnector(Server server, String host, int port, int selectors) {
        keepContentTypesAsSet();
        JettyInternals.check();
        HttpConfiguration config = new HttpConfiguration();
        config.setUriCompliance(UriCompliance.DEFAULT.with("sockjs",
                UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        config.setSendServerVersion(false);
        config.addCustomizer((request, responseHeaders) -> {
            if (request.getConnectionMetaData().getConnection() instanceof WatchfulHttpConnection connection) {
                request.setAttribute(JettySupport.CONNECTION, connection);
            }
            return request;
        });
        if (server.getErrorHandler() == null || server.getErrorHandler().getClass() == ErrorHandler.class) {
            server.setErrorHandler(new UpgradeAwareErrorHandler());
        }
        SupportedContexts.installOn(server);
        GracefulGoodbye.installOn(server);
        ServerConnector connector = new SockJsConnector(server, selectors, nativeUpgradeAvailable(),
                connectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /**
     * HTTP/1.1 connections whose chunks end on the wire together with their data, and that can watch for
     * clients going away (enabled by the customizer {@link #newConnector} installs).
     */
    public static HttpConnectionFactory connectionFactory(HttpConfiguration config) {
        return new HttpConnectionFactory(config) {
            @Override
            public Connection newConnection(Connector connector, EndPoint endPoint) {
                HttpConnection connection = new WatchfulHttpConnection(getHttpConfiguration(), connector, endPoint);
                connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
                return configure(connection, connector, endPoint);
            }
        };
    }

    /**
     * Whether Jetty's core WebSocket API may serve websockets: unless switched off
     * ({@link #NATIVE_WEBSOCKET_PROPERTY}) or absent (it needs jetty-websocket-core-server and jetty-ee10-servlet).
     */
    private static boolean nativeUpgradeAvailable() {
        if ("false".equalsIgnoreCase(System.getProperty(NATIVE_WEBSOCKET_PROPERTY))) {
            return false;
        }
        try {
            ClassLoader loader = JettySetup.class.getClassLoader();
            Class.forName("org.eclipse.jetty.websocket.core.server.Handshaker", false, loader);
            Class.forName("org.eclipse.jetty.ee10.servlet.ServletCoreRequest", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
