package dev.sockjs.stomp;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.stomp.broker.BrokerMessage;
import dev.sockjs.stomp.broker.DestinationPattern;
import dev.sockjs.stomp.broker.InMemoryBroker;
import dev.sockjs.stomp.broker.MessageBroker;
import dev.sockjs.stomp.broker.MessageRefusedException;
import dev.sockjs.stomp.frame.StompDecoder;
import dev.sockjs.stomp.relay.BrokerLink;
import dev.sockjs.stomp.relay.RelayBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A STOMP 1.0-1.2 server over SockJS, with an in-memory broker. It is the {@link SockJsHandler} of a SockJS
 * service:
 *
 * <pre>{@code
 * StompServer stomp = StompServer.builder()
 *     .applicationPrefixes("/app")
 *     .brokerPrefixes("/topic", "/queue")
 *     .handle("/app/chat/{room}", (message, context) ->
 *         context.publisher().publish("/topic/chat." + message.variables().get("room"), message.text()))
 *     .build();
 * SockJsServlet.register(servletContext, "/stomp", stomp, SockJsOptions.defaults());
 * }</pre>
 *
 * <p>Clients SEND to application destinations (handled by the registered handlers) or straight to broker
 * destinations, and SUBSCRIBE to broker destinations, to wildcard patterns of them ({@code /topic/stocks.*}), or
 * to user destinations ({@code /user/queue/notes}, private to each user). Broker destinations under a
 * point-to-point prefix are queues: each message goes to one subscriber. Anything else a client sends gets an
 * ERROR frame, after which its connection is closed; other clients are not affected. Thread-safe.
 */
public final class StompServer implements SockJsHandler, StompPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StompServer.class);
    private static final String CONNECTION = StompServer.class.getName() + ".connection";

    final List<String> applicationPrefixes;
    final List<String> brokerPrefixes;
    final List<String> pointToPointPrefixes;
    final String userPrefix;
    final HandlerRoutes routes;
    final StompInterceptor interceptor;
    final StompListener listener;
    final long heartbeatSendMillis;
    final long heartbeatReceiveMillis;
    final StompDecoder.Limits limits;
    final int maxSubscriptions;
    final long maxPendingChars;
    final int maxUnacked;
    final Transactions.Limits transactionLimits;
    final String serverName;
    final long connectTimeoutNanos;
    final long frameTimeoutNanos;
    final long maxPartialFrameBytes;
    /** What all connections' decoders hold of frames not yet complete. */
    final AtomicLong partialFrameBytes = new AtomicLong();
    final MessageBroker broker;
    private final Set<StompConnection> connections = ConcurrentHashMap.newKeySet();
    /** Connections that sent DISCONNECT and whose clients have yet to close their sessions. */
    private final Set<StompConnection> disconnecting = ConcurrentHashMap.newKeySet();
    final long disconnectLingerNanos;
    private final ScheduledExecutorService timer;
    private final boolean ownsTimer;
    private final ScheduledFuture<?> ticks;

    private StompServer(Builder b) {
        this.applicationPrefixes = List.copyOf(b.applicationPrefixes);
        this.brokerPrefixes = List.copyOf(b.brokerPrefixes);
        this.pointToPointPrefixes = List.copyOf(b.pointToPointPrefixes);
        this.userPrefix = b.userPrefix;
        this.routes = b.routes;
        this.interceptor = b.interceptor;
        this.listener = GuardedStompListener.of(b.listener);
        this.heartbeatSendMillis = b.heartbeatSend.toMillis();
        this.heartbeatReceiveMillis = b.heartbeatReceive.toMillis();
        this.limits = new StompDecoder.Limits(b.maxFrameBytes, b.maxHeaders, b.maxHeaderBytes);
        this.maxSubscriptions = b.maxSubscriptions;
        this.maxPendingChars = b.maxPendingChars;
        this.maxUnacked = b.maxUnacked;
        this.transactionLimits = new Transactions.Limits(b.maxTransactions, b.maxTransactionFrames,
                b.maxTransactionBytes, b.maxTransactionBytesTotal, new AtomicLong());
        this.serverName = b.serverName;
        this.connectTimeoutNanos = b.connectTimeout.toNanos();
        this.frameTimeoutNanos = b.frameTimeout.toNanos();
        this.maxPartialFrameBytes = b.maxPartialFrameBytes;
        this.disconnectLingerNanos = b.disconnectLinger.toNanos();
        this.broker = b.broker != null ? b.broker : b.relay == null
                ? new InMemoryBroker(d -> startsWithAny(d, pointToPointPrefixes),
                        new InMemoryBroker.Limits(b.maxQueueBacklog, b.maxQueueBacklogBytes, b.maxBacklogBytesTotal))
                : relayTo(b.relay);
        long shortest = minPositive(minPositive(minPositive(heartbeatSendMillis, heartbeatReceiveMillis),
                b.connectTimeout.toMillis()), minPositive(b.disconnectLinger.toMillis(), b.frameTimeout.toMillis()));
        this.ownsTimer = b.scheduler == null;
        this.timer = ownsTimer ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stomp-timer");
            t.setDaemon(true);
            return t;
        }) : b.scheduler;
        long tick = Math.max(10, Math.min(1000, shortest / 4));
        this.ticks = timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The relay to {@code relay}: user destinations travel as topics (brokers know topics and queues, not this
     * server's user destinations), everything else under its own name.
     */
    private RelayBroker relayTo(BrokerRelay relay) {
        BrokerLink.Settings link = new BrokerLink.Settings(relay.host, relay.port, relay.login, relay.passcode,
                relay.virtualHost, relay.heartbeat, relay.connectTimeout, relay.maxQueuedBytes,
                new StompDecoder.Limits(Math.max(limits.maxFrameBytes(), 1 << 20), 1000, 64 * 1024));
        return new RelayBroker(link, relay.dialect, relay.connections, d -> startsWithAny(d, pointToPointPrefixes),
                d -> isUserDestination(d) ? userTopic(d) : d).watch(new RelayBroker.LinkWatcher() {
                    @Override
                    public void up(String broker) {
                        listener.brokerLinkUp(broker);
                    }

                    @Override
                    public void down(String broker, String why) {
                        listener.brokerLinkDown(broker, why);
                    }
                }).start();
    }

    /**
     * A user destination as a broker topic: {@code /user/alice/queue/notes} is {@code /topic/user.alice.queue.notes}.
     * RabbitMQ takes no {@code /} in a topic's name, so segments are joined by {@code .}, and a {@code .} or
     * {@code %} of the destination itself is percent-encoded, so that two destinations never share a topic.
     */
    static String userTopic(String userDestination) {
        StringBuilder topic = new StringBuilder(userDestination.length() + 8).append("/topic/");
        for (int i = 1; i < userDestination.length(); i++) {
            char c = userDestination.charAt(i);
            switch (c) {
                case '/' -> topic.append('.');
                case '.' -> topic.append("%2E");
                case '%' -> topic.append("%25");
                default -> topic.append(c);
            }
        }
        return topic.toString();
    }

    // ---- SockJsHandler ----

    @Override
    public void onOpen(SockJsSession session) {
        StompConnection connection = new StompConnection(this, session);
        session.attributes().put(CONNECTION, connection);
        connections.add(connection);
    }

    @Override
    public void onMessage(SockJsSession session, String message) {
        StompConnection connection = (StompConnection) session.attributes().get(CONNECTION);
        if (connection != null) {
            connection.received(message);
        }
    }

    @Override
    public void onClose(SockJsSession session, int code, String reason) {
        StompConnection connection = (StompConnection) session.attributes().remove(CONNECTION);
        if (connection != null) {
            connection.ended();
        }
    }

    void disconnected(StompConnection connection) {
        connections.remove(connection);
    }

    void lingering(StompConnection connection) {
        disconnecting.add(connection);
    }

    void lingerOver(StompConnection connection) {
        disconnecting.remove(connection);
    }

    /**
     * Completes once the server can reach its broker: at once for the in-memory broker; with a broker relay, when
     * every connection to the broker is up. While one is down, clients' frames for its destinations are refused
     * with an ERROR, so a readiness check or a test waits on this first. A relay that loses a connection
     * answers a new stage from then on.
     */
    public CompletionStage<Void> brokerAvailable() {
        return broker instanceof RelayBroker relay ? relay.connected() : MessageBroker.CONFIRMED;
    }

    /** How many clients are connected, counting those that have not sent CONNECT yet. */
    public int connectionCount() {
        return connections.size();
    }

    private void tick() {
        long now = System.nanoTime();
        tick(connections, now);
        tick(disconnecting, now);
    }

    private static void tick(Set<StompConnection> connections, long now) {
        for (StompConnection connection : connections) {
            try {
                connection.tick(now);
            } catch (RuntimeException e) {
                LOG.warn("STOMP connection timer failed", e);
            }
        }
    }

    // ---- StompPublisher ----

    @Override
    public int publish(String destination, String contentType, byte[] body, Map<String, String> headers) {
        if (!isBrokerDestination(destination) || isPattern(destination)) {
            throw new IllegalArgumentException("Not a broker destination: " + destination);
        }
        checkSegments(destination);
        try {
            int delivered = broker.publish(new BrokerMessage(destination, contentType, flatten(headers), body));
            listener.messagePublished(destination);
            return delivered;
        } catch (MessageRefusedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public int sendToUser(String user, String destination, String contentType, byte[] body,
            Map<String, String> headers) {
        Objects.requireNonNull(user, "user");
        if (!destination.startsWith("/") || isPattern(destination)) {
            throw new IllegalArgumentException("Not a user destination: " + destination);
        }
        checkSegments(destination);
        return publishToUser(new BrokerMessage(userDestination(user, destination), contentType, flatten(headers),
                body));
    }

    /**
     * Subscribes the application to a topic, or a pattern of topics ({@code /topic/prices.*}): {@code listener} gets
     * every message published there, by clients or by the application and, through a broker relay, on any node,
     * from when {@link BrokerSubscription#ready()} completes. It runs on the thread that delivers (the publisher's,
     * or the relay's connection reader), so it must be quick and must not block. Through a relay whose broker cannot
     * be reached now, the subscription waits for it rather than fail.
     *
     * @throws IllegalArgumentException if {@code destination} is not a broker destination, is a queue (under a
     *     point-to-point prefix), or is a malformed pattern
     * @throws IllegalStateException if the broker refuses it (a relayed pattern it has no wildcard for)
     */
    public BrokerSubscription subscribe(String destination, Consumer<StompMessage> listener) {
        Objects.requireNonNull(listener, "listener");
        if (!isBrokerDestination(destination) || startsWithAny(destination, pointToPointPrefixes)) {
            throw new IllegalArgumentException("Not a topic: " + destination);
        }
        if (!DestinationPattern.isValid(destination)) {
            throw new IllegalArgumentException("A wildcard must be a whole segment (* or **): " + destination);
        }
        checkSegments(destination);
        try {
            return new BrokerSubscription(broker, destination, listener);
        } catch (MessageRefusedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * User destinations are topics to the broker: every session of the user gets the message, none waits. Only a
     * relay refuses one (its broker unreachable or too far behind).
     */
    int publishToUser(BrokerMessage message) {
        try {
            int delivered = broker.publish(message);
            listener.messagePublished(message.destination());
            return delivered;
        } catch (MessageRefusedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void checkSegments(String destination) {
        if (DestinationPattern.segmentCount(destination) > DestinationPattern.MAX_SEGMENTS) {
            throw new IllegalArgumentException("More than " + DestinationPattern.MAX_SEGMENTS
                    + " segments: " + destination);
        }
    }

    /**
     * Where a user's subscription to {@code /user/queue/x} lives: {@code /user/<user>/queue/x}, the name made one
     * segment without wildcards (see {@link #userSegment}) so that no name can reach another user's messages.
     */
    String userDestination(String user, String destination) {
        return userPrefix + "/" + userSegment(user) + destination;
    }

    /**
     * A user name as one literal segment: {@code %}, {@code *}, {@code /} and {@code .} percent-encoded, so that a
     * principal named {@code *} or {@code a/b} is a name and not a pattern or a path.
     */
    static String userSegment(String user) {
        int i = 0;
        while (i < user.length() && !needsEncoding(user.charAt(i))) {
            i++;
        }
        if (i == user.length()) {
            return user;
        }
        StringBuilder encoded = new StringBuilder(user.length() + 8).append(user, 0, i);
        for (; i < user.length(); i++) {
            char c = user.charAt(i);
            if (needsEncoding(c)) {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                encoded.append(c);
            }
        }
        return encoded.toString();
    }

    private static boolean needsEncoding(char c) {
        return c == '%' || c == '*' || c == '/' || c == '.';
    }

    boolean isBrokerDestination(String destination) {
        return startsWithAny(destination, brokerPrefixes);
    }

    boolean isApplicationDestination(String destination) {
        return startsWithAny(destination, applicationPrefixes);
    }

    boolean isUserDestination(String destination) {
        return destination.startsWith(userPrefix + "/");
    }

    static boolean isPattern(String destination) {
        return destination.indexOf('*') >= 0;
    }

    private static boolean startsWithAny(String destination, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (destination.startsWith(prefix) && (destination.length() == prefix.length()
                    || destination.charAt(prefix.length()) == '/' || prefix.endsWith("/"))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> flatten(Map<String, String> headers) {
        List<String> list = new ArrayList<>(headers.size() * 2);
        headers.forEach((name, value) -> {
            list.add(name);
            list.add(value);
        });
        return list;
    }

    static long minPositive(long a, long b) {
        if (a <= 0) {
            return Math.max(b, 0);
        }
        return b <= 0 ? a : Math.min(a, b);
    }

    /**
     * Stops the timers of heart-beats and timeouts (and the server's own timer thread, if the builder was given no
     * scheduler), and the broker relay's connection. Connections end with their SockJS sessions.
     */
    @Override
    public void close() {
        ticks.cancel(false);
        if (ownsTimer) {
            timer.shutdownNow();
        }
        if (broker instanceof RelayBroker relay) {
            relay.close();
        }
    }

    /** Validating builder of {@link StompServer}. */
    public static final class Builder {
        private List<String> applicationPrefixes = List.of("/app");
        private List<String> brokerPrefixes = List.of("/topic", "/queue");
        private List<String> pointToPointPrefixes = List.of("/queue");
        private String userPrefix = "/user";
        private final HandlerRoutes routes = new HandlerRoutes();
        private StompInterceptor interceptor = StompInterceptor.ALLOW_ALL;
        private StompListener listener = StompListener.NONE;
        private Duration heartbeatSend = Duration.ofSeconds(10);
        private Duration heartbeatReceive = Duration.ofSeconds(10);
        private int maxFrameBytes = 64 * 1024;
        private int maxHeaders = 64;
        private int maxHeaderBytes = 8 * 1024;
        private int maxSubscriptions = 1000;
        private long maxPendingChars = 512 * 1024;
        private int maxUnacked = 1000;
        private int maxTransactions = 16;
        private int maxTransactionFrames = 1000;
        private long maxTransactionBytes = 1L << 20;
        private long maxTransactionBytesTotal = 64L << 20;
        private int maxQueueBacklog = 1000;
        private long maxQueueBacklogBytes = 4L << 20;
        private long maxBacklogBytesTotal = 32L << 20;
        private String serverName = "sockjs-java-stomp/0.1";
        private Duration connectTimeout = Duration.ofSeconds(60);
        private Duration disconnectLinger = Duration.ofSeconds(5);
        private BrokerRelay relay;
        private MessageBroker broker;
        private Duration frameTimeout = Duration.ofSeconds(10);
        private long maxPartialFrameBytes = 64L << 20;
        private ScheduledExecutorService scheduler;

        private Builder() {
        }

        /**
         * Keeps the broker destinations in an external broker instead of in this JVM, so that several server nodes
         * share them (see {@link BrokerRelay}); the relay connects at once and keeps reconnecting while the broker
         * cannot be reached. Default: none, the in-memory broker (whose backlog limits do not apply to a relay).
         */
        public Builder brokerRelay(BrokerRelay relay) {
            this.relay = Objects.requireNonNull(relay, "relay");
            return this;
        }

        /** A broker of the caller's in place of the in-memory one or a relay: how this package's tests script one. */
        Builder broker(MessageBroker broker) {
            this.broker = Objects.requireNonNull(broker, "broker");
            return this;
        }

        /**
         * The scheduler that runs the server's heart-beats and timeouts, such as the one its SockJS services use
         * ({@code SockJsOptions.scheduler}); the server never shuts it down. Its tasks do not block, but a
         * connection that times out is closed there, so the session's {@code onClose} runs on it. Default: a
         * daemon thread of the server's own, stopped by {@link StompServer#close()}.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * How long, after a DISCONNECT, the server leaves the session for the client to close (as STOMP has it
         * do once it has the RECEIPT) before closing it itself. The broker forgets the connection at once. Default
         * 5 s.
         */
        public Builder disconnectLinger(Duration linger) {
            if (linger.isNegative()) {
                throw new IllegalArgumentException("disconnectLinger must not be negative, was " + linger);
            }
            this.disconnectLinger = linger;
            return this;
        }

        /** How long a new connection may take to send CONNECT before it gets an ERROR. Default 60 s. */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive, was " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * How long a client may take to complete a frame it has begun (one split over several SockJS messages)
         * before it gets an ERROR. Default 10 s.
         */
        public Builder frameTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("frameTimeout must be positive, was " + timeout);
            }
            this.frameTimeout = timeout;
            return this;
        }

        /**
         * The most bytes of incomplete frames (begun, not yet ended) the server holds for all clients together; a
         * client whose unfinished frame grows past it gets an ERROR. Default 64 MiB.
         */
        public Builder maxPartialFrameBytes(long total) {
            if (total <= 0) {
                throw new IllegalArgumentException("maxPartialFrameBytes must be positive, was " + total);
            }
            this.maxPartialFrameBytes = total;
            return this;
        }

        /** Destinations handled by application handlers. Default {@code /app}. */
        public Builder applicationPrefixes(String... prefixes) {
            this.applicationPrefixes = prefixes(prefixes);
            return this;
        }

        /** Destinations of the broker. Default {@code /topic} and {@code /queue}. */
        public Builder brokerPrefixes(String... prefixes) {
            this.brokerPrefixes = prefixes(prefixes);
            return this;
        }

        /** Broker destinations where each message goes to one subscriber. Default {@code /queue}. */
        public Builder pointToPointPrefixes(String... prefixes) {
            this.pointToPointPrefixes = prefixes(prefixes);
            return this;
        }

        /** The prefix of user destinations. Default {@code /user}. */
        public Builder userPrefix(String prefix) {
            this.userPrefix = prefixes(prefix).get(0);
            return this;
        }

        /**
         * Routes SENDs to {@code pattern}, which may hold variables such as {@code /app/chat/{room}}.
         *
         * @throws IllegalArgumentException unless the pattern is under an application prefix
         */
        public Builder handle(String pattern, StompMessageHandler handler) {
            Objects.requireNonNull(handler, "handler");
            if (!startsWithAny(pattern, applicationPrefixes)) {
                throw new IllegalArgumentException("Handler pattern " + pattern
                        + " is not under an application prefix " + applicationPrefixes
                        + " (set applicationPrefixes first)");
            }
            routes.add(pattern, handler);
            return this;
        }

        public Builder interceptor(StompInterceptor interceptor) {
            this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
            return this;
        }

        /** What hears the server's client and message events (default {@link StompListener#NONE}). */
        public Builder listener(StompListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The heart-beats the server offers: how often it can send one, and how often it wants one. Zero turns a
         * direction off. Default 10 s each. A client silent for twice the negotiated period is disconnected.
         */
        public Builder heartbeat(Duration send, Duration receive) {
            if (send.isNegative() || receive.isNegative()) {
                throw new IllegalArgumentException("heart-beat periods must not be negative");
            }
            this.heartbeatSend = send;
            this.heartbeatReceive = receive;
            return this;
        }

        /** The largest frame a client may send, in bytes. Default 64 KiB. */
        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = positive(bytes, "maxFrameBytes");
            return this;
        }

        /** The most headers in one frame. Default 64. */
        public Builder maxHeaders(int count) {
            this.maxHeaders = positive(count, "maxHeaders");
            return this;
        }

        /** The longest header line, in bytes. Default 8 KiB. */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = positive(bytes, "maxHeaderBytes");
            return this;
        }

        /** The most subscriptions one client may hold. Default 1000. */
        public Builder maxSubscriptions(int count) {
            this.maxSubscriptions = positive(count, "maxSubscriptions");
            return this;
        }

        /**
         * How many characters may wait for a client before it counts as a slow consumer and is disconnected with
         * an ERROR. Keep it below the SockJS service's {@code maxQueuedChars}. Default 524,288.
         */
        public Builder maxPendingChars(long chars) {
            if (chars <= 0) {
                throw new IllegalArgumentException("maxPendingChars must be positive, was " + chars);
            }
            this.maxPendingChars = chars;
            return this;
        }

        /** The most messages one client may leave unacknowledged (client ack modes). Default 1000. */
        public Builder maxUnacked(int count) {
            this.maxUnacked = positive(count, "maxUnacked");
            return this;
        }

        /** The most open transactions per client, and frames per transaction. Default 16 and 1000. */
        public Builder maxTransactions(int transactions, int framesEach) {
            this.maxTransactions = positive(transactions, "maxTransactions");
            this.maxTransactionFrames = positive(framesEach, "maxTransactionFrames");
            return this;
        }

        /**
         * The most bytes (bodies and headers) one client's open transactions may buffer, and all clients'
         * together; a frame past either gets its sender an ERROR. Default 1 MiB and 64 MiB.
         */
        public Builder maxTransactionBytes(long perClient, long total) {
            if (perClient <= 0 || total < perClient) {
                throw new IllegalArgumentException("maxTransactionBytes must be positive and the total at least "
                        + "one client's, was " + perClient + " and " + total);
            }
            this.maxTransactionBytes = perClient;
            this.maxTransactionBytesTotal = total;
            return this;
        }

        /**
         * The most messages a queue keeps while nobody can take them. A message past it is refused: its sender
         * gets an ERROR (or {@link StompPublisher#publish} an {@code IllegalStateException}) and nothing queued is
         * dropped. Default 1000.
         */
        public Builder maxQueueBacklog(int messages) {
            this.maxQueueBacklog = positive(messages, "maxQueueBacklog");
            return this;
        }

        /**
         * The most bytes (bodies and headers) one queue keeps while nobody can take them, and all queues together;
         * past either, messages are refused as past {@link #maxQueueBacklog}. Default 4 MiB and 32 MiB.
         */
        public Builder maxQueueBacklogBytes(long perQueue, long total) {
            if (perQueue <= 0 || total < perQueue) {
                throw new IllegalArgumentException("maxQueueBacklogBytes must be positive and the total at least "
                        + "one queue's, was " + perQueue + " and " + total);
            }
            this.maxQueueBacklogBytes = perQueue;
            this.maxBacklogBytesTotal = total;
            return this;
        }

        /** The {@code server} header of CONNECTED frames. */
        public Builder serverName(String name) {
            this.serverName = Objects.requireNonNull(name, "serverName");
            return this;
        }

        /** @throws IllegalArgumentException if application and broker prefixes overlap */
        public StompServer build() {
            for (String app : applicationPrefixes) {
                for (String brokerPrefix : brokerPrefixes) {
                    if (app.startsWith(brokerPrefix) || brokerPrefix.startsWith(app)) {
                        throw new IllegalArgumentException("Application prefix " + app
                                + " overlaps broker prefix " + brokerPrefix);
                    }
                }
            }
            return new StompServer(this);
        }

        private static List<String> prefixes(String... prefixes) {
            if (prefixes.length == 0) {
                throw new IllegalArgumentException("at least one prefix is needed");
            }
            List<String> list = new ArrayList<>();
            for (String prefix : prefixes) {
                if (prefix == null || !prefix.startsWith("/") || prefix.length() < 2 || prefix.endsWith("/")
                        || isPattern(prefix)) {
                    throw new IllegalArgumentException("A prefix starts with '/', does not end with one and has no"
                            + " wildcard: " + prefix);
                }
                list.add(prefix);
            }
            return list;
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
