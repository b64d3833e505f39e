package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The load client's engine: one thread and one selector for every connection, so that driving thousands of
 * sessions costs little CPU and no locking; scenario code runs on that thread only.
 */
final class LoadClient implements AutoCloseable {

    /** A connection the loop drives. */
    interface Connection {
        /** The channel is ready for what the connection registered interest in. */
        void ready();

        void close(String why);
    }

    private final Selector selector;
    private final List<Connection> connections = new ArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Runnable> everyTurn = new ArrayList<>();
    private volatile boolean running = true;

    LoadClient() throws IOException {
        this.selector = Selector.open();
    }

    /** Opens a websocket; call from the loop thread or before {@link #runUntil}. */
    WebSocketClient connect(URI uri, WebSocketClient.Listener listener) throws IOException {
        return connect(uri, null, listener);
    }

    /** Opens a websocket from a source address of its own ({@code null}: the system's choice). */
    WebSocketClient connect(URI uri, InetAddress from, WebSocketClient.Listener listener) throws IOException {
        WebSocketClient connection = new WebSocketClient(selector, uri, from, listener);
        connections.add(connection);
        return connection;
    }

    /** Opens a keep-alive HTTP connection; call from the loop thread or before {@link #runUntil}. */
    HttpClientConnection http(URI uri, HttpClientConnection.Listener listener) throws IOException {
        HttpClientConnection connection = new HttpClientConnection(selector, uri, listener);
        connections.add(connection);
        return connection;
    }

    /**
     * Runs {@code action} on the loop thread at every turn of the loop, at least once a millisecond; for
     * traffic paced by the clock. Call before {@link #runUntil}.
     */
    void everyTurn(Runnable action) {
        everyTurn.add(action);
    }

    /** Runs {@code task} on the loop thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs the loop on the calling thread until {@code deadlineNanos} or {@link #stop()}. */
    void runUntil(long deadlineNanos) throws IOException {
        while (running) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            selector.select(Math.max(1, Math.min(everyTurn.isEmpty() ? 100 : 1, left / 1_000_000)));
            for (SelectionKey key : selector.selectedKeys()) {
                ((Connection) key.attachment()).ready();
            }
            selector.selectedKeys().clear();
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
            for (Runnable action : everyTurn) {
                action.run();
            }
        }
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void close() throws IOException {
        for (Connection connection : connections) {
            connection.close(Scenario.CLIENT_FINISHED);
        }
        selector.close();
    }
}
