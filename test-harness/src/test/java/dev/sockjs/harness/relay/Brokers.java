package dev.sockjs.harness.relay;

import dev.sockjs.stomp.BrokerRelay;
import dev.sockjs.stomp.StompServer;
import dev.sockjs.testbrokers.EmbeddedArtemis;
import dev.sockjs.testbrokers.ExternalBroker;
import dev.sockjs.testbrokers.RabbitMqBroker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The brokers a STOMP server's destinations can live in, for tests that run against each. The external ones start
 * once per test JVM, when a test first asks for one (RabbitMQ takes seconds), and stop with the JVM; tests keep
 * apart by their destinations' names.
 */
public enum Brokers {
    IN_MEMORY(null, true),
    ARTEMIS(EmbeddedArtemis::new, false),
    RABBITMQ(RabbitMqBroker::new, true);

    /** Starts a broker. */
    private interface Starter {
        ExternalBroker start() throws Exception;
    }

    private final Starter starter;
    private final boolean nackRequeues;
    private ExternalBroker running;

    Brokers(Starter starter, boolean nackRequeues) {
        this.starter = starter;
        this.nackRequeues = nackRequeues;
    }

    /** Whether a NACKed queue message goes back to its queue (Artemis drops it, see {@code BrokerRelay}). */
    public boolean nackRequeues() {
        return nackRequeues;
    }

    /** Whether the server delivers in this JVM, so that a publish can count the subscribers that got it. */
    public boolean inMemory() {
        return starter == null;
    }

    /**
     * Builds {@code server} with its broker destinations in this broker (started now if it is not yet), once it
     * can reach the broker.
     */
    public StompServer start(StompServer.Builder server) throws Exception {
        StompServer started = use(server).build();
        started.brokerAvailable().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return started;
    }

    /**
     * Stops the external broker, waits until each of {@code servers} has seen it go (they then refuse what would
     * need the broker), and starts it again (see {@link ExternalBroker#start}).
     */
    public synchronized void restart(List<StompServer> servers) throws Exception {
        running.stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (StompServer server : servers) {
            while (server.brokerAvailable().toCompletableFuture().isDone()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("a server did not notice the broker stop");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
        running.start();
    }

    private synchronized StompServer.Builder use(StompServer.Builder server) throws Exception {
        if (starter == null) {
            return server;
        }
        Function<Integer, BrokerRelay.Builder> relay = this == ARTEMIS
                ? port -> BrokerRelay.artemis("127.0.0.1", port)
                : port -> BrokerRelay.rabbitMq("127.0.0.1", port);
        return server.brokerRelay(relay.apply(port()).login(ExternalBroker.LOGIN)
                .passcode(ExternalBroker.PASSCODE).build());
    }

    /** The external broker's STOMP port, started now if it is not yet. */
    public synchronized int port() throws Exception {
        if (starter == null) {
            throw new IllegalStateException("the in-memory broker has no port");
        }
        if (running == null) {
            ExternalBroker started = starter.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    System.err.println("Stopping the test broker failed: " + e);
                }
            }, "stop-" + name()));
            running = started;
        }
        return running.port();
    }
}
