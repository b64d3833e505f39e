package dev.sockjs.server.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a writer's pass on one thread at a time, whichever thread asks (the container saying the output is
 * writable, or the application queuing a message), and runs it again if anyone asked while it ran, so no
 * wake-up is lost and no thread ever waits for another.
 */
public final class DrainLoop {

    private final AtomicInteger requests = new AtomicInteger();
    private final Runnable pass;

    public DrainLoop(Runnable pass) {
        this.pass = pass;
    }

    /** Runs the pass now, or makes the thread running it run it once more. */
    public void run() {
        if (requests.getAndIncrement() != 0) {
            return;
        }
        int handled = 1;
        do {
            pass.run();
            handled = requests.addAndGet(-handled);
        } while (handled != 0);
    }
}
