package dev.sockjs.server.http;

import jakarta.servlet.ServletContext;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one timer thread that the SockJS services of a web application share when their options bring no
 * scheduler: started by the first service, stopped when the last one is destroyed, so that undeploying the
 * application leaves no thread behind (a thread of its own class loader would keep the whole application in
 * memory).
 */
final class SharedTimer {

    private static final String ATTRIBUTE = SharedTimer.class.getName();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ScheduledExecutorService executor;
    private int users;

    private SharedTimer(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** The context's timer, started if no service of the context holds it; {@link #release} it when done. */
    static synchronized ScheduledExecutorService acquire(ServletContext context) {
        SharedTimer shared = (SharedTimer) context.getAttribute(ATTRIBUTE);
        if (shared == null) {
            shared = new SharedTimer(Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "sockjs-timer-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }));
            context.setAttribute(ATTRIBUTE, shared);
        }
        shared.users++;
        return shared.executor;
    }

    /** Stops the context's timer if no other service of the context holds it. */
    static synchronized void release(ServletContext context) {
        SharedTimer shared = (SharedTimer) context.getAttribute(ATTRIBUTE);
        if (shared != null && --shared.users == 0) {
            context.removeAttribute(ATTRIBUTE);
            shared.executor.shutdown();
        }
    }
}
