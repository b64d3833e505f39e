package dev.sockjs.stomp.relay;

import dev.sockjs.stomp.broker.BrokerMessage;
import dev.sockjs.stomp.broker.DestinationPattern;
import dev.sockjs.stomp.broker.MessageBroker;
import dev.sockjs.stomp.broker.MessageRefusedException;
import dev.sockjs.stomp.broker.Subscriber;
import dev.sockjs.stomp.frame.StompCommand;
import dev.sockjs.stomp.frame.StompFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageBroker} that is an external STOMP broker, reached over a small fixed number of
 * {@link BrokerLink}s per node whatever the number of clients. Each destination has its link (by its hash), so
 * everything about one destination stays in order. A topic is subscribed at the broker once per node, while this
 * node has a subscriber to it (reference-counted), and each message the broker sends for it is fanned out to the
 * local subscribers. Published messages go to the broker. When a link drops, clients stay connected: the relay
 * reconnects with backoff and subscribes again to everything the link carried; what was published to its topics
 * meanwhile is lost, and publishing and subscribing on it are refused while the broker cannot be reached.
 *
 * <p>A queue subscription is one broker subscription with {@code client-individual} acknowledgements, so that the
 * broker's queue semantics hold across nodes: each message goes to one consumer, and what a consumer did not accept
 * (it left first; a NACK too where the broker requeues, see {@link BrokerDialect}) goes to another. A subscriber
 * that does not acknowledge accepts what it takes at once.
 * A wildcard subscription to topics is the broker's own (see {@link BrokerDialect#pattern}); one to queues, or one
 * the broker cannot express, is refused with a message saying why.
 */
public final class RelayBroker implements MessageBroker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayBroker.class);
    /** The broker's per-delivery headers, which the relay's own MESSAGE frames to clients replace. */
    private static final Set<String> NOT_FORWARDED = Set.of("subscription", "message-id", "destination",
            "content-length", "content-type", "ack", "receipt");
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);
    private static final String UNREACHABLE = "The message broker cannot be reached";

    private final BrokerLink.Settings settings;
    private final BrokerDialect dialect;
    private final Predicate<String> pointToPoint;
    private final UnaryOperator<String> toBroker;
    private final ScheduledExecutorService connector;
    private final Slot[] slots;
    /** The topics by the id of their broker subscription: read by the links' readers, so without the lock. */
    private final ConcurrentHashMap<String, Topic> topicsById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Consumer> consumersById = new ConcurrentHashMap<>();
    /** Consumers that left, until the broker confirms their UNSUBSCRIBE. */
    private final ConcurrentHashMap<String, Consumer> leavingById = new ConcurrentHashMap<>();
    /** Keyed by the message object the relay made for the delivery (identity: messages have no equality). */
    private final ConcurrentHashMap<BrokerMessage, Unsettled> unsettled = new ConcurrentHashMap<>();

    /** Told of each link coming up and going down. */
    private volatile LinkWatcher watcher = LinkWatcher.NONE;

    // Guarded by this.
    private final Map<String, Topic> topics = new HashMap<>();
    private final Map<Subscriber, Consumer> consumers = new HashMap<>();
    private long nextId;
    private boolean closed;

    /** A local subscriber to a queue, subscribed at the broker under {@code id} on {@code slot}'s link. */
    private static final class Consumer {
        final String id;
        final Subscriber subscriber;
        final Slot slot;
        /** Deliveries it held when it left, or that arrived as it left: it cannot settle them any more. */
        final AtomicInteger stranded = new AtomicInteger();

        Consumer(String id, Subscriber subscriber, Slot slot) {
            this.id = id;
            this.subscriber = subscriber;
            this.slot = slot;
        }
    }

    /** A queue message delivered to a consumer that acknowledges: how to settle it at the broker. */
    private record Unsettled(Consumer consumer, String ackId, BrokerLink link) {
    }

    /**
     * A topic (or a pattern of topics) this node has subscribers to, subscribed at the broker under {@code id} on
     * {@code slot}'s link.
     */
    private static final class Topic {
        final String id;
        final String destination;
        final String brokerName;
        final Slot slot;
        /** Copied on write, under the relay's lock: the links' readers fan out without it. */
        volatile Subscriber[] subscribers = {};
        /** The broker's receipt for the subscription. */
        CompletionStage<Void> subscribed;

        Topic(String id, String destination, String brokerName, Slot slot) {
            this.id = id;
            this.destination = destination;
            this.brokerName = brokerName;
            this.slot = slot;
        }

        boolean isPattern() {
            return DestinationPattern.isPattern(destination);
        }
    }

    /**
     * @param links how many connections to the broker this node keeps
     * @param pointToPoint which of the server's destinations are queues
     * @param toBroker the broker's name for one of the server's destinations
     */
    public RelayBroker(BrokerLink.Settings settings, BrokerDialect dialect, int links, Predicate<String> pointToPoint,
            UnaryOperator<String> toBroker) {
        if (links < 1) {
            throw new IllegalArgumentException("links must be at least 1, was " + links);
        }
        this.settings = settings;
        this.dialect = dialect;
        this.pointToPoint = pointToPoint;
        this.toBroker = toBroker;
        this.connector = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sockjs-broker-relay-connector");
            thread.setDaemon(true);
            return thread;
        });
        this.slots = new Slot[links];
        for (int i = 0; i < links; i++) {
            slots[i] = new Slot();
        }
    }

    /**
     * What hears of the links: called on the connecting thread or a link's reader, possibly holding the relay's
     * lock, so it must be quick and must not call the relay.
     */
    public interface LinkWatcher {
        LinkWatcher NONE = new LinkWatcher() {
            @Override
            public void up(String broker) {
            }

            @Override
            public void down(String broker, String why) {
            }
        };

        /** A link to {@code broker} (host:port) is up, the node's subscriptions on it sent again. */
        void up(String broker);

        /** A link that was up is gone. */
        void down(String broker, String why);
    }

    /** Sets what hears of the links; call before {@link #start}. */
    public RelayBroker watch(LinkWatcher watcher) {
        this.watcher = Objects.requireNonNull(watcher, "watcher");
        return this;
    }

    private String broker() {
        return settings.host() + ":" + settings.port();
    }

    /** Starts connecting every link; {@link #connected} tells when they are up. */
    public synchronized RelayBroker start() {
        for (Slot slot : slots) {
            slot.scheduleConnect(Duration.ZERO);
        }
        return this;
    }

    /**
     * Completes when every link is up with the broker holding this node's subscriptions: now, or after the
     * connections under way.
     */
    public synchronized CompletableFuture<Void> connected() {
        CompletableFuture<?>[] all = new CompletableFuture<?>[slots.length];
        for (int i = 0; i < slots.length; i++) {
            all[i] = slots[i].connected;
        }
        return CompletableFuture.allOf(all);
    }

    /** Completes once the broker has taken the last subscription change on every link (or one of them ended). */
    public synchronized CompletableFuture<Void> lastChange() {
        CompletableFuture<?>[] all = new CompletableFuture<?>[slots.length];
        for (int i = 0; i < slots.length; i++) {
            all[i] = slots[i].lastChange;
        }
        return CompletableFuture.allOf(all);
    }

    /** How many links are up. */
    int linksUp() {
        int up = 0;
        for (Slot slot : slots) {
            up += slot.link != null ? 1 : 0;
        }
        return up;
    }

    private Slot slotOf(String destination) {
        return slots[Math.floorMod(destination.hashCode(), slots.length)];
    }

    /**
     * One of the node's connections to the broker, with the destinations that hash to it. Its state is guarded by
     * the relay's lock, except {@link #link}, which publishing reads without it.
     */
    private final class Slot {
        volatile BrokerLink link;
        /** The listener of the link in use: a late loss reported by an earlier link is not this one's. */
        LinkListener current;
        boolean connecting;
        CompletableFuture<Void> connected = new CompletableFuture<>();
        Duration retry = FIRST_RETRY;
        /** Why the last attempt to connect failed, for the clients refused meanwhile; read without the lock. */
        volatile String failure = "not connected yet";
        /** The broker's receipt for the last subscription change sent on this link. */
        CompletableFuture<Void> lastChange = CompletableFuture.completedFuture(null);

        /** Why nothing can go to the broker over this link now. */
        String unreachable() {
            return UNREACHABLE + " (" + failure + ")";
        }

        /** Call holding the lock: one connection attempt at a time. */
        void scheduleConnect(Duration wait) {
            if (closed || connecting) {
                return;
            }
            connecting = true;
            if (connected.isDone()) {
                connected = new CompletableFuture<>();
            }
            connector.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void connect() {
            LinkListener listener = new LinkListener(this);
            BrokerLink opened = null;
            IOException failed = null;
            try {
                opened = BrokerLink.open(settings, listener);
            } catch (IOException e) {
                failed = e;
            }
            CompletableFuture<Void> up;
            List<CompletableFuture<Void>> resubscribed = new ArrayList<>();
            synchronized (RelayBroker.this) {
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
                    failure = failed == null ? "the connection was lost at once" : failed.getMessage();
                    if (failed instanceof BrokerLink.Refused) {
                        LOG.error("The message broker at {}:{} refused the relay ({}): check the relay's login, "
                                + "passcode and virtual host; trying again in {} ms", settings.host(),
                                settings.port(), failure, wait.toMillis());
                    } else {
                        LOG.warn("Cannot reach the message broker at {}:{} ({}); trying again in {} ms",
                                settings.host(), settings.port(), failure, wait.toMillis());
                    }
                    scheduleConnect(wait);
                    return;
                }
                link = opened;
                current = listener;
                listener.link = opened;
                retry = FIRST_RETRY;
                for (Topic topic : topics.values()) {
                    if (topic.slot == this) {
                        topic.subscribed = lastChange = opened.sendWithReceipt(
                                subscribe(topic.id, topic.brokerName, "auto"));
                        resubscribed.add(lastChange);
                    }
                }
                for (Consumer consumer : consumers.values()) {
                    if (consumer.slot == this) {
                        lastChange = opened.sendWithReceipt(subscribe(consumer.id,
                                toBroker.apply(consumer.subscriber.destination()), "client-individual"));
                        resubscribed.add(lastChange);
                    }
                }
                up = connected;
            }
            watcher.up(broker());
            // Up once the broker has the subscriptions again; if the link fails first, the next one completes it.
            CompletableFuture.allOf(resubscribed.toArray(CompletableFuture<?>[]::new)).thenRun(() -> up.complete(null));
        }

        /** What was delivered on the lost link and not settled is the broker's again: it redelivers it. */
        void lost(LinkListener listener) {
            synchronized (RelayBroker.this) {
                if (listener != current) {
                    return;
                }
                BrokerLink gone = link;
                current = null;
                link = null;
                failure = "the connection to it was lost; reconnecting";
                unsettled.values().removeIf(delivery -> delivery.link() == gone);
                leavingById.values().removeIf(consumer -> consumer.slot == this);
                scheduleConnect(Duration.ZERO);
                watcher.down(broker(), closed ? "the relay closed" : "the connection was lost");
            }
        }

        /**
         * A subscription change that cannot be queued (a broker far behind) would leave the broker's subscriptions
         * wrong: the link is dropped instead, and the next one subscribes to what is current. Call holding the
         * lock.
         */
        CompletableFuture<Void> change(StompFrame.Builder frame) {
            BrokerLink on = link;
            if (on == null) {
                return CompletableFuture.failedFuture(new IOException(UNREACHABLE));
            }
            lastChange = on.sendWithReceipt(frame);
            if (lastChange.isCompletedExceptionally()) {
                LOG.warn("The message broker link is down or too far behind ({} bytes wait); reconnecting",
                        on.queuedBytes());
                reconnect();
            }
            return lastChange;
        }

        /** Ends the link in use and starts another. Call holding the lock. */
        void reconnect() {
            BrokerLink on = link;
            if (on != null) {
                lost(current);
                on.close();
            }
        }
    }

    /** What one link tells the relay. */
    private final class LinkListener implements BrokerLink.Listener {
        private final Slot slot;
        /** Set once the relay uses the link, before anything is subscribed on it. */
        volatile BrokerLink link;

        LinkListener(Slot slot) {
            this.slot = slot;
        }

        @Override
        public void message(StompFrame message) {
            fanOut(link, message);
        }

        @Override
        public void lost(String reason) {
            slot.lost(this);
        }
    }

    private static StompFrame.Builder subscribe(String id, String destination, String ack) {
        return StompFrame.builder(StompCommand.SUBSCRIBE).header("id", id).header("destination", destination)
                .header("ack", ack);
    }

    @Override
    public int publish(BrokerMessage message) throws MessageRefusedException {
        if (!linkOf(message).send(send(message).build())) {
            throw new MessageRefusedException("The message broker is too far behind; the message was not sent");
        }
        return 0;
    }

    /** The stage completes with the broker's receipt for the SEND. */
    @Override
    public CompletionStage<Void> publishConfirmed(BrokerMessage message) throws MessageRefusedException {
        CompletableFuture<Void> received = linkOf(message).sendWithReceipt(send(message));
        if (received.isCompletedExceptionally()) {
            throw new MessageRefusedException("The message broker is too far behind; the message was not sent");
        }
        return received;
    }

    private BrokerLink linkOf(BrokerMessage message) throws MessageRefusedException {
        Slot slot = slotOf(message.destination());
        BrokerLink link = slot.link;
        if (link == null) {
            throw new MessageRefusedException(slot.unreachable() + "; the message was not sent");
        }
        return link;
    }

    /** A queue's message is persistent unless its sender said otherwise: the broker keeps it across a restart. */
    private StompFrame.Builder send(BrokerMessage message) throws MessageRefusedException {
        StompFrame.Builder send = StompFrame.builder(StompCommand.SEND)
                .header("destination", brokerDestination(message.destination()))
                .header("content-type", message.contentType());
        List<String> headers = message.headers();
        boolean persistenceChosen = false;
        for (int i = 0; i < headers.size(); i += 2) {
            send.header(headers.get(i), headers.get(i + 1));
            persistenceChosen |= headers.get(i).equals("persistent");
        }
        if (!persistenceChosen && pointToPoint.test(message.destination())) {
            send.header("persistent", "true");
        }
        return send.body(message.body());
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

    /**
     * Refused while the destination's link is down: a subscription made then would get nothing until the broker
     * is back, with nothing to tell its client so.
     */
    @Override
    public CompletionStage<Void> subscribe(Subscriber subscriber) throws MessageRefusedException {
        String destination = subscriber.destination();
        boolean pattern = DestinationPattern.isPattern(destination);
        if (pattern && pointToPoint.test(destination)) {
            throw new MessageRefusedException("Wildcard subscriptions to queues are not relayed to the message "
                    + "broker: " + destination);
        }
        String brokerName = pattern ? brokerPattern(destination) : brokerDestination(destination);
        Slot slot = slotOf(destination);
        if (pointToPoint.test(destination)) {
            synchronized (this) {
                if (slot.link == null) {
                    throw new MessageRefusedException(slot.unreachable() + "; try subscribing again later");
                }
                Consumer consumer = new Consumer("q" + (++nextId), subscriber, slot);
                consumers.put(subscriber, consumer);
                consumersById.put(consumer.id, consumer);
                return slot.change(subscribe(consumer.id, brokerName, "client-individual"));
            }
        }
        synchronized (this) {
            Topic topic = topics.get(destination);
            if (topic == null) {
                if (slot.link == null && !subscriber.waitsForBroker()) {
                    throw new MessageRefusedException(slot.unreachable() + "; try subscribing again later");
                }
                topic = new Topic("t" + (++nextId), destination, brokerName, slot);
                topics.put(destination, topic);
                topicsById.put(topic.id, topic);
                // Without a link, the next one subscribes to every topic before it counts as connected.
                topic.subscribed = slot.link == null ? slot.connected
                        : slot.change(subscribe(topic.id, brokerName, "auto"));
            }
            Subscriber[] before = topic.subscribers;
            Subscriber[] after = Arrays.copyOf(before, before.length + 1);
            after[before.length] = subscriber;
            topic.subscribers = after;
            return topic.subscribed;
        }
    }

    /** The broker's wildcard subscription for one of the server's patterns, refused if it has none. */
    private String brokerPattern(String pattern) throws MessageRefusedException {
        String renamed = toBroker.apply(pattern);
        if (!renamed.equals(pattern)) {
            throw new MessageRefusedException("Wildcard subscriptions are relayed only for destinations the message "
                    + "broker knows by the same name (not user destinations): " + pattern);
        }
        String name = dialect.pattern(renamed);
        if (name == null) {
            throw new MessageRefusedException("The message broker cannot subscribe to " + pattern + ": a relayed "
                    + "wildcard is a topic whose segments after the prefix are separated by '.'");
        }
        String refusal = dialect.refusal(name);
        if (refusal != null) {
            throw new MessageRefusedException(refusal);
        }
        return name;
    }

    /**
     * A consumer that leaves gives back what it had not settled, for the broker's other consumers. Artemis
     * redelivers what an ended subscription had not acknowledged. RabbitMQ gives such messages back only when the
     * connection ends (see {@link BrokerDialect#unsubscribeRequeues}), so there the relay replaces the consumer's
     * link once the broker has ended the subscription, if the consumer held any: what else the link carries is
     * subscribed again at once, and what other consumers on it had not acknowledged is redelivered.
     */
    @Override
    public void unsubscribe(Subscriber subscriber) {
        synchronized (this) {
            Consumer consumer = consumers.remove(subscriber);
            if (consumer != null) {
                consumersById.remove(consumer.id);
                BrokerLink on = consumer.slot.link;
                if (on == null) {
                    return;
                }
                leavingById.put(consumer.id, consumer);
                unsettled.forEach((message, delivery) -> {
                    if (delivery.consumer() == consumer && unsettled.remove(message, delivery)) {
                        consumer.stranded.incrementAndGet();
                    }
                });
                consumer.slot.change(StompFrame.builder(StompCommand.UNSUBSCRIBE).header("id", consumer.id))
                        .thenRun(() -> left(consumer, on));
                return;
            }
            Topic topic = topics.get(subscriber.destination());
            if (topic == null) {
                return;
            }
            Subscriber[] before = topic.subscribers;
            int at = Arrays.asList(before).indexOf(subscriber);
            if (at < 0) {
                return;
            }
            Subscriber[] after = new Subscriber[before.length - 1];
            System.arraycopy(before, 0, after, 0, at);
            System.arraycopy(before, at + 1, after, at, after.length - at);
            topic.subscribers = after;
            if (after.length > 0) {
                return;
            }
            topics.remove(topic.destination);
            topicsById.remove(topic.id);
            if (topic.slot.link != null) {
                topic.slot.change(StompFrame.builder(StompCommand.UNSUBSCRIBE).header("id", topic.id));
            }
        }
    }

    /** The broker confirmed that {@code consumer} left; runs on the link's reader, after every frame before it. */
    private void left(Consumer consumer, BrokerLink on) {
        leavingById.remove(consumer.id);
        int stranded = consumer.stranded.get();
        if (stranded == 0 || dialect.unsubscribeRequeues()) {
            return;
        }
        synchronized (this) {
            if (consumer.slot.link == on) {
                LOG.info("A consumer of {} left holding {} queue message(s); replacing its broker link so that "
                        + "the broker gives them to another consumer", consumer.subscriber.destination(), stranded);
                consumer.slot.reconnect();
            }
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

    /** @param from the link that the frame came on */
    private void fanOut(BrokerLink from, StompFrame frame) {
        String subscription = String.valueOf(frame.header("subscription"));
        Topic topic = topicsById.get(subscription);
        if (topic != null) {
            String destination = topic.isPattern() ? dialect.fromBroker(frame.header("destination")) : null;
            BrokerMessage message = new BrokerMessage(destination != null ? destination : topic.destination,
                    frame.header("content-type"), forwarded(frame), frame.body());
            for (Subscriber subscriber : topic.subscribers) {
                subscriber.deliver(message);
            }
            return;
        }
        String ackId = frame.header("ack");
        Consumer consumer = consumersById.get(subscription);
        if (consumer == null) {
            Consumer leaving = leavingById.get(subscription);
            if (leaving != null && ackId != null) {
                leaving.stranded.incrementAndGet();
            }
            return;
        }
        if (ackId == null || from == null) {
            return;
        }
        BrokerMessage message = new BrokerMessage(consumer.subscriber.destination(), frame.header("content-type"),
                forwarded(frame), frame.body());
        if (!consumer.subscriber.acknowledges()) {
            acknowledge(from, ackId, consumer.subscriber.deliver(message));
            return;
        }
        unsettled.put(message, new Unsettled(consumer, ackId, from));
        if (!consumer.subscriber.deliver(message) && unsettled.remove(message) != null) {
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

    /** Ends the links; the relay relays nothing more. */
    @Override
    public void close() {
        List<BrokerLink> open = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Slot slot : slots) {
                if (slot.link != null) {
                    open.add(slot.link);
                }
                slot.link = null;
                slot.current = null;
            }
        }
        connector.shutdownNow();
        open.forEach(BrokerLink::close);
    }
}
