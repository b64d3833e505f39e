package dev.sockjs.stomp;

import dev.sockjs.stomp.frame.StompFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open transactions of one connection: the frames each has buffered until COMMIT or ABORT. Bounded in count,
 * in frames each, in bytes for the connection, and in bytes over all connections ({@code serverBytes}, shared).
 * Used from the connection's inbound thread; {@link #clear} from whichever thread ends the connection.
 */
final class Transactions {

    /** The bounds; {@code serverBytes} counts what all connections of one server hold. */
    record Limits(int transactions, int framesEach, long bytes, long bytesTotal, AtomicLong serverBytes) {
    }

    private final Limits limits;
    private final Map<String, List<StompFrame>> open = new HashMap<>();
    private long bytes;

    Transactions(Limits limits) {
        this.limits = limits;
    }

    synchronized void begin(String transaction) throws StompRefusal {
        if (open.containsKey(transaction)) {
            throw new ProtocolRefusal("Transaction " + transaction + " has already begun");
        }
        if (open.size() >= limits.transactions()) {
            throw new ProtocolRefusal("Too many open transactions (the limit is " + limits.transactions() + ")");
        }
        open.put(transaction, new ArrayList<>());
    }

    synchronized void enlist(String transaction, StompFrame frame) throws StompRefusal {
        List<StompFrame> frames = open.get(transaction);
        if (frames == null) {
            throw new ProtocolRefusal("Unknown transaction " + transaction);
        }
        if (frames.size() >= limits.framesEach()) {
            throw new ProtocolRefusal("Too many frames in transaction " + transaction + " (the limit is "
                    + limits.framesEach() + ")");
        }
        long size = size(frame);
        if (bytes + size > limits.bytes()) {
            throw new ProtocolRefusal("Transactions hold too much (the limit is " + limits.bytes()
                    + " bytes per connection)");
        }
        if (limits.serverBytes().addAndGet(size) > limits.bytesTotal()) {
            limits.serverBytes().addAndGet(-size);
            throw new ProtocolRefusal("The server holds too much in open transactions; try again later");
        }
        bytes += size;
        frames.add(frame);
    }

    /** Ends the transaction and returns its frames, to be performed in order. */
    synchronized List<StompFrame> commit(String transaction) throws StompRefusal {
        return end(transaction);
    }

    synchronized void abort(String transaction) throws StompRefusal {
        end(transaction);
    }

    /** Drops every open transaction. */
    synchronized void clear() {
        open.clear();
        limits.serverBytes().addAndGet(-bytes);
        bytes = 0;
    }

    private List<StompFrame> end(String transaction) throws StompRefusal {
        List<StompFrame> frames = open.remove(transaction);
        if (frames == null) {
            throw new ProtocolRefusal("Unknown transaction " + transaction);
        }
        long released = 0;
        for (StompFrame frame : frames) {
            released += size(frame);
        }
        bytes -= released;
        limits.serverBytes().addAndGet(-released);
        return frames;
    }

    /** What a buffered frame holds: its body's bytes and its headers' characters. */
    private static long size(StompFrame frame) {
        long size = frame.body() == null ? 0 : frame.body().length;
        for (String header : frame.headerList()) {
            size += header.length();
        }
        return size;
    }
}
