package dev.sockjs.stomp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.broker.BrokerMessage;
import dev.sockjs.stomp.broker.MessageRefusedException;
import dev.sockjs.stomp.broker.RecordingSubscriber;
import dev.sockjs.stomp.frame.StompDecoder;
import dev.sockjs.testbrokers.ExternalBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the relay promises on every broker: two server nodes relaying to one real broker. Each test uses
 * destinations of its own, since brokers keep queues between connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RelayContract {

    private static final AtomicInteger NAMES = new AtomicInteger();

    ExternalBroker broker;
    private final List<RelayBroker> nodes = new ArrayList<>();

    abstract ExternalBroker startBroker() throws Exception;

    abstract BrokerDialect dialect();

    @BeforeAll
    void start() throws Exception {
        broker = startBroker();
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(RelayBroker::close);
        nodes.clear();
    }

    @AfterAll
    void stop() throws Exception {
        broker.close();
    }

    /** A destination no other test uses, under {@code prefix} ({@code /topic/} or {@code /queue/}). */
    static String unique(String prefix) {
        return prefix + "t" + NAMES.incrementAndGet() + "-" + System.nanoTime();
    }

    RelayBroker node() throws Exception {
        RelayBroker node = new RelayBroker(new BrokerLink.Settings("127.0.0.1", broker.port(),
                ExternalBroker.LOGIN, ExternalBroker.PASSCODE, "/", Duration.ofSeconds(10), Duration.ofSeconds(30),
                1 << 20, new StompDecoder.Limits(1 << 20, 100, 8192)), dialect(), 2,
                destination -> destination.startsWith("/queue/"), destination -> destination).start();
        nodes.add(node);
        node.connected().get(60, TimeUnit.SECONDS);
        return node;
    }

    /** Subscribes, and waits until the broker has the subscription. */
    static void subscribe(RelayBroker node, RecordingSubscriber subscriber) throws Exception {
        node.subscribe(subscriber).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Until the node has seen that its links are gone (the broker stopped). */
    static void awaitDown(RelayBroker node) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (node.linksUp() > 0) {
            assertTrue(System.nanoTime() < deadline, "the node did not notice the broker stop");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    static BrokerMessage message(String destination, String body) {
        return new BrokerMessage(destination, "text/plain", List.of("x-from", "test"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTopicMessageReachesEverySubscriberOnEveryNode() throws Exception {
        RelayBroker a = node();
        RelayBroker b = node();
        String topic = unique("/topic/");
        RecordingSubscriber a1 = new RecordingSubscriber(topic);
        RecordingSubscriber a2 = new RecordingSubscriber(topic);
        RecordingSubscriber b1 = new RecordingSubscriber(topic);
        subscribe(a, a1);
        subscribe(a, a2);
        subscribe(b, b1);

        assertEquals(0, b.publish(message(topic, "hello")), "delivered through the broker, not locally");
        for (RecordingSubscriber subscriber : List.of(a1, a2, b1)) {
            assertTrue(subscriber.await(1, 30, TimeUnit.SECONDS), "not delivered");
            assertEquals(List.of("hello"), subscriber.received);
            assertEquals(List.of(topic), subscriber.destinations);
        }
    }

    @Test
    void aQueueGivesEachMessageToOneConsumerAcrossTheNodes() throws Exception {
        RelayBroker a = node();
        RelayBroker b = node();
        String queue = unique("/queue/");
        RecordingSubscriber onA = new RecordingSubscriber(queue);
        RecordingSubscriber onB = new RecordingSubscriber(queue);
        subscribe(a, onA);
        subscribe(b, onB);
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            sent.add("job" + i);
            a.publish(message(queue, "job" + i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (onA.received.size() + onB.received.size() < sent.size()) {
            assertTrue(System.nanoTime() < deadline, "delivered: " + onA.received + " " + onB.received);
            onA.await(onA.received.size() + 1, 10, TimeUnit.MILLISECONDS);
        }
        List<String> all = new ArrayList<>(onA.received);
        all.addAll(onB.received);
        assertEquals(sent.size(), all.size(), "a message went to two consumers");
        assertEquals(sent, new HashSet<>(all));
        assertFalse(onA.received.isEmpty() || onB.received.isEmpty(), "one consumer got everything: " + all);
    }

    @Test
    void aTopicPatternIsTheBrokersWildcardSubscription() throws Exception {
        RelayBroker a = node();
        RelayBroker b = node();
        String stocks = unique("/topic/");
        RecordingSubscriber oneWord = new RecordingSubscriber(stocks + ".*");
        RecordingSubscriber anyWords = new RecordingSubscriber(stocks + ".**");
        RecordingSubscriber exact = new RecordingSubscriber(stocks + ".ACME");
        subscribe(a, oneWord);
        subscribe(a, anyWords);
        subscribe(a, exact);

        b.publish(message(stocks + ".ACME", "42"));
        b.publish(message(stocks + ".ACME.bid", "41"));
        assertTrue(anyWords.await(2, 30, TimeUnit.SECONDS), "not delivered: " + anyWords.received);
        assertTrue(oneWord.await(1, 30, TimeUnit.SECONDS));
        assertTrue(exact.await(1, 30, TimeUnit.SECONDS));
        // In order per destination; two destinations may travel on two links.
        assertEquals(Set.of("42 to " + stocks + ".ACME", "41 to " + stocks + ".ACME.bid"),
                Set.of(anyWords.received.get(0) + " to " + anyWords.destinations.get(0),
                        anyWords.received.get(1) + " to " + anyWords.destinations.get(1)));
        assertEquals(List.of("42"), oneWord.received);
        assertEquals(List.of(stocks + ".ACME"), oneWord.destinations);
        assertEquals(List.of("42"), exact.received);
    }

    @Test
    void wildcardsTheBrokerCannotTakeAreRefusedWithAReason() throws Exception {
        RelayBroker a = node();
        for (String pattern : List.of("/queue/jobs.*", "/topic/stocks/*")) {
            MessageRefusedException refused = assertThrows(MessageRefusedException.class,
                    () -> a.subscribe(new RecordingSubscriber(pattern)));
            assertTrue(refused.getMessage().contains(pattern), refused.getMessage());
        }
    }

    /**
     * Clients stay connected while the broker restarts; their topics come back with it. A subscription that waits
     * for the broker, made while it is down, is made once it is back.
     */
    @Test
    void afterABrokerRestartTheNodesSubscribeAgain() throws Exception {
        RelayBroker a = node();
        RelayBroker b = node();
        String topic = unique("/topic/");
        RecordingSubscriber subscriber = new RecordingSubscriber(topic);
        subscribe(a, subscriber);

        broker.stop();
        awaitDown(a);
        awaitDown(b);
        String later = unique("/topic/");
        RecordingSubscriber waiting = RecordingSubscriber.waitingForBroker(later);
        CompletableFuture<Void> subscribed = a.subscribe(waiting).toCompletableFuture();
        assertFalse(subscribed.isDone(), "subscribed without a broker");
        broker.start();
        a.connected().get(120, TimeUnit.SECONDS);
        b.connected().get(120, TimeUnit.SECONDS);
        subscribed.get(30, TimeUnit.SECONDS);
        b.publish(message(topic, "back"));
        b.publish(message(later, "made while down"));
        assertTrue(subscriber.await(1, 30, TimeUnit.SECONDS), "not delivered after the restart");
        assertEquals(List.of("back"), subscriber.received);
        assertTrue(waiting.await(1, 30, TimeUnit.SECONDS), "the waiting subscription was not made");
        assertEquals(List.of("made while down"), waiting.received);
    }

    /** While the broker cannot be reached, publishing and subscribing are refused with a reason to read. */
    @Test
    void whileTheBrokerIsDownPublishingAndSubscribingAreRefused() throws Exception {
        RelayBroker a = new RelayBroker(new BrokerLink.Settings("127.0.0.1", ExternalBroker.freePort(),
                ExternalBroker.LOGIN, ExternalBroker.PASSCODE, "/", Duration.ofSeconds(10), Duration.ofSeconds(5),
                1 << 20, new StompDecoder.Limits(1 << 20, 100, 8192)), dialect(), 2, d -> false, d -> d)
                .start();
        nodes.add(a);
        MessageRefusedException refused = assertThrows(MessageRefusedException.class,
                () -> a.publish(message("/topic/x", "nobody")));
        assertTrue(refused.getMessage().contains("cannot be reached"), refused.getMessage());
        MessageRefusedException subscribing = assertThrows(MessageRefusedException.class,
                () -> a.subscribe(new RecordingSubscriber("/topic/x")));
        assertTrue(subscribing.getMessage().contains("cannot be reached"), subscribing.getMessage());
    }

    /**
     * What a consumer held unacknowledged when it left goes to the consumer on the other node, however the broker
     * treats NACK and UNSUBSCRIBE (see {@link BrokerDialect}).
     */
    @Test
    void whatALeavingConsumerHeldGoesToAnother() throws Exception {
        RelayBroker a = node();
        RelayBroker b = node();
        String queue = unique("/queue/");
        RecordingSubscriber first = new RecordingSubscriber(queue, true);
        subscribe(a, first);
        a.publish(message(queue, "held"));
        assertTrue(first.await(1, 30, TimeUnit.SECONDS));

        RecordingSubscriber second = new RecordingSubscriber(queue, true);
        subscribe(b, second);
        a.unsubscribe(first);
        assertTrue(second.await(1, 30, TimeUnit.SECONDS), "what the leaving consumer held was not redelivered");
        assertEquals(List.of("held"), second.received);
        b.settle(second.messages.get(0), true);
        subscribe(b, new RecordingSubscriber(unique("/topic/")));
        assertTrue(b.connected().isDone(), "the broker refused the acknowledgement and dropped the link");
    }

    /**
     * A lone consumer that leaves holding a message: the broker may offer it straight back to the leaving
     * subscription before its UNSUBSCRIBE arrives; the message must still reach the next consumer.
     */
    @Test
    void whatALoneLeavingConsumerHeldWaitsForTheNext() throws Exception {
        RelayBroker a = node();
        String queue = unique("/queue/");
        RecordingSubscriber first = new RecordingSubscriber(queue, true);
        subscribe(a, first);
        a.publish(message(queue, "held"));
        assertTrue(first.await(1, 30, TimeUnit.SECONDS));
        a.unsubscribe(first);

        RelayBroker b = node();
        RecordingSubscriber next = new RecordingSubscriber(queue, true);
        subscribe(b, next);
        assertTrue(next.await(1, 30, TimeUnit.SECONDS), "what the leaving consumer held was not redelivered");
        assertEquals(List.of("held"), next.received);
        assertEquals(List.of("held"), first.received, "delivered again to the consumer that had left");
    }
}
