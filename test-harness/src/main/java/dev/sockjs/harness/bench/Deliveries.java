package dev.sockjs.harness.bench;

import java.util.HashSet;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The delivery check every scenario shares. Each payload reads {@code s=<sequence>;t=<send nanoTime>;<padding>};
 * each receiver expects its sender's sequence numbers in order. A gap counts its messages as lost until they turn
 * up late (then they count as out of order instead); a number seen before is a duplicate. The send time gives
 * the latency.
 */
final class Deliveries {

    /** What one sender has sent. */
    static final class Sender {
        long nextSeq;
    }

    /** What one receiver has seen of one sender. */
    static final class Receiver {
        /** Beyond this many missing numbers per receiver, late arrivals count as duplicates. */
        private static final int MAX_REMEMBERED_GAPS = 10_000;

        private long expectedSeq;
        private boolean joined;
        /** For a receiver that joined late: the first number it saw ({@code -1} before), and those below it since. */
        private long firstSeq = -1;
        private final Set<Long> beforeFirst = new HashSet<>();
        /** Numbers skipped by a gap, so that a late arrival is told from a duplicate. */
        private final Set<Long> missing = new HashSet<>();

        /** Expects the sender's messages from the first one on. */
        Receiver() {
            this(false);
        }

        /**
         * With {@code joinsLate}, expects the sender's messages from whichever arrives first on (a subscriber
         * that joined a broadcast already under way).
         */
        Receiver(boolean joinsLate) {
            this.joined = !joinsLate;
        }
    }

    private final String padding;
    final Histogram latencyMicros = new Histogram(60_000_000L, 3);
    private boolean recording;
    long received;
    long lost;
    long duplicated;
    long outOfOrder;

    /** For payloads of about {@code size} bytes. */
    Deliveries(int size) {
        this.padding = "x".repeat(Math.max(0, size - 24));
    }

    /** The next payload of {@code sender}, stamped now. */
    String next(Sender sender) {
        return "s=" + sender.nextSeq++ + ";t=" + System.nanoTime() + ";" + padding;
    }

    /** Checks a payload that arrived at {@code receiver}. */
    void arrived(Receiver receiver, String payload) {
        int semicolon = payload.indexOf(';');
        long seq = Long.parseLong(payload, 2, semicolon, 10);
        long sent = Long.parseLong(payload, semicolon + 3, payload.indexOf(';', semicolon + 1), 10);
        if (!receiver.joined) {
            receiver.joined = true;
            receiver.expectedSeq = seq;
            receiver.firstSeq = seq;
        }
        if (seq < receiver.expectedSeq) {
            if (receiver.missing.remove(seq)) {
                lost--;
                outOfOrder++;
            } else if (seq < receiver.firstSeq && receiver.beforeFirst.size() < Receiver.MAX_REMEMBERED_GAPS
                    && receiver.beforeFirst.add(seq)) {
                // Sent before the one this late joiner saw first, but overtaken by it: late, not repeated.
                outOfOrder++;
            } else {
                duplicated++;
            }
            return;
        }
        if (seq > receiver.expectedSeq) {
            lost += seq - receiver.expectedSeq;
            for (long gap = receiver.expectedSeq; gap < seq
                    && receiver.missing.size() < Receiver.MAX_REMEMBERED_GAPS; gap++) {
                receiver.missing.add(gap);
            }
        }
        receiver.expectedSeq = seq + 1;
        if (recording) {
            received++;
            latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sent) / 1000));
        }
    }

    /**
     * Checks every payload of a SockJS {@code a[...]} frame (payloads carry no characters that JSON escapes)
     * and returns how many there were.
     */
    int arrivedFrame(Receiver receiver, String frame) {
        int count = 0;
        int from = 3;
        while (from < frame.length()) {
            int end = frame.indexOf('"', from);
            arrived(receiver, frame.substring(from, end));
            count++;
            from = end + 3;
        }
        return count;
    }

    /** Counts from now on. */
    void startRecording() {
        latencyMicros.reset();
        received = 0;
        recording = true;
    }
}
