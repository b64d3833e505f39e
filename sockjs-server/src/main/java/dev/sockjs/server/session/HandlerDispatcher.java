package dev.sockjs.server.session;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the application's callbacks for connections that a container reads on its I/O threads although the handler
 * may block: off the I/O thread, on worker threads, in order per connection ({@link Lane}).
 *
 * <p>Waking a worker thread costs about as much as handling a small message, so it is paid once for many: an I/O
 * thread hands over everything it read in one pass over its ready connections at once (the hand-off is deferred
 * until it is about to wait for I/O, where the container can do that), and a worker, once awake, runs the callbacks
 * of every connection that is ready before it sleeps again. A handler that blocks must not hold up the others
 * queued behind it: whenever no running worker has finished a callback for {@value #STALL_MILLIS} ms while callbacks
 * wait, one more worker starts, up to {@value #MAX_WORKERS}.
 */
public final class HandlerDispatcher {

    /** How long every running worker may be inside a callback before another one starts. */
    static final long STALL_MILLIS = 10;
    /** The most workers at once: this many blocked handlers and the others' callbacks wait. */
    static final int MAX_WORKERS = 64;
    /** Callbacks of one connection run in a row before the other ready connections get their turn. */
    private static final int TURN = 16;

    private static final Logger LOG = LoggerFactory.getLogger(HandlerDispatcher.class);

    /** Schedules a task once, after a delay. */
    @FunctionalInterface
    public interface Timer {
        void schedule(Runnable task, long delayNanos);
    }

    private final Executor workers;
    private final long stallNanos;
    private final Predicate<Runnable> deferUntilIoWait;
    private final Timer timer;
    private final Runnable signal = this::signal;
    private final Runnable watch = this::watch;

    private final ConcurrentLinkedQueue<Lane> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    /** When a worker last started or finished a callback. */
    private volatile long progressNanos = System.nanoTime();
    private final AtomicBoolean watching = new AtomicBoolean();
    /** Work came since the watch last looked. */
    private volatile boolean busy;

    /**
     * @param workers the threads that run the callbacks, where they may block
     * @param deferUntilIoWait runs a task on the calling thread once it is done with its current pass over ready
     *        connections, before it waits for I/O; {@code false} if the calling thread is not such an I/O thread,
     *        or cannot take the task, and the task must run now
     * @param timer runs the check for stalled workers while there is work
     */
    public HandlerDispatcher(Executor workers, Predicate<Runnable> deferUntilIoWait, Timer timer) {
        this(workers, deferUntilIoWait, timer, TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS));
    }

    /** With another stall time than {@value #STALL_MILLIS} ms. */
    HandlerDispatcher(Executor workers, Predicate<Runnable> deferUntilIoWait, Timer timer, long stallNanos) {
        this.workers = workers;
        this.deferUntilIoWait = deferUntilIoWait;
        this.timer = timer;
        this.stallNanos = stallNanos;
    }

    /** A new connection's callbacks: run one at a time, in the order given. */
    public Lane newLane() {
        return new Lane();
    }

    private void enqueue(Lane lane) {
        ready.add(lane);
        if (running.get() > 0 && !stalled()) {
            // A worker is awake: it takes this lane before it sleeps (see work()).
            return;
        }
        if (!deferUntilIoWait.test(signal)) {
            signal();
        }
    }

    private boolean stalled() {
        return System.nanoTime() - progressNanos > stallNanos;
    }

    /** Makes sure a worker that is not stuck will take the ready lanes. */
    private void signal() {
        while (!ready.isEmpty()) {
            int now = running.get();
            if (now > 0 && (!stalled() || now >= MAX_WORKERS)) {
                return;
            }
            if (running.compareAndSet(now, now + 1)) {
                if (now > 0) {
                    LOG.debug("SockJS callbacks wait behind {} worker(s) inside callbacks that block; starting another",
                            now);
                }
                start();
                return;
            }
        }
    }

    private void start() {
        progressNanos = System.nanoTime();
        busy = true;
        if (!watching.get() && watching.compareAndSet(false, true)) {
            timer.schedule(watch, stallNanos);
        }
        try {
            workers.execute(this::work);
        } catch (RejectedExecutionException e) {
            // The pool is full or stopping; the watch tries again once the lanes have waited a stall's time.
            running.decrementAndGet();
            LOG.warn("Worker threads refused to run SockJS callbacks: {}", e.toString());
        }
    }

    private void work() {
        try {
            Lane lane;
            while ((lane = ready.poll()) != null) {
                lane.runTurn();
            }
        } finally {
            running.decrementAndGet();
        }
        // A lane made ready while this worker was leaving may have counted on it.
        if (!ready.isEmpty()) {
            signal();
        }
    }

    /** Starts a worker for waiting callbacks if those running are stuck; keeps looking while there is work. */
    private void watch() {
        if (!ready.isEmpty() && stalled()) {
            signal();
        }
        if (busy || running.get() > 0 || !ready.isEmpty()) {
            busy = false;
            timer.schedule(watch, stallNanos);
            return;
        }
        watching.set(false);
        if (busy && watching.compareAndSet(false, true)) {
            timer.schedule(watch, stallNanos);
        }
    }

    /** The callbacks of one connection, run one at a time in the order given, on the dispatcher's workers. */
    public final class Lane implements Executor {

        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean queued = new AtomicBoolean();

        private Lane() {
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
            if (!queued.get() && queued.compareAndSet(false, true)) {
                enqueue(this);
            }
        }

        void runTurn() {
            for (int i = 0; i < TURN; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("A SockJS callback failed", e);
                }
                progressNanos = System.nanoTime();
            }
            queued.set(false);
            if (!tasks.isEmpty() && queued.compareAndSet(false, true)) {
                // The worker running this turn takes it again after the other ready lanes.
                ready.add(this);
            }
        }
    }
}
