package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;

/**
 * A load scenario: sessions of one kind, the delivery check of every message they receive, and the errors seen.
 * Runs on the load client's loop thread.
 */
abstract class Scenario {

    final URI base;
    final int sessions;
    final Deliveries deliveries;
    /** Failures: refused or broken connections, sessions the server closed. */
    long errors;
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
}
