package dev.sockjs.stomp;

import dev.sockjs.stomp.frame.StompDecoder;
import dev.sockjs.stomp.frame.StompFrame;
import dev.sockjs.stomp.frame.StompProtocolException;
import dev.sockjs.stomp.frame.StompVersion;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What one client sends, decoded into frames. The bytes of a frame not yet complete count against a budget that
 * all the server's connections share, and such a frame must end within the frame timeout ({@link #overdue}), so
 * that clients that start frames and never finish them cannot hold memory for long.
 */
final class InboundFrames {

    private final StompDecoder decoder;
    private final AtomicLong serverHeld;
    private final long serverBudget;
    private final Consumer<StompFrame> counted;

    // Guarded by this.
    private long framesDecoded;
    private int held;
    private boolean released;
    /** When the incomplete frame the decoder holds began to arrive (0: none). */
    private volatile long partialSince;

    /**
     * @param serverHeld the bytes of incomplete frames held over all the server's connections
     * @param frames where whole frames go, on the thread that decodes them
     */
    InboundFrames(StompDecoder decoder, AtomicLong serverHeld, long serverBudget, Consumer<StompFrame> frames) {
        this.decoder = decoder;
        this.serverHeld = serverHeld;
        this.serverBudget = serverBudget;
        this.counted = frame -> {
            framesDecoded++;
            frames.accept(frame);
        };
    }

    /**
     * Decodes what arrived at {@code now}; nothing once {@link #release released}.
     *
     * @return {@code false} if what this connection now holds of an incomplete frame took the server past its budget
     * @throws StompProtocolException if the bytes break the protocol
     */
    synchronized boolean decode(byte[] bytes, long now) throws StompProtocolException {
        if (released) {
            return true;
        }
        int heldBefore = decoder.pendingBytes();
        long framesBefore = framesDecoded;
        decoder.decode(bytes, 0, bytes.length, counted);
        if (released) {
            // A frame ended the connection, which gave back what it held.
            return true;
        }
        int heldAfter = decoder.pendingBytes();
        if (heldAfter == 0) {
            partialSince = 0;
        } else if (heldBefore == 0 || framesDecoded != framesBefore) {
            partialSince = now;
        }
        held = heldAfter;
        long total = serverHeld.addAndGet(heldAfter - heldBefore);
        return heldAfter <= heldBefore || total <= serverBudget;
    }

    /** The version CONNECT agreed on, for the frames that follow. */
    synchronized void version(StompVersion version) {
        decoder.version(version);
    }

    /** Whether an incomplete frame has been arriving for longer than {@code timeoutNanos}. */
    boolean overdue(long now, long timeoutNanos) {
        long since = partialSince;
        return since != 0 && now - since > timeoutNanos;
    }

    /** Gives back what is held of an incomplete frame, and decodes nothing more. */
    synchronized void release() {
        released = true;
        serverHeld.addAndGet(-held);
        held = 0;
        partialSince = 0;
    }
}
