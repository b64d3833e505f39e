package dev.sockjs.harness.behaviour;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsSession;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler for a flood of messages from one client, each of which takes its thread a while without ever
 * blocking (as matching a long destination does), and for a bystander's "ping", answered "pong". It records how
 * much of the flood had been handled when the ping was: all of it means the bystander waited for the flood.
 */
final class FloodedHandler implements SockJsHandler {

    private static final long NANOS_PER_FLOOD_MESSAGE = 50_000;

    final int floodSize;
    final AtomicInteger floodHandled = new AtomicInteger();
    final CountDownLatch floodStarted = new CountDownLatch(1);
    final CountDownLatch floodHandledWhole = new CountDownLatch(1);
    private volatile int floodHandledBeforePing = -1;

    FloodedHandler(int floodSize) {
        this.floodSize = floodSize;
    }

    /** How much of the flood had been handled when the ping was; -1 before it was. */
    int floodHandledBeforePing() {
        return floodHandledBeforePing;
    }

    @Override
    public void onMessage(SockJsSession session, String message) {
        if (message.equals("ping")) {
            floodHandledBeforePing = floodHandled.get();
            session.send("pong");
            return;
        }
        long until = System.nanoTime() + NANOS_PER_FLOOD_MESSAGE;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        int handled = floodHandled.incrementAndGet();
        if (handled == 1) {
            floodStarted.countDown();
        }
        if (handled == floodSize) {
            floodHandledWhole.countDown();
        }
    }
}
