package dev.sockjs.stomp.relay;

import dev.sockjs.stomp.broker.BrokerMessage;
import dev.sockjs.stomp.broker.DestinationPattern;
import dev.sockjs.stomp.broker.MessageBroker;
import dev.sockjs.stomp.broker.MessageRefusedException;
import dev.sockjs.stomp.broker.Subscriber;
import dev.sockjs.stomp.broker.SubscriptionRegistry;
import dev.sockjs.stomp.frame.StompCommand;
import dev.sockjs.stomp.frame.StompFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageBroker} that is an external STOMP broker, reached over one {@link BrokerLink} per node whatever
 * the number of clients. A topic is subscribed at the broker once per node, while this node has a subscriber to it
 * (reference-counted), and each message the broker sends for it is fanned out to the local subscribers. Published
 * messages go to the broker. When the link drops, clients stay connected: the relay reconnects with backoff and
 * subscribes again to every topic it had; what was published meanwhile is lost for topics, and publishing is
 * refused while the broker cannot be reached.
 *
 * <p>A queue subscription is one broker subscription with {@code client-individual} acknowledgements, so that the
 * broker's queue semantics hold across nodes: each message goes to one consumer, and what a consumer did not accept
 * (it left first; a NACK too where the broker requeues, see {@link BrokerDialect}) goes to another. A subscriber
 * that does not acknowledge accepts what it takes at once.
 * Wildcard subscriptions are refused with a message saying so.
 */
public final class RelayBroker implements MessageBroker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayBroker.class);
    /** The broker's per-delivery headers, which the relay's own MESSAGE frames to clients replace. */
    private static final Set<String> NOT_FORWARDED = Set.of("subscription", "message-id", "destination",
            "content-length", "content-type", "ack", "receipt");
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final BrokerLink.Settings settings;
    private final BrokerDialect dialect;
    private final Predicate<String> pointToPoint;
    private final UnaryOperator<String> toBroker;
    private final ScheduledExecutorService connector;
    private final SubscriptionRegistry local = new SubscriptionRegistry();
    private final AtomicLong messagesFromBroker = new AtomicLong();
    /** The topics by the id of their broker subscription: read by the link's reader, so without the lock. */
    private final ConcurrentHashMap<String, Topic> topicsById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Consumer> consumersById = new ConcurrentHashMap<>();
    /** Keyed by the message object the relay made for the delivery (identity: messages have no equality). */
    private final ConcurrentHashMap<BrokerMessage, Unsettled> unsettled = new ConcurrentHashMap<>();

    // Guarded by this.
    private final Map<String, Topic> topics = new HashMap<>();
    private final Map<Subscriber, Consumer> consumers = new HashMap<>();
    private long nextId;
    private BrokerLink link;
    /** The listener of the link in use: a late loss reported by an earlier link is not this one's. */
    private LinkListener current;
    private boolean connecting;
    private CompletableFuture<Void> connected = new CompletableFuture<>();
    private Duration retry = FIRST_RETRY;
    private boolean closed;
    /** The broker's receipt for the last subscription change sent. */
    private CompletableFuture<Void> lastChange = CompletableFuture.completedFuture(null);

    /** A local subscriber to a queue, subscribed at the broker under {@code id}. */
    private record Consumer(String id, Subscriber subscriber) {
    }

    /** A queue message delivered to a consumer that acknowledges: how to settle it at the broker. */
    private record Unsettled(Consumer consumer, String ackId, BrokerLink link) {
    }

    /** A topic this node has subscribers to, subscribed at the broker under {@code id}. */
    private static final class Topic {
        final String id;
        final String destination;
        int subscribers;

        Topic(String id, String destination) {
            this.id = id;
            this.destination = destination;
        }
    }

    /**
     * @param pointToPoint which of the server's destinations are queues
     * @param toBroker the broker's name for one of the server's destinations
     */
    public RelayBroker(BrokerLink.Settings settings, BrokerDialect dialect, Predicate<String> pointToPoint,
            UnaryOperator<String> toBroker) {
        this.settings = settings;
        this.dialect = dialect;
        this.pointToPoint = pointToPoint;
        this.toBroker = toBroker;
        this.connector = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sockjs-broker-relay-connector");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** What one link tells the relay. */
    private final class LinkListener implements BrokerLink.Listener {
        @Override
        public void message(StompFrame message) {
            fanOut(message);
        }

        @Override
        public void lost(String reason) {
            linkLost(this);
        }
    }

    /** Starts connecting; {@link #connected} tells when the link is up. */
    public synchronized RelayBroker start() {
        scheduleConnect(Duration.ZERO);
        return this;
    }

    /** Call holding the lock: one connection attempt at a time. */
    private void scheduleConnect(Duration wait) {
        if (closed || connecting) {
            return;
        }
        connecting = true;
        if (connected.isDone()) {
            connected = new CompletableFuture<>();
        }
        connector.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes when the link is up: now, or after the connection under way. */
    public synchronized CompletableFuture<Void> connected() {
        return connected;
    }

    /** Completes once the broker has taken the last subscription change (or fails if the link ended first). */
    public synchronized CompletableFuture<Void> lastChange() {
        return lastChange;
    }

    /** How many MESSAGE frames the broker sent this node (one per topic message, whatever its local fan-out). */
    long messagesFromBroker() {
        return messagesFromBroker.get();
    }

    private void connect() {
        LinkListener listener = new LinkListener();
        BrokerLink opened = null;
        String failure;
        try {
            opened = BrokerLink.open(settings, listener);
            failure = null;
        } catch (IOException e) {
            failure = e.getMessage();
        }
        CompletableFuture<Void> up;
        synchronized (this) {
            connecting = false;
            if (closed) {
                if (opened != null) {
                    opened.close();
                }
                return;
            }
            if (opened == null || !opened.isOpen()) {
                Duration wait = retry;
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                LOG.warn("Cannot reach the message broker at {}:{} ({}); trying again in {} ms", settings.host(),
                        settings.port(), failure == null ? "lost at once" : failure, wait.toMillis());
                scheduleConnect(wait);
                return;
            }
            link = opened;
            current = listener;
            retry = FIRST_RETRY;
            for (Topic topic : topics.values()) {
                lastChange = opened.sendWithReceipt(subscribe(topic.id, toBroker.apply(topic.destination), "auto"));
            }
            for (Consumer consumer : consumers.values()) {
                lastChange = opened.sendWithReceipt(subscribe(consumer.id(),
                        toBroker.apply(consumer.subscriber().destination()), "client-individual"));
            }
            up = connected;
        }
        up.complete(null);
    }

    /** What was delivered on the lost link and not settled is the broker's again: it redelivers it. */
    private synchronized void linkLost(LinkListener listener) {
        if (listener != current) {
            return;
        }
        current = null;
        link = null;
        unsettled.clear();
        scheduleConnect(Duration.ZERO);
    }

    private static StompFrame.Builder subscribe(String id, String destination, String ack) {
        return StompFrame.builder(StompCommand.SUBSCRIBE).header("id", id).header("destination", destination)
                .header("ack", ack);
    }

    @Override
    public int publish(BrokerMessage message) throws MessageRefusedException {
        BrokerLink current;
        synchronized (this) {
            current = link;
        }
        if (current == null) {
            throw new MessageRefusedException("The message broker cannot be reached; the message was not sent");
        }
        String destination = brokerDestination(message.destination());
        StompFrame.Builder send = StompFrame.builder(StompCommand.SEND)
                .header("destination", destination)
                .header("content-type", message.contentType());
        List<String> headers = message.headers();
        for (int i = 0; i < headers.size(); i += 2) {
            send.header(headers.get(i), headers.get(i + 1));
        }
        if (!current.send(send.body(message.body()).build())) {
            throw new MessageRefusedException("The message broker is too far behind; the message was not sent");
        }
        return 0;
    }

    /** The broker's name for one of the server's destinations, refused here if the broker would not take it. */
    private String brokerDestination(String destination) throws MessageRefusedException {
        String name = toBroker.apply(destination);
        String refusal = dialect.refusal(name);
        if (refusal != null) {
            throw new MessageRefusedException(refusal);
        }
        return name;
    }

    @Override
    public void subscribe(Subscriber subscriber) throws MessageRefusedException {
        String destination = subscriber.destination();
        if (DestinationPattern.isPattern(destination)) {
            throw new MessageRefusedException("Wildcard subscriptions are not relayed to the message broker: "
                    + destination);
        }
        String brokerName = brokerDestination(destination);
        if (pointToPoint.test(destination)) {
            synchronized (this) {
                Consumer consumer = new Consumer("q" + (++nextId), subscriber);
                consumers.put(subscriber, consumer);
                consumersById.put(consumer.id(), consumer);
                sendOrReconnect(subscribe(consumer.id(), brokerName, "client-individual"));
            }
            return;
        }
        local.add(subscriber);
        synchronized (this) {
            Topic topic = topics.get(destination);
            if (topic == null) {
                topic = new Topic("t" + (++nextId), destination);
                topics.put(destination, topic);
                topicsById.put(topic.id, topic);
                sendOrReconnect(subscribe(topic.id, brokerName, "auto"));
            }
            topic.subscribers++;
        }
    }

    /** A consumer that leaves gives back what it had not settled first, for the broker's other consumers. */
    @Override
    public void unsubscribe(Subscriber subscriber) {
        synchronized (this) {
            Consumer consumer = consumers.remove(subscriber);
            if (consumer != null) {
                consumersById.remove(consumer.id());
                unsettled.forEach((message, delivery) -> {
                    if (delivery.consumer() == consumer && unsettled.remove(message, delivery)
                            && dialect.nackRequeues()) {
                        acknowledge(delivery.link(), delivery.ackId(), false);
                    }
                });
                sendOrReconnect(StompFrame.builder(StompCommand.UNSUBSCRIBE).header("id", consumer.id()));
                return;
            }
        }
        local.remove(subscriber);
        synchronized (this) {
            Topic topic = topics.get(subscriber.destination());
            if (topic == null || --topic.subscribers > 0) {
                return;
            }
            topics.remove(topic.destination);
            topicsById.remove(topic.id);
            sendOrReconnect(StompFrame.builder(StompCommand.UNSUBSCRIBE).header("id", topic.id));
        }
    }

    /**
     * A subscription change that cannot be queued (a broker far behind) would leave the broker's subscriptions
     * wrong: the link is dropped instead, and the next one subscribes to what is current. Call holding the lock.
     */
    private void sendOrReconnect(StompFrame.Builder frame) {
        if (link == null) {
            return;
        }
        lastChange = link.sendWithReceipt(frame);
        if (lastChange.isCompletedExceptionally()) {
            LOG.warn("The message broker link is down or too far behind ({} bytes wait); reconnecting",
                    link.queuedBytes());
            BrokerLink behind = link;
            link = null;
            current = null;
            behind.close();
            scheduleConnect(Duration.ZERO);
        }
    }

    /** Settles a queue message at the broker, on the link that delivered it; a topic's needs nothing. */
    @Override
    public void settle(BrokerMessage message, boolean accepted) {
        Unsettled delivery = unsettled.remove(message);
        if (delivery != null) {
            acknowledge(delivery.link(), delivery.ackId(), accepted);
        }
    }

    /** A link that is gone took its deliveries with it: the broker gives them to another consumer. */
    private static void acknowledge(BrokerLink link, String ackId, boolean accepted) {
        link.send(StompFrame.builder(accepted ? StompCommand.ACK : StompCommand.NACK).header("id", ackId).build());
    }

    private void fanOut(StompFrame frame) {
        messagesFromBroker.incrementAndGet();
        String subscription = String.valueOf(frame.header("subscription"));
        Topic topic = topicsById.get(subscription);
        if (topic != null) {
            BrokerMessage message = new BrokerMessage(topic.destination, frame.header("content-type"),
                    forwarded(frame), frame.body());
            for (Subscriber subscriber : local.match(topic.destination)) {
                subscriber.deliver(message);
            }
            return;
        }
        String ackId = frame.header("ack");
        BrokerLink from;
        synchronized (this) {
            from = link;
        }
        if (ackId == null || from == null) {
            return;
        }
        Consumer consumer = consumersById.get(subscription);
        if (consumer == null) {
            // Its consumer left while the broker was sending it. Settling it now would name a subscription the
            // broker may already have ended, which both brokers answer with an ERROR that ends the link; left
            // alone, Artemis redelivers it as the subscription ends, RabbitMQ once this link ends.
            return;
        }
        BrokerMessage message = new BrokerMessage(consumer.subscriber().destination(), frame.header("content-type"),
                forwarded(frame), frame.body());
        if (!consumer.subscriber().acknowledges()) {
            acknowledge(from, ackId, consumer.subscriber().deliver(message));
            return;
        }
        unsettled.put(message, new Unsettled(consumer, ackId, from));
        if (!consumer.subscriber().deliver(message) && unsettled.remove(message) != null) {
            acknowledge(from, ackId, false);
        }
    }

    private static List<String> forwarded(StompFrame frame) {
        List<String> headers = frame.headerList();
        List<String> forwarded = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i += 2) {
            if (!NOT_FORWARDED.contains(headers.get(i))) {
                forwarded.add(headers.get(i));
                forwarded.add(headers.get(i + 1));
            }
        }
        return forwarded;
    }

    /** Ends the link; the relay relays nothing more. */
    @Override
    public void close() {
        BrokerLink current;
        synchronized (this) {
            closed = true;
            current = link;
            link = null;
        }
        connector.shutdownNow();
        if (current != null) {
            current.close();
        }
    }
}
