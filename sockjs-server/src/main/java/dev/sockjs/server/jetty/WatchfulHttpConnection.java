package dev.sockjs.server.jetty;

import dev.sockjs.server.session.DrainLoop;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;

/**
 * An HTTP/1.1 connection with prompt chunks that can also notice, while a request is suspended, that the
 * client closed the connection. Jetty reads nothing while a request is being handled, so the watch
 * registers read interest itself and, when the socket turns readable, tells end-of-stream (nothing to read)
 * from the bytes of a pipelined request (left untouched for Jetty). Should Jetty ask for read interest while
 * the watch holds it (the response finished first), the watch hands the readiness on to Jetty.
 */
final class WatchfulHttpConnection extends HttpConnection {
    private final AtomicReference<CloseWatch> watch = new AtomicReference<>();
    /** Whether the request being handled asked for a watch; it then reads nothing itself. */
    private volatile boolean requestWatched;
    private final DrainLoop oneReaderAtATime = new DrainLoop(super::onFillable);
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

    /**
     * Has the websocket the current request becomes read on the I/O thread; {@code false} if this endpoint
     * cannot. Applies only to the current request: a refused upgrade leaves the next one on this connection free.
     */
    boolean readUpgradeOnIoThread() {
        return readUpgradeOnIoThread(true);
    }

    /** Takes back {@link #readUpgradeOnIoThread()}: the upgrade did not happen as planned. */
    void readUpgradeOnWorkerThread() {
        readUpgradeOnIoThread(false);
    }

    private boolean readUpgradeOnIoThread(boolean onIoThread) {
        if (getEndPoint() instanceof WebSocketTunedEndPoint endPoint) {
            endPoint.readOnIoThreadOnceUpgraded = onIoThread;
            return true;
        }
        return false;
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
