package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A load scenario: sessions of one kind, the delivery check of every message they receive, and the errors seen.
 * Runs on the load client's loop thread.
 */
abstract class Scenario {

    final URI base;
    final int sessions;
    final Deliveries deliveries;
    /** The reason a connection closes with when the client ends the run. */
    static final String CLIENT_FINISHED = "client finished";
    private static final String COUNTED = "counted: ";
    private static final int MAX_REASONS = 10;

    /** Failures: refused or broken connections, sessions the server closed, error responses. */
    long errors;
    /** How often each kind of failure happened (the first few kinds). */
    final Map<String, Integer> errorReasons = new LinkedHashMap<>();
    /** How many sessions have opened. */
    int open;

    Scenario(URI base, int sessions, int size) {
        this.base = base;
        this.sessions = sessions;
        this.deliveries = new Deliveries(size);
    }

    /** The name results carry. */
    abstract String name();

    /** Opens the sessions; they start their traffic once open. */
    abstract void start(LoadClient client) throws IOException;

    /** Counts a failure of {@code connection} and ends it; its close is not counted again. */
    final void fail(LoadClient.Connection connection, String why) {
        count(why);
        connection.close(COUNTED + why);
    }

    /** Counts a connection's close as a failure unless the client ended it, or it was counted already. */
    final void closed(String why) {
        closed("", why);
    }

    /** As {@link #closed(String)}, saying which of a session's connections it was. */
    final void closed(String which, String why) {
        if (!why.equals(CLIENT_FINISHED) && !why.startsWith(COUNTED)) {
            count(which + why);
        }
    }

    private void count(String why) {
        errors++;
        String kind = why.length() > 100 ? why.substring(0, 100) + "..." : why;
        if (errorReasons.containsKey(kind) || errorReasons.size() < MAX_REASONS) {
            errorReasons.merge(kind, 1, Integer::sum);
        }
    }
}
