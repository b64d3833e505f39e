package dev.sockjs.server.session;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsListener;
import dev.sockjs.server.SockJsOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one SockJS service, and the one timer thread that drives their heartbeats and expiry.
 *
 * <p>Rather than a timer per session, a single sweep visits every live session ten times per heartbeat or
 * disconnect period, at least twice a second: no allocation per poll cycle, and a fixed cost per session that
 * stays small at 10,000s.
 */
public final class SessionRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);
    private static final long DRAIN_CHECK_MILLIS = 20;

    private final SockJsHandler handler;
    private final SockJsOptions options;
    private final SockJsListener listener;
    private final ConcurrentHashMap<String, Session> byId = new ConcurrentHashMap<>();
    private final Set<Session> live = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> sweep;
    private final long heartbeatNanos;
    private final long disconnectNanos;

    /** {@code timer} runs the sessions' heartbeats and timeouts; the registry never shuts it down. */
    public SessionRegistry(SockJsHandler handler, SockJsOptions options, ScheduledExecutorService timer) {
        this.handler = handler;
        this.options = options;
        this.listener = GuardedListener.of(options.listener());
        this.heartbeatNanos = options.heartbeatInterval().toNanos();
        this.disconnectNanos = options.disconnectDelay().toNanos();
        this.timer = timer;
        // A heartbeat is at most one sweep late: at the default periods, half a second.
        long tickMillis = Math.max(10, Math.min(500,
                Math.min(options.heartbeatInterval().toMillis(), options.disconnectDelay().toMillis()) / 10));
        this.sweep = timer.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    SockJsHandler handler() {
        return handler;
    }

    SockJsOptions options() {
        return options;
    }

    /** Whether the handler may block: it did not promise {@link SockJsOptions#nonBlockingHandler()}. */
    public boolean handlerMayBlock() {
        return !options.nonBlockingHandler();
    }

    /** The service's listener, its failures contained. */
    public SockJsListener listener() {
        return listener;
    }

    /** The HTTP session with this id, or {@code null}. */
    public Session get(String id) {
        return byId.get(id);
    }

    /**
     * The session with this id, created if there is none (not yet opened: see {@link Session#open()}), or
     * {@code null} if there is none and the service holds {@link SockJsOptions#maxSessions()} already. The
     * request is only read when the session is created.
     */
    public Session getOrCreate(String id, String transport, Supplier<RequestInfo> request) {
        Session existing = byId.get(id);
        if (existing != null) {
            return existing;
        }
        if (isFull()) {
            return null;
        }
        Session fresh = new Session(id, this, transport, request.get());
        Session raced = byId.putIfAbsent(id, fresh);
        if (raced != null) {
            return raced;
        }
        live.add(fresh);
        return fresh;
    }

    /** A session that is never looked up by id: each websocket connection is a session of its own. */
    public Session createUnregistered(String transport, RequestInfo request) {
        Session session = new Session(null, this, transport, request);
        live.add(session);
        return session;
    }

    /** Forgets the session. */
    public void remove(Session session) {
        live.remove(session);
        if (session.id() != null) {
            byId.remove(session.id(), session);
        }
    }

    /** Runs {@code task} on the registry's timer after {@code delay}; the task must not block. */
    public void schedule(Runnable task, Duration delay) {
        timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the service holds as many sessions as it may ({@link SockJsOptions#maxSessions()}). */
    public boolean isFull() {
        return live.size() >= options.maxSessions();
    }

    /** How many sessions are alive, websocket sessions included. */
    public int size() {
        return live.size();
    }

    private void tick() {
        long now = System.nanoTime();
        for (Session session : live) {
            try {
                session.tick(now, heartbeatNanos, disconnectNanos);
            } catch (RuntimeException e) {
                // One broken session (or application callback) must not stop the timer for all the others.
                LOG.warn("SockJS session timer failed for {}", session, e);
            }
        }
    }

    /**
     * Closes every session with 1001 "Server shutting down", and completes once no session holds a connection
     * any more: each close frame has gone out (and each websocket's closing handshake is over). The caller bounds
     * the wait; the timers keep running until {@link #close()}.
     */
    public CompletableFuture<Void> goodbye() {
        for (Session session : live) {
            session.shutDown();
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        completeWhenDrained(drained);
        return drained;
    }

    private void completeWhenDrained(CompletableFuture<Void> drained) {
        for (Session session : live) {
            if (session.hasReceiver()) {
                try {
                    timer.schedule(() -> completeWhenDrained(drained), DRAIN_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closed) {
                    drained.complete(null);
                }
                return;
            }
        }
        drained.complete(null);
    }

    /** Stops the sessions' timers and closes every session with 1001 "Server shutting down". */
    @Override
    public void close() {
        sweep.cancel(false);
        for (Session session : live) {
            session.shutDown();
        }
        byId.clear();
        live.clear();
    }
}
