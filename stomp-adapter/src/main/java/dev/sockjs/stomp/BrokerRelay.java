package dev.sockjs.stomp;

import dev.sockjs.stomp.relay.BrokerDialect;
import java.time.Duration;
import java.util.Objects;

/**
 * An external STOMP broker that the server's broker destinations live in, so that several server nodes behind a
 * balancer share one message bus: {@code StompServer.builder().brokerRelay(BrokerRelay.rabbitMq("127.0.0.1",
 * 61613).login("guest").passcode("guest").build())}. Each node keeps a fixed few connections to the broker
 * ({@link Builder#connections}) whatever the number of its clients; a topic is subscribed there once per node.
 * Immutable.
 *
 * <p>The broker must know the server's destinations: {@code /topic/...} as topics and {@code /queue/...} as
 * queues, as RabbitMQ's STOMP plugin does out of the box and ActiveMQ Artemis does with
 * {@code anycastPrefix=/queue/;multicastPrefix=/topic/} on its STOMP acceptor. User destinations travel as topics:
 * {@code /user/alice/queue/notes} as {@code /topic/user.alice.queue.notes}.
 */
public final class BrokerRelay {

    final BrokerDialect dialect;
    final String host;
    final int port;
    final String login;
    final String passcode;
    final String virtualHost;
    final Duration heartbeat;
    final Duration connectTimeout;
    final long maxQueuedBytes;
    final int connections;

    private BrokerRelay(Builder b) {
        this.dialect = b.dialect;
        this.host = b.host;
        this.port = b.port;
        this.login = b.login;
        this.passcode = b.passcode;
        this.virtualHost = b.virtualHost;
        this.heartbeat = b.heartbeat;
        this.connectTimeout = b.connectTimeout;
        this.maxQueuedBytes = b.maxQueuedBytes;
        this.connections = b.connections;
    }

    /** RabbitMQ with its STOMP plugin (a NACKed queue message goes back to its queue). */
    public static Builder rabbitMq(String host, int port) {
        return new Builder(BrokerDialect.RABBITMQ, host, port);
    }

    /** ActiveMQ Artemis (a NACKed message is dropped, or moved to the dead-letter address if one is set). */
    public static Builder artemis(String host, int port) {
        return new Builder(BrokerDialect.ARTEMIS, host, port);
    }

    @Override
    public String toString() {
        return dialect + " at " + host + ":" + port;
    }

    /** Validating builder of {@link BrokerRelay}. */
    public static final class Builder {
        private final BrokerDialect dialect;
        private final String host;
        private final int port;
        private String login;
        private String passcode;
        private String virtualHost = "/";
        private Duration heartbeat = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private long maxQueuedBytes = 16L << 20;
        private int connections = 2;

        private Builder(BrokerDialect dialect, String host, int port) {
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 1-65535, was " + port);
            }
            this.dialect = dialect;
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
        }

        /** The broker's user; none by default. */
        public Builder login(String login) {
            this.login = login;
            return this;
        }

        public Builder passcode(String passcode) {
            this.passcode = passcode;
            return this;
        }

        /** The CONNECT frame's {@code host} header: RabbitMQ's virtual host. Default {@code /}. */
        public Builder virtualHost(String virtualHost) {
            this.virtualHost = Objects.requireNonNull(virtualHost, "virtualHost");
            return this;
        }

        /** How often each side sends a heart-beat on the broker connection (0: none). Default 10 s. */
        public Builder heartbeat(Duration every) {
            if (every.isNegative()) {
                throw new IllegalArgumentException("heartbeat must not be negative, was " + every);
            }
            this.heartbeat = every;
            return this;
        }

        /** How long connecting and logging in may take before the relay tries again. Default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive, was " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * How many bytes may wait to go out to a broker that does not keep up; past that, a client's SEND is
         * refused with an ERROR. Default 16 MiB.
         */
        public Builder maxQueuedBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxQueuedBytes must be positive, was " + bytes);
            }
            this.maxQueuedBytes = bytes;
            return this;
        }

        /**
         * How many connections each node keeps to the broker, whatever its number of clients (1-64). Each
         * destination uses one of them, so two links double what one node can move without reordering a
         * destination's messages. Default 2.
         */
        public Builder connections(int connections) {
            if (connections < 1 || connections > 64) {
                throw new IllegalArgumentException("connections must be 1-64, was " + connections);
            }
            this.connections = connections;
            return this;
        }

        public BrokerRelay build() {
            return new BrokerRelay(this);
        }
    }
}
