package dev.sockjs.server.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * An endpoint that:
 * <ul>
 *   <li>once upgraded away from HTTP (to a websocket), turns Jetty's early half-close after the server's
 *       close frame into a full close after the grace period; the client's close frame normally ends the
 *       connection well before that, through Jetty's own closing handshake. HTTP responses that end the
 *       connection (HTTP/1.0, {@code Connection: close}) still half-close at once;</li>
 *   <li>if the upgrading request asked for it ({@link JettySupport#readWebSocketOnIoThread}), declares its
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
final class WebSocketTunedEndPoint extends SocketChannelEndPoint {

    /** How long a websocket whose close frame was sent waits for the client's close frame. */
    static final int CLOSE_REPLY_GRACE_SECONDS = 5;

    /** How long one connection reads on a selector thread before it lets the thread serve the others. */
    static final long IO_THREAD_TURN_MICROS = 1000;
    private static final long IO_THREAD_TURN_NANOS = TimeUnit.MICROSECONDS.toNanos(IO_THREAD_TURN_MICROS);

    private final Scheduler scheduler;
    private final ManagedSelector selector;
    volatile boolean readOnIoThreadOnceUpgraded;
    /** The selector thread running this endpoint's read, for as long as it does; else null. */
    private volatile Thread turnThread;
    private long turnStarted;
    /**
     * The last read of the websocket left room in the buffer: the socket had nothing more at that moment, so the
     * next read would find nothing (a system call for EAGAIN, one per message read). It reports nothing at once,
     * and the connection asks the selector instead, which notices bytes that came in meanwhile.
     */
    private boolean drainedAtLastFill;
    /** Jetty's websocket connection registers the same read callback each time: wrap it once. */
    private IoThreadTurn lastTurn;

    WebSocketTunedEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key,
            Scheduler scheduler) {
        super(channel, selector, key, scheduler);
        this.scheduler = scheduler;
        this.selector = selector;
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
        if (drainedAtLastFill) {
            drainedAtLastFill = false;
            return 0;
        }
        int filled = super.fill(buffer);
        drainedAtLastFill = filled > 0 && buffer.limit() < buffer.capacity()
                && !(getConnection() instanceof HttpConnection);
        return filled;
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
            DeferringSelector outer = DeferringSelector.enterRead(selector);
            try {
                jettys.succeeded();
            } finally {
                DeferringSelector.exitRead(outer);
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
