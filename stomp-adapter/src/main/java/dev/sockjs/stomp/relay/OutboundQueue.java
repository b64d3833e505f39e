package dev.sockjs.stomp.relay;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The frames waiting to go out on a broker connection, bounded by bytes: a broker that cannot keep up makes
 * {@link #offer} refuse, and the thread that offered (a client's) never waits for it. One writer takes them.
 */
final class OutboundQueue {

    private final long maxBytes;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private long bytes;
    private boolean closed;
    /** Refusing for want of room, since the last time the queue was down to half its bound. */
    private boolean full;
    private boolean fullNoticed = true;

    OutboundQueue(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Queues the frame; {@code false} if it would take the queue past its bound, or the queue is closed. */
    synchronized boolean offer(byte[] frame) {
        if (closed) {
            return false;
        }
        if (bytes + frame.length > maxBytes) {
            if (!full) {
                full = true;
                fullNoticed = false;
            }
            return false;
        }
        frames.addLast(frame);
        bytes += frame.length;
        notifyAll();
        return true;
    }

    /**
     * The next frame, waiting up to {@code timeoutNanos} for one (0: as long as it takes); an empty array if none
     * came in time, {@code null} once the queue is closed.
     */
    synchronized byte[] take(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (frames.isEmpty() && !closed) {
            if (timeoutNanos == 0) {
                wait();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new byte[0];
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) {
            return null;
        }
        byte[] frame = frames.pollFirst();
        bytes -= frame.length;
        if (full && bytes <= maxBytes / 2) {
            full = false;
        }
        return frame;
    }

    /**
     * Whether the queue started refusing for want of room since this was last asked: true once per such episode
     * (an episode ends when the queue is down to half its bound), for one log line rather than one per frame.
     */
    synchronized boolean becameFull() {
        boolean news = !fullNoticed;
        fullNoticed = true;
        return news;
    }

    /** Bytes waiting. */
    synchronized long bytes() {
        return bytes;
    }

    /** Refuses what comes from now on, drops what waits, and wakes the writer. */
    synchronized void close() {
        closed = true;
        frames.clear();
        bytes = 0;
        notifyAll();
    }
}
