package dev.sockjs.server.jetty;

import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.session.DrainLoop;
import dev.sockjs.server.websocket.NativeUpgrade;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

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
 *       makes each chunk complete on the wire as soon as its data is flushed.</li>
 *   <li>Jetty answers URLs with empty segments ({@code /echo//xhr}) with 400 before any servlet runs, where
 *       the protocol wants 404 from the service. The connector built here lets them through.</li>
 *   <li>Jetty refuses a request with an {@code Upgrade} header but no {@code Connection: Upgrade} before any
 *       servlet runs, with an HTML page; {@link #newConnector} installs an error handler (unless the server has
 *       its own) that words it as the library does.</li>
 *   <li>Jetty's {@code HttpServletRequest.upgrade} reports end-of-stream at once on a request without a body,
 *       so a hixie-76 handshake (whose key follows the response headers) cannot complete. The connection built
 *       here keeps such requests open for the upgraded stream.</li>
 *   <li>Jetty reads nothing from a connection while its request is suspended, so a client that aborts a
 *       pending poll goes unnoticed until the next write. The connector built here watches such connections
 *       and reports closes through {@link SockJsServlet#CLIENT_DISCONNECT_WATCH}.</li>
 *   <li>Jetty ends its half of the TCP connection as soon as a websocket close frame it sends is written,
 *       before the client has answered it. A client that reads the socket on one thread while another still
 *       parses what arrived with the handshake (the protocol suite's ws4py client does) can see that end of
 *       stream before the close frame, and reports 1006 instead of the server's code and reason. The connector
 *       built here keeps the connection open until the client answers the close (Jetty then closes it) or
 *       {@value #CLOSE_REPLY_GRACE_SECONDS} seconds pass.</li>
 *   <li>Jetty answers a malformed request (its own 400) on another thread while the thread that read it is still
 *       at work, and the end of that answer starts a second read of the connection: the two release the same
 *       request buffer ("IllegalStateException: already released", a buffer possibly already reused by another
 *       connection). The connection built here reads on one thread at a time.</li>
 * </ul>
 *
 * <p>Use {@link #newConnector(Server, String, int)} for a plain HTTP connector with the fixes; with the
 * servlet layer, also call {@code ServletHandler.setDecodeAmbiguousURIs(true)}. That connector also lets the
 * library's websockets skip Jetty's Jakarta WebSocket layer for its core WebSocket API when both are on the class
 * path (lighter: no per-session encoder and decoder registries, no upgrade request kept; switch off with
 * {@value #NATIVE_WEBSOCKET_PROPERTY}{@code =false}), and reads the websockets of services whose handler never
 * blocks ({@link dev.sockjs.server.SockJsOptions#nonBlockingHandler()}) on its I/O threads, where Jetty would
 * otherwise wake a worker thread for every read; there a websocket that never stops sending takes turns with
 * the thread's other connections. {@link IoThreadHandler} does the same for their HTTP requests.
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

    /** How long a websocket whose close frame was sent waits for the client's close frame. */
    static final int CLOSE_REPLY_GRACE_SECONDS = 5;

    /** How long one connection reads on a selector thread before it lets the thread serve the others. */
    static final long IO_THREAD_TURN_MICROS = 1000;
    private static final long IO_THREAD_TURN_NANOS = TimeUnit.MICROSECONDS.toNanos(IO_THREAD_TURN_MICROS);

    /**
     * An HTTP/1.1 connector on {@code host:port} (0 for any free port) with all these fixes, and able to read
     * websockets of non-blocking handlers on its I/O threads ({@link SockJsServlet#IO_THREAD_WEBSOCKET}). It has
     * Jetty's default number of selectors (I/O threads): half the cores, at least one. It also installs
     * {@link GracefulGoodbye} on the server, so that stopping it closes every SockJS session with 1001 before the
     * connections close.
     */
    public static ServerConnector newConnector(Server server, String host, int port) {
        return newConnector(server, host, port, -1);
    }

    /**
     * {@link #newConnector(Server, String, int)} with {@code selectors} I/O threads (-1: Jetty's default). The
     * websockets of services with {@link dev.sockjs.server.SockJsOptions#nonBlockingHandler()} do all their work
     * on these threads, so a server mostly serving those may want one per core.
     */
    public static ServerConnector newConnector(Server server, String host, int port, int selectors) {
        keepContentTypesAsSet();
        HttpConfiguration config = new HttpConfiguration();
        config.setUriCompliance(UriCompliance.DEFAULT.with("sockjs",
                UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        config.setSendServerVersion(false);
        NativeUpgrade nativeUpgrade = nativeUpgrade();
        config.addCustomizer((request, responseHeaders) -> offerConnectionHooks(request, nativeUpgrade));
        if (server.getErrorHandler() == null || server.getErrorHandler().getClass() == ErrorHandler.class) {
            server.setErrorHandler(new UpgradeAwareErrorHandler());
        }
        GracefulGoodbye.installOn(server);
        ServerConnector connector = new ServerConnector(server, -1, selectors, connectionFactory(config)) {
            @Override
            protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector,
                    SelectionKey key) {
                SocketChannelEndPoint endPoint = new WebSocketTunedEndPoint(channel, selector, key, getScheduler());
                endPoint.setIdleTimeout(getIdleTimeout());
                return endPoint;
            }
        };
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
     * Words Jetty's own refusal of a malformed upgrade (an {@code Upgrade} header without {@code Connection:
     * Upgrade}, which Jetty rejects before any servlet runs) the way the library words its refusals.
     */
    static final class UpgradeAwareErrorHandler extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) throws IOException {
            if (code == 400 && request.getHeaders().contains(HttpHeader.UPGRADE)) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=UTF-8");
                String text = "Not a valid websocket request: \"Connection\" must be \"Upgrade\".";
                response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
                return;
            }
            super.generateResponse(request, response, code, message, cause, callback);
        }
    }

    /**
     * Jetty's core WebSocket API, unless switched off ({@link #NATIVE_WEBSOCKET_PROPERTY}) or absent (it needs
     * jetty-websocket-core-server and jetty-ee10-servlet); {@code null} then.
     */
    private static NativeUpgrade nativeUpgrade() {
        if ("false".equalsIgnoreCase(System.getProperty(NATIVE_WEBSOCKET_PROPERTY))) {
            return null;
        }
        try {
            ClassLoader loader = JettySetup.class.getClassLoader();
            Class.forName("org.eclipse.jetty.websocket.core.server.Handshaker", false, loader);
            Class.forName("org.eclipse.jetty.ee10.servlet.ServletCoreRequest", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        return JettyNativeUpgrade.INSTANCE;
    }

    /**
     * Lets the library watch this request's connection ({@link SockJsServlet#CLIENT_DISCONNECT_WATCH}), have it
     * read on its I/O thread once upgraded to a websocket ({@link SockJsServlet#IO_THREAD_WEBSOCKET}), and upgrade
     * it through Jetty's core WebSocket API ({@link NativeUpgrade}) if {@code nativeUpgrade} is there.
     */
    private static Request offerConnectionHooks(Request request, NativeUpgrade nativeUpgrade) {
        boolean upgrade = request.getHeaders().contains(HttpHeader.UPGRADE);
        if (upgrade && nativeUpgrade != null) {
            request.setAttribute(NativeUpgrade.ATTRIBUTE, nativeUpgrade);
        }
        if (request.getConnectionMetaData().getConnection() instanceof WatchfulHttpConnection connection) {
            request.setAttribute(SockJsServlet.CLIENT_DISCONNECT_WATCH, connection.disconnectWatch);
            if (upgrade && connection.getEndPoint() instanceof WebSocketTunedEndPoint) {
                request.setAttribute(SockJsServlet.IO_THREAD_WEBSOCKET, connection.ioThreadWebSocket);
            }
        }
        return request;
    }

    /**
     * An HTTP/1.1 connection with prompt chunks that can also notice, while a request is suspended, that the
     * client closed the connection. Jetty reads nothing while a request is being handled, so the watch
     * registers read interest itself and, when the socket turns readable, tells end-of-stream (nothing to read)
     * from the bytes of a pipelined request (left untouched for Jetty). Should Jetty ask for read interest while
     * the watch holds it (the response finished first), the watch hands the readiness on to Jetty.
     */
    static final class WatchfulHttpConnection extends HttpConnection {
        private final AtomicReference<CloseWatch> watch = new AtomicReference<>();
        /** Whether the request being handled asked for a watch; it then reads nothing itself. */
        private volatile boolean requestWatched;
        private final DrainLoop oneReaderAtATime = new DrainLoop(super::onFillable);
        final Consumer<Runnable> disconnectWatch = this::watchForClose;
        final Runnable ioThreadWebSocket = this::readUpgradeOnIoThread;
        private final Executor resumingAfterIoThreadRequest = task -> {
            if (task != this) {
                super.getExecutor().execute(task);
            } else if (!IoThreadHandler.deferUntilRequestHandled(task)) {
                super.getExecutor().execute(IoThreadHandler.onWorker(task));
            }
        };

        WatchfulHttpConnection(HttpConfiguration config, Connector connector, EndPoint endPoint) {
            super(config, connector, endPoint);
        }

        @Override
        protected HttpGenerator newHttpGenerator() {
            return new PromptChunkGenerator();
        }

        /**
         * Jetty reads a connection on one thread at a time, except in one case: it answers a malformed request
         * (its 400) on another thread while the reading thread is still in {@code onFillable}, and the end of
         * that answer resumes reading with a second {@code onFillable}. The two then release the same request
         * buffer: Jetty logs "IllegalStateException: already released", and the buffer may already be in use
         * by another connection. Here a reading asked for while one runs is done by that thread once its run is
         * over.
         */
        @Override
        public void onFillable() {
            oneReaderAtATime.run();
        }

        /**
         * When a response completes on a thread other than the one that read its request, Jetty resumes reading
         * the connection on a worker thread it wakes; after a request served by an {@link IoThreadHandler}, that
         * thread does it instead, once that request is over. On a worker, an {@link IoThreadHandler} handles the
         * next request right there.
         */
        @Override
        protected Executor getExecutor() {
            return resumingAfterIoThreadRequest;
        }

        /**
         * Jetty records the end of a body-less request as soon as its headers are parsed, and that record
         * outlives the switch to a tunnel: the stream of {@code HttpServletRequest.upgrade} would report
         * end-of-stream at once, and the 8-byte key that a hixie-76 client sends after the response headers
         * could never be read. For what looks like a hixie-76 handshake (a GET of a {@code .../websocket} URL
         * with {@code Upgrade} and {@code Sec-WebSocket-Key1}), the end of the request is held back until it is
         * known whether the request becomes a tunnel: if it does, the bytes that follow reach the upgraded
         * stream; if the request is read to its end first (a refused handshake, whose unread content Jetty
         * looks for when the response ends), it ends there as any other. Every other request ends as usual.
         */
        @Override
        protected RequestHandler newRequestHandler() {
            return new RequestHandler() {
                private boolean websocketGet;
                private boolean upgrade;
                private boolean key1;

                @Override
                public void startRequest(String method, String uri, HttpVersion version) {
                    websocketGet = "GET".equals(method) && isWebSocketPath(uri);
                    upgrade = false;
                    key1 = false;
                    requestWatched = false;
                    if (getEndPoint() instanceof WebSocketTunedEndPoint endPoint) {
                        endPoint.readOnIoThreadOnceUpgraded = false;
                    }
                    super.startRequest(method, uri, version);
                }

                @Override
                public void parsedHeader(HttpField field) {
                    if ("Sec-WebSocket-Key1".equalsIgnoreCase(field.getName())) {
                        key1 = true;
                    } else if (field.getHeader() == HttpHeader.UPGRADE) {
                        upgrade = true;
                    }
                    super.parsedHeader(field);
                }

                @Override
                public boolean messageComplete() {
                    if (websocketGet && upgrade && key1) {
                        withheldEnd = this::endRequest;
                        return false;
                    }
                    return super.messageComplete();
                }

                private void endRequest() {
                    super.messageComplete();
                }
            };
        }

        private static boolean isWebSocketPath(String uri) {
            int query = uri.indexOf('?');
            return (query < 0 ? uri : uri.substring(0, query)).endsWith("/websocket");
        }

        /** The end of the current request, held back from Jetty while it may still become a tunnel. */
        private volatile Runnable withheldEnd;

        @Override
        protected HttpStreamOverHTTP1 newHttpStream(String method, String uri, HttpVersion version) {
            withheldEnd = null;
            return new HttpStreamOverHTTP1(method, uri, version) {
                /** Once all the content is read (nothing more now), a request that is no tunnel has ended. */
                @Override
                public Content.Chunk read() {
                    Content.Chunk chunk = super.read();
                    Runnable end = withheldEnd;
                    if (chunk == null && end != null) {
                        withheldEnd = null;
                        end.run();
                        chunk = super.read();
                    }
                    return chunk;
                }
            };
        }

        @Override
        public void startTunnel() {
            withheldEnd = null;
            super.startTunnel();
        }

        /** Applies only to the current request: a refused upgrade leaves the next one on this connection free. */
        private void readUpgradeOnIoThread() {
            if (getEndPoint() instanceof WebSocketTunedEndPoint endPoint) {
                endPoint.readOnIoThreadOnceUpgraded = true;
            }
        }

        /**
         * Watches for the client closing the connection while the current request is suspended. A watch left
         * from an earlier request on this connection is pointed at the new one.
         */
        void watchForClose(Runnable onClose) {
            requestWatched = true;
            while (true) {
                CloseWatch current = watch.get();
                if (current != null) {
                    if (current.retarget(onClose)) {
                        return;
                    }
                    continue;
                }
                CloseWatch w = new CloseWatch(onClose);
                if (watch.compareAndSet(null, w)) {
                    if (!getEndPoint().tryFillInterested(w)) {
                        Callback jettys = w.fire();
                        if (jettys != null) {
                            jettysReadPending = true;
                            getEndPoint().fillInterested(marked(jettys));
                        }
                    }
                    return;
                }
            }
        }

        /**
         * Jetty aborts a connection whose response completes while a read is pending, taking it for a
         * conflicting read; the watch's own read interest is not one, but a read of Jetty's that the watch holds
         * for it is. Otherwise, a watched request never reads, so any interest then is a watch's, even one that
         * a watch firing at this very moment (the client already sending its next request) re-registers for the
         * current request.
         */
        @Override
        public boolean isFillInterested() {
            if (jettysReadPending) {
                return true;
            }
            CloseWatch w = watch.get();
            if (w != null && w.holdsJettysInterest()) {
                return true;
            }
            if (requestWatched) {
                return false;
            }
            if (w != null && w.holdsInterestAlone()) {
                return false;
            }
            return super.isFillInterested();
        }

        @Override
        public void fillInterested(Callback callback) {
            if (!handOverOrRegister(callback)) {
                super.fillInterested(callback);
            }
        }

        @Override
        public void tryFillInterested(Callback callback) {
            handOverOrRegister(callback);
        }

        /**
         * Gives Jetty's read interest to the watch that holds the endpoint's, or registers it with the endpoint.
         * A watch may take the endpoint's interest between a look at the watch and the registration, so the
         * registration is only tried, and on failure the new watch gets the interest instead. {@code false} if
         * something other than a watch holds the endpoint's interest.
         */
        private boolean handOverOrRegister(Callback callback) {
            while (true) {
                CloseWatch w = watch.get();
                if (w != null) {
                    if (w.handOver(callback)) {
                        return true;
                    }
                    continue;
                }
                jettysReadPending = true;
                if (getEndPoint().tryFillInterested(marked(callback))) {
                    return true;
                }
                jettysReadPending = false;
                if (watch.get() == null) {
                    return false;
                }
            }
        }

        /** Whether a read of Jetty's own is registered with the endpoint and has not run yet. */
        private volatile boolean jettysReadPending;
        /** Jetty reads with one of two callbacks (the next request, the request's content): each is marked once. */
        private JettysRead markedFill;
        private JettysRead markedDemand;

        private Callback marked(Callback jettys) {
            JettysRead read = markedFill;
            if (read != null && read.jettys == jettys) {
                return read;
            }
            read = markedDemand;
            if (read != null && read.jettys == jettys) {
                return read;
            }
            read = new JettysRead(jettys);
            if (markedFill == null) {
                markedFill = read;
            } else {
                markedDemand = read;
            }
            return read;
        }

        /** Jetty's read callback, noting when it runs that Jetty no longer waits on the endpoint. */
        private final class JettysRead implements Callback {
            final Callback jettys;

            JettysRead(Callback jettys) {
                this.jettys = jettys;
            }

            @Override
            public void succeeded() {
                jettysReadPending = false;
                jettys.succeeded();
            }

            @Override
            public void failed(Throwable cause) {
                jettysReadPending = false;
                jettys.failed(cause);
            }

            @Override
            public InvocationType getInvocationType() {
                return jettys.getInvocationType();
            }
        }

        private boolean peerClosed() {
            if (getEndPoint().getTransport() instanceof SocketChannel channel) {
                try {
                    return channel.socket().getInputStream().available() == 0;
                } catch (IOException | RuntimeException e) {
                    return true;
                }
            }
            return false;
        }

        private final class CloseWatch implements Callback {
            private Runnable onClose;
            private Callback next;
            private boolean fired;
            /** Retargeted: a readiness already pending may be the new request's own bytes, read by Jetty since. */
            private boolean stale;

            CloseWatch(Runnable onClose) {
                this.onClose = onClose;
            }

            synchronized boolean retarget(Runnable newOnClose) {
                if (fired) {
                    return false;
                }
                onClose = newOnClose;
                stale = true;
                return true;
            }

            private synchronized boolean wasStale() {
                return stale;
            }

            synchronized boolean holdsInterestAlone() {
                return !fired && next == null;
            }

            synchronized boolean holdsJettysInterest() {
                return !fired && next != null;
            }

            synchronized boolean handOver(Callback jettys) {
                if (fired) {
                    return false;
                }
                next = jettys;
                return true;
            }

            private synchronized Callback fire() {
                fired = true;
                watch.compareAndSet(this, null);
                return next;
            }

            private synchronized Runnable target() {
                return onClose;
            }

            @Override
            public void succeeded() {
                Callback jettys = fire();
                if (jettys != null) {
                    runAsItAllows(jettys, jettys::succeeded);
                } else if (wasStale()) {
                    // Look again for the current request: a real end-of-stream stays readable and shows at once.
                    watchForClose(target());
                } else if (peerClosed()) {
                    // Only report: if the response finished meanwhile, Jetty itself may have read the next
                    // request, and the listener ignores reports about finished requests. Closing the
                    // connection here would kill that request.
                    getExecutor().execute(target());
                }
            }

            @Override
            public void failed(Throwable cause) {
                Callback jettys = fire();
                if (jettys != null) {
                    runAsItAllows(jettys, () -> jettys.failed(cause));
                } else {
                    getExecutor().execute(target());
                }
            }

            /** Jetty's own read goes to a worker thread unless Jetty declared it non-blocking. */
            private void runAsItAllows(Callback jettys, Runnable action) {
                if (jettys.getInvocationType() == InvocationType.NON_BLOCKING) {
                    action.run();
                } else {
                    getExecutor().execute(action);
                }
            }

            /**
             * The watch itself only looks at the socket, so the I/O thread runs it; what may block (Jetty's read
             * of the next request, the session's close handling) it passes to a worker thread. Behind
             * {@link IoThreadHandler}, Jetty's read is non-blocking too, and the next request costs no hand-off.
             */
            @Override
            public InvocationType getInvocationType() {
                return InvocationType.NON_BLOCKING;
            }
        }
    }

    /**
     * An endpoint that:
     * <ul>
     *   <li>once upgraded away from HTTP (to a websocket), turns Jetty's early half-close after the server's
     *       close frame into a full close after the grace period; the client's close frame normally ends the
     *       connection well before that, through Jetty's own closing handshake. HTTP responses that end the
     *       connection (HTTP/1.0, {@code Connection: close}) still half-close at once;</li>
     *   <li>if the upgrading request asked for it ({@link SockJsServlet#IO_THREAD_WEBSOCKET}), declares its
     *       websocket reads non-blocking, so that Jetty runs them on the selector thread that saw the socket
     *       readable instead of waking a worker thread for each; and there gives the thread back after
     *       {@value #IO_THREAD_TURN_MICROS} us of reading. Jetty reads and handles a websocket for as long as it
     *       finds bytes, so a client that never pauses would keep the thread, and every other connection it
     *       serves, to itself. Past its turn the endpoint reports nothing to read, the websocket asks for read
     *       interest as it does whenever the socket is drained, and the selector comes back to it after serving
     *       the other connections ready meanwhile. (Jetty's HTTP connection already asks for read interest each
     *       time it has handled the requests of one read.)</li>
     * </ul>
     */
    static final class WebSocketTunedEndPoint extends SocketChannelEndPoint {
        private final Scheduler scheduler;
        volatile boolean readOnIoThreadOnceUpgraded;
        /** The selector thread running this endpoint's read, for as long as it does; else null. */
        private volatile Thread turnThread;
        private long turnStarted;
        /** Jetty's websocket connection registers the same read callback each time: wrap it once. */
        private IoThreadTurn lastTurn;

        WebSocketTunedEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key,
                Scheduler scheduler) {
            super(channel, selector, key, scheduler);
            this.scheduler = scheduler;
        }

        @Override
        protected void doShutdownOutput() {
            if (getConnection() instanceof HttpConnection) {
                super.doShutdownOutput();
            } else {
                scheduler.schedule(this::close, CLOSE_REPLY_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        }

        @Override
        public int fill(ByteBuffer buffer) throws IOException {
            if (turnThread == Thread.currentThread() && System.nanoTime() - turnStarted > IO_THREAD_TURN_NANOS) {
                return 0;
            }
            return super.fill(buffer);
        }

        @Override
        public void fillInterested(Callback callback) {
            super.fillInterested(onIoThreadIfAsked(callback));
        }

        @Override
        public boolean tryFillInterested(Callback callback) {
            return super.tryFillInterested(onIoThreadIfAsked(callback));
        }

        private Callback onIoThreadIfAsked(Callback callback) {
            if (!readOnIoThreadOnceUpgraded || getConnection() instanceof HttpConnection) {
                return callback;
            }
            IoThreadTurn turn = lastTurn;
            if (turn == null || turn.jettys != callback) {
                turn = new IoThreadTurn(callback);
                lastTurn = turn;
            }
            return turn;
        }

        /** A read callback that Jetty may run on its selector thread, timing the turn it takes there. */
        private final class IoThreadTurn implements Callback {
            final Callback jettys;

            IoThreadTurn(Callback jettys) {
                this.jettys = jettys;
            }

            @Override
            public void succeeded() {
                turnStarted = System.nanoTime();
                turnThread = Thread.currentThread();
                try {
                    jettys.succeeded();
                } finally {
                    turnThread = null;
                }
            }

            @Override
            public void failed(Throwable cause) {
                jettys.failed(cause);
            }

            @Override
            public InvocationType getInvocationType() {
                return InvocationType.NON_BLOCKING;
            }
        }
    }

    /**
     * Makes each HTTP/1.1 chunk complete on the wire as soon as its data is flushed. A chunk of up to
     * {@value #MERGED_CHUNK_LIMIT} bytes travels in one write: its size line, data and closing CRLF copied into one
     * buffer (Jetty hands a buffer that large out when asked for a trailer buffer). A bigger chunk is written as
     * Jetty writes it, followed by its CRLF in an extra write that the connection performs before it reports the
     * flush complete. Either way the CRLF Jetty would put in front of the next chunk's size line is stripped.
     */
    static final class PromptChunkGenerator extends HttpGenerator {
        static final int MERGED_CHUNK_LIMIT = 4096;
        private static final byte CR = '\r';
        private static final byte LF = '\n';
        /** Room for a chunk's size line and the CRLF that closes it. */
        private static final int CHUNK_FRAMING_BYTES = 16;

        private boolean crlfOwed;
        private boolean crlfAlreadySent;

        @Override
        public Result generateResponse(MetaData.Response info, boolean head, ByteBuffer header, ByteBuffer chunk,
                ByteBuffer content, boolean last) throws IOException {
            boolean hadContent = content != null && content.hasRemaining();
            if (crlfOwed && !last && !hadContent && isChunking()) {
                if (chunk == null) {
                    return Result.NEED_CHUNK;
                }
                chunk.clear();
                chunk.put(CR).put(LF);
                chunk.flip();
                crlfOwed = false;
                crlfAlreadySent = true;
                return Result.FLUSH;
            }
            State before = getState();
            int contentBytes = hadContent ? content.remaining() : 0;
            boolean mergeable = hadContent && !last && contentBytes <= MERGED_CHUNK_LIMIT
                    && contentBytes <= getChunkMaxLength();
            if (mergeable && before == State.COMMITTED && isChunking()
                    && (chunk == null || chunk.capacity() <= CHUNK_SIZE)) {
                return Result.NEED_CHUNK_TRAILER;
            }
            Result result = super.generateResponse(info, head, header, chunk, content, last);
            if (crlfAlreadySent && chunk != null && chunk.remaining() >= 2
                    && chunk.get(chunk.position()) == CR && chunk.get(chunk.position() + 1) == LF) {
                chunk.position(chunk.position() + 2);
                crlfAlreadySent = false;
            }
            if (result == Result.FLUSH && isChunking() && hadContent) {
                ByteBuffer sizeLine = before == State.START ? header : chunk;
                if (mergeable && sizeLine != null && content.remaining() == contentBytes
                        && sizeLine.capacity() - sizeLine.limit() >= contentBytes + CHUNK_FRAMING_BYTES) {
                    int start = BufferUtil.flipToFill(sizeLine);
                    sizeLine.put(content).put(CR).put(LF);
                    BufferUtil.flipToFlush(sizeLine, start);
                    crlfOwed = false;
                    crlfAlreadySent = true;
                } else {
                    crlfOwed = !last;
                    crlfAlreadySent = false;
                }
            }
            return result;
        }

        @Override
        public void reset() {
            super.reset();
            crlfOwed = false;
            crlfAlreadySent = false;
        }
    }
}
