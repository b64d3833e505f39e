package dev.sockjs.server.jetty;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A selector whose thread, while it reads a connection, can put off a task until it has been through every
 * connection ready in this pass and is about to wait for I/O again ({@link #deferUntilIoWait}). The library hands
 * the callbacks of handlers that may block to worker threads that way: one wake-up for all the messages of a pass
 * instead of one per message (see {@link dev.sockjs.server.session.HandlerDispatcher}).
 *
 * <p>The deferred tasks run on whichever thread produces for the selector at that point (Jetty may hand
 * production to another thread between passes). While the selector waits, nothing can be deferred: the task
 * would wait for the next I/O event, so the caller runs it itself.
 */
final class DeferringSelector extends ManagedSelector {

    private static final Logger LOG = LoggerFactory.getLogger(DeferringSelector.class);
    private static final Deferred WAITING = new Deferred(null, null);
    /** The selector whose connection the current thread is reading, if any. */
    private static final ThreadLocal<DeferringSelector> READING = new ThreadLocal<>();

    /** The tasks put off in this pass, newest first; {@link #WAITING} while the selector waits. */
    private final AtomicReference<Deferred> deferred = new AtomicReference<>();

    DeferringSelector(SelectorManager manager, int id) {
        super(manager, id);
    }

    /**
     * Runs {@code task} on this thread's selector before it next waits, once however often it is deferred in a
     * pass; {@code false} if this thread is not reading a connection of such a selector.
     */
    static boolean deferUntilIoWait(Runnable task) {
        DeferringSelector selector = READING.get();
        return selector != null && selector.defer(task);
    }

    /** Marks the current thread as reading a connection of {@code selector}; returns what to restore. */
    static DeferringSelector enterRead(ManagedSelector selector) {
        DeferringSelector previous = READING.get();
        READING.set(selector instanceof DeferringSelector deferring ? deferring : null);
        return previous;
    }

    static void exitRead(DeferringSelector previous) {
        READING.set(previous);
    }

    private boolean defer(Runnable task) {
        while (true) {
            Deferred head = deferred.get();
            if (head == WAITING) {
                return false;
            }
            for (Deferred d = head; d != null; d = d.next) {
                if (d.task == task) {
                    return true;
                }
            }
            if (deferred.compareAndSet(head, new Deferred(task, head))) {
                return true;
            }
        }
    }

    @Override
    protected int select(Selector selector) throws IOException {
        if (runDeferred(WAITING)) {
            // The worker just woken takes over this core if it is the one free, rather than after the selector
            // has gone to sleep and woken again: by the time this thread selects, the answers it writes have often
            // brought more to read, found without sleeping (websocket echo: 8.7 -> 8.0 us per message).
            Thread.yield();
        }
        try {
            return super.select(selector);
        } finally {
            deferred.compareAndSet(WAITING, null);
        }
    }

    @Override
    protected void doStop() throws Exception {
        try {
            super.doStop();
        } finally {
            runDeferred(WAITING);
        }
    }

    /** Runs the tasks deferred so far, oldest first; {@code false} if there were none. */
    private boolean runDeferred(Deferred next) {
        Deferred head = deferred.getAndSet(next);
        if (head == null || head == WAITING) {
            return false;
        }
        Deferred oldestFirst = null;
        for (Deferred d = head; d != null; d = d.next) {
            oldestFirst = new Deferred(d.task, oldestFirst);
        }
        for (Deferred d = oldestFirst; d != null; d = d.next) {
            try {
                d.task.run();
            } catch (RuntimeException e) {
                LOG.warn("A task deferred until the selector's wait failed", e);
            }
        }
        return true;
    }

    private record Deferred(Runnable task, Deferred next) {
    }
}
