package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;

/**
 * A closed-loop echo scenario: every session keeps one message in flight and sends the next as soon as the
 * echo arrives. Runs on the load client's loop thread.
 */
abstract class EchoScenario {

    final URI base;
    final int sessions;
    final Deliveries deliveries;
    /** Failures: refused or broken connections, sessions the server closed. */
    long errors;
    /** How many sessions have opened. */
    int open;

    EchoScenario(URI base, int sessions, int size) {
        this.base = base;
        this.sessions = sessions;
        this.deliveries = new Deliveries(size);
    }

    /** Opens the sessions; they start sending once open. */
    abstract void start(LoadClient client) throws IOException;
}
