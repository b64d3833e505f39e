package dev.sockjs.harness.bench;

/** Paces a publisher at a fixed rate, counted from the moment it starts; runs on the load client's loop. */
final class Pacing {

    /** Sending more than this many messages in one turn would starve the reading of the sessions. */
    private static final int MAX_BURST = 1000;

    private final int rate;
    private boolean started;
    private long since;
    private long sent;

    Pacing(int rate) {
        if (rate <= 0) {
            throw new IllegalArgumentException("a publisher needs a rate above zero, not " + rate);
        }
        this.rate = rate;
    }

    void start() {
        started = true;
        since = System.nanoTime();
    }

    void stop() {
        started = false;
    }

    /** How many messages to send now to keep to the rate (none before {@link #start()}); counts them as sent. */
    int due() {
        if (!started) {
            return 0;
        }
        long due = (System.nanoTime() - since) * rate / 1_000_000_000L;
        int now = (int) Math.min(MAX_BURST, due - sent);
        sent += now;
        return now;
    }
}
