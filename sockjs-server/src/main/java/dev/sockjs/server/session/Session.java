package dev.sockjs.server.session;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsListener;
import dev.sockjs.server.SockJsMessage;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.OutboundMessage;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one SockJS session: queued messages, the open/close frames still owed to the client, and the
 * receiver attached right now. All state changes happen under the session's monitor; application callbacks
 * and receiver wake-ups happen outside it, so neither can deadlock against the other.
 */
public final class Session implements SockJsSession {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final String SEND_QUEUE_OVERFLOW_REASON = "Send queue limit exceeded";
    /** The websocket close code of a message over the size limit. */
    private static final int MESSAGE_TOO_BIG = 1009;

    /** What happened when a receiving connection asked to attach. */
    public enum Attach {
        /** The receiver is attached; it will get the session's frames. */
        ATTACHED,
        /** Another receiver is attached; the newcomer gets {@link Frame#ANOTHER_CONNECTION_STILL_OPEN}. */
        CONFLICT,
        /** The session is closed and owes nothing but its close frame, which the newcomer gets. */
        CLOSED
    }

    private final String id;
    private final SessionRegistry registry;
    private final SockJsHandler handler;
    private final SockJsListener listener;
    private final String transport;
    private final RequestInfo request;
    /** Made on first use: most sessions of plain handlers never need one. */
    private volatile ConcurrentMap<String, Object> attributes;
    private final Object inbound = new Object();
    private boolean opened;

    private boolean openFramePending = true;
    /** Small at first: a session that is idle or keeps up holds a message or two at a time. */
    private final ArrayDeque<OutboundMessage> outbox = new ArrayDeque<>(2);
    private long queuedChars;
    private Receiver receiver;
    private Frame closeFrame;
    private boolean heartbeatDue;
    private long lastActivityNanos;
    private boolean closeNotified;
    /** The send queue passed half its limit, and has not emptied since. */
    private boolean highWater;
    /** Whether the listener hears anything: without one, the queue's wait is not timed. */
    private final boolean listening;
    /** When the oldest message in the outbox was queued, if {@link #listening}. */
    private long oldestQueuedNanos;

    Session(String id, SessionRegistry registry, String transport, RequestInfo request) {
        this.id = id;
        this.registry = registry;
        this.handler = registry.handler();
        this.listener = registry.listener();
        this.listening = listener != SockJsListener.NONE;
        this.transport = transport;
        this.request = request;
        this.lastActivityNanos = System.nanoTime();
    }

    /** The protocol session id, or {@code null} for a websocket session (those are never looked up). */
    public String id() {
        return id;
    }

    // ---- receivers ----

    /**
     * Connects a receiving connection, the one sequence of every transport: attaches it, and if it is the
     * session's receiver now, opens the session (the first time) and starts the receiver.
     */
    public Attach connect(Receiver r) {
        Attach result = attach(r);
        if (result == Attach.ATTACHED) {
            open();
            listener.connectionAttached(this);
            r.start(this);
        }
        return result;
    }

    synchronized Attach attach(Receiver r) {
        if (receiver != null) {
            return Attach.CONFLICT;
        }
        if (closeFrame != null && outbox.isEmpty() && !openFramePending) {
            return Attach.CLOSED;
        }
        receiver = r;
        lastActivityNanos = System.nanoTime();
        return Attach.ATTACHED;
    }

    /** The close frame of a closed session, or {@code null} while it is open. */
    public synchronized Frame closeFrame() {
        return closeFrame;
    }

    /**
     * The next frame owed to the client, or {@code null}. A polling receiver, and any receiver handed the close
     * frame, is detached by this call: what comes later waits for the next connection.
     */
    public Frame nextFrame(Receiver r) {
        Frame frame;
        int flushed = 0;
        long waited = 0;
        boolean detached;
        synchronized (this) {
            if (r != receiver) {
                return null;
            }
            if (openFramePending) {
                openFramePending = false;
                frame = Frame.OPEN;
            } else if (!outbox.isEmpty()) {
                waited = listening ? System.nanoTime() - oldestQueuedNanos : 0;
                List<OutboundMessage> batch = takeBatch(r.isPolling());
                flushed = batch.size();
                frame = Frame.messages(batch);
            } else if (closeFrame != null) {
                frame = closeFrame;
            } else if (heartbeatDue) {
                frame = Frame.HEARTBEAT;
            } else {
                return null;
            }
            heartbeatDue = false;
            lastActivityNanos = System.nanoTime();
            detached = r.isPolling() || frame.kind() == Frame.Kind.CLOSE;
            if (detached) {
                receiver = null;
            }
        }
        if (flushed > 0) {
            listener.messagesFlushed(this, flushed, waited);
        }
        if (detached) {
            listener.connectionDetached(this);
        }
        return frame;
    }

    /** The client's connection is gone: nothing is owed any more but the close frame. */
    private void discardOwedFrames() {
        openFramePending = false;
        outbox.clear();
        queuedChars = 0;
    }

    /**
     * The queued messages that go out in the next frame: all of them, except that, on a connection that stays
     * open for more, a message of {@link OutboundMessage#ALONE_FROM} characters or more goes in a frame of its
     * own, whose bytes it shares with the other sessions sending it instead of having them copied into a batch.
     * A poll takes everything: a frame of its own would cost the client another round trip.
     */
    private List<OutboundMessage> takeBatch(boolean polling) {
        List<OutboundMessage> batch;
        OutboundMessage first = outbox.peekFirst();
        if (polling) {
            batch = new ArrayList<>(outbox);
            outbox.clear();
        } else if (outbox.size() == 1 || first.length() >= OutboundMessage.ALONE_FROM) {
            batch = List.of(outbox.pollFirst());
        } else {
            batch = new ArrayList<>(outbox.size());
            while (!outbox.isEmpty() && outbox.peekFirst().length() < OutboundMessage.ALONE_FROM) {
                batch.add(outbox.pollFirst());
            }
        }
        if (outbox.isEmpty()) {
            queuedChars = 0;
            highWater = false;
        } else {
            for (OutboundMessage taken : batch) {
                queuedChars -= taken.length();
            }
            if (listening) {
                oldestQueuedNanos = System.nanoTime();
            }
        }
        return batch;
    }

    /** The receiver ended normally (response limit reached); the session waits for the client to return. */
    public void detach(Receiver r) {
        synchronized (this) {
            if (receiver != r) {
                return;
            }
            receiver = null;
            lastActivityNanos = System.nanoTime();
        }
        listener.connectionDetached(this);
    }

    /** Whether a connection is attached: a close frame sent to it has not finished going out yet. */
    public synchronized boolean hasReceiver() {
        return receiver != null;
    }

    /** Whether this receiver is the one attached. */
    public synchronized boolean isAttached(Receiver r) {
        return receiver == r;
    }

    /**
     * The receiver's connection broke before the session was done with it. The session closes with 1002
     * "Connection interrupted": messages in flight may be lost, so it must not pretend to continue.
     */
    public void interrupted(Receiver r) {
        synchronized (this) {
            if (receiver != r) {
                return;
            }
            receiver = null;
            lastActivityNanos = System.nanoTime();
            if (closeFrame == null) {
                discardOwedFrames();
                closeFrame = Frame.CONNECTION_INTERRUPTED;
            }
        }
        listener.connectionDetached(this);
        notifyClosed(1002, "Connection interrupted", SockJsListener.CloseCause.INTERRUPTED);
    }

    /**
     * The connection ended for good outside the protocol's close handshake (closed by the peer, or aborted). A
     * {@code null} reason (some containers give one for a close frame without a reason) is an empty one.
     */
    public void ended(int code, String reason) {
        String why = reason == null ? "" : reason;
        boolean detached;
        synchronized (this) {
            detached = receiver != null;
            receiver = null;
            if (closeFrame == null) {
                discardOwedFrames();
                closeFrame = Frame.close(code, why);
            }
        }
        if (detached) {
            listener.connectionDetached(this);
        }
        notifyClosed(code, why, code == MESSAGE_TOO_BIG ? SockJsListener.CloseCause.LIMIT
                : SockJsListener.CloseCause.CLIENT);
    }

    // ---- inbound ----

    /** Starts the session: calls the application's {@code onOpen}, the first time only. */
    void open() {
        synchronized (inbound) {
            if (opened) {
                return;
            }
            opened = true;
            listener.sessionOpened(this);
            try {
                handler.onOpen(this);
            } catch (RuntimeException e) {
                callbackFailed("onOpen", e);
            }
        }
    }

    /** Hands messages from the client to the application, in order, one at a time per session. */
    public void deliver(List<String> messages) {
        synchronized (inbound) {
            for (String message : messages) {
                if (!isOpen()) {
                    return;
                }
                listener.messageReceived(this, message.length());
                try {
                    handler.onMessage(this, message);
                } catch (RuntimeException e) {
                    callbackFailed("onMessage", e);
                    return;
                }
            }
        }
    }

    private void callbackFailed(String callback, RuntimeException e) {
        LOG.warn("SockJS handler {} failed; closing the session", callback, e);
        close(1011, "Internal error", SockJsListener.CloseCause.APPLICATION);
    }

    // ---- timers ----

    /** Called periodically by the registry: heartbeats, and the end of sessions left without a receiver. */
    void tick(long now, long heartbeatNanos, long disconnectNanos) {
        Receiver wake = null;
        boolean expire = false;
        boolean notify = false;
        synchronized (this) {
            long idle = now - lastActivityNanos;
            if (receiver != null) {
                if (closeFrame == null && !heartbeatDue && idle >= heartbeatNanos) {
                    heartbeatDue = true;
                    wake = receiver;
                }
            } else if (idle >= disconnectNanos) {
                expire = true;
                if (closeFrame == null) {
                    closeFrame = Frame.close(1000, "Normal closure");
                    discardOwedFrames();
                    notify = true;
                }
            }
        }
        if (wake != null) {
            wake.wake();
        }
        if (expire) {
            registry.remove(this);
        }
        if (notify) {
            notifyClosed(1000, "Session timed out", SockJsListener.CloseCause.TIMEOUT);
        }
    }

    // ---- SockJsSession ----

    @Override
    public boolean send(String message) {
        return send(OutboundMessage.of(message));
    }

    @Override
    public boolean send(SockJsMessage message) {
        return send(OutboundMessage.Access.of(message));
    }

    private boolean send(OutboundMessage message) {
        Receiver wake;
        boolean overflow;
        long highWaterChars = -1;
        synchronized (this) {
            if (closeFrame != null) {
                return false;
            }
            long limit = registry.options().maxQueuedChars();
            overflow = queuedChars + message.length() > limit;
            if (overflow) {
                outbox.clear();
                queuedChars = 0;
                closeFrame = Frame.close(SEND_QUEUE_OVERFLOW, SEND_QUEUE_OVERFLOW_REASON);
            } else {
                if (listening && outbox.isEmpty()) {
                    oldestQueuedNanos = System.nanoTime();
                }
                outbox.add(message);
                queuedChars += message.length();
                if (!highWater && queuedChars > limit / 2) {
                    highWater = true;
                    highWaterChars = queuedChars;
                }
            }
            wake = receiver;
        }
        if (overflow) {
            LOG.warn("{} exceeded its send queue limit of {} characters; closing it", this,
                    registry.options().maxQueuedChars());
            notifyClosed(SEND_QUEUE_OVERFLOW, SEND_QUEUE_OVERFLOW_REASON, SockJsListener.CloseCause.LIMIT);
        } else {
            listener.messageSent(this, message.length());
            if (highWaterChars >= 0) {
                listener.sendQueueHighWater(this, highWaterChars);
            }
        }
        if (wake != null) {
            wake.wake();
        }
        return !overflow;
    }

    @Override
    public synchronized long bufferedAmount() {
        return queuedChars;
    }

    @Override
    public void close() {
        close(GO_AWAY, "Go away!");
    }

    @Override
    public void close(int code, String reason) {
        close(code, reason, SockJsListener.CloseCause.APPLICATION);
    }

    /** Closes with 1001 "Server shutting down": the service is stopping. */
    void shutDown() {
        close(1001, "Server shutting down", SockJsListener.CloseCause.SHUTDOWN);
    }

    private void close(int code, String reason, SockJsListener.CloseCause cause) {
        Receiver wake;
        synchronized (this) {
            if (closeFrame != null) {
                return;
            }
            closeFrame = code == GO_AWAY && "Go away!".equals(reason) ? Frame.GO_AWAY : Frame.close(code, reason);
            wake = receiver;
        }
        notifyClosed(code, reason, cause);
        if (wake != null) {
            wake.wake();
        }
    }

    private void notifyClosed(int code, String reason, SockJsListener.CloseCause cause) {
        synchronized (this) {
            if (closeNotified) {
                return;
            }
            closeNotified = true;
        }
        listener.sessionClosed(this, code, reason, cause);
        try {
            handler.onClose(this, code, reason);
        } catch (RuntimeException e) {
            LOG.warn("SockJS handler onClose failed", e);
        }
    }

    @Override
    public synchronized boolean isOpen() {
        return closeFrame == null;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public Principal principal() {
        return request.principal();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public Map<String, List<String>> headers() {
        return request.headers();
    }

    @Override
    public ConcurrentMap<String, Object> attributes() {
        ConcurrentMap<String, Object> map = attributes;
        if (map == null) {
            synchronized (inbound) {
                map = attributes;
                if (map == null) {
                    map = new ConcurrentHashMap<>(4);
                    attributes = map;
                }
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return "SockJsSession[" + transport + " from " + request.remoteAddress() + "]";
    }
}
