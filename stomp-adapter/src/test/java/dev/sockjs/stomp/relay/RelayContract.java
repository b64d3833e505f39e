package dev.sockjs.stomp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.broker.BrokerMessage;
import dev.sockjs.stomp.broker.MessageRefusedException;
import dev.sockjs.stomp.broker.RecordingSubscriber;
import dev.sockjs.stomp.frame.StompDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
                1 << 20, new StompDecoder.Limits(1 << 20, 100, 8192)), broker.dialect(),
                destination -> destination.startsWith("/queue/"), destination -> destination).start();
        nodes.add(node);
        node.connected().get(60, TimeUnit.SECONDS);
        return node;
    }

    /** Subscribes, and waits until the broker has the subscription. */
    static void subscribe(RelayBroker node, RecordingSubscriber subscriber) throws Exception {
        node.subscribe(subscriber);
        node.lastChange().get(30, TimeUnit.SECONDS);
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
        a.subscribe(a1);
        a.subscribe(a2);
        b.subscribe(b1);
        a.lastChange().get(30, TimeUnit.SECONDS);
        b.lastChange().get(30, TimeUnit.SECONDS);

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
        a.subscribe(onA);
        b.subscribe(onB);
        a.lastChange().get(30, TimeUnit.SECONDS);
        b.lastChange().get(30, TimeUnit.SECONDS);
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
    void wildcardsAreRefusedWithAReason() throws Exception {
        RelayBroker a = node();
        MessageRefusedException pattern = assertThrows(MessageRefusedException.class,
                () -> a.subscribe(new RecordingSubscriber("/topic/stocks.*")));
        assertTrue(pattern.getMessage().startsWith("Wildcard subscriptions"), pattern.getMessage());
    }

    /** Clients stay connected while the broker restarts; their topics come back with it. */
    @Test
    void afterABrokerRestartTheNodesSubscribeAgain() throws Exception {
        RelayBroker a = node();
        RelayBroker b = node();
        String topic = unique("/topic/");
        RecordingSubscriber subscriber = new RecordingSubscriber(topic);
        subscribe(a, subscriber);

        broker.restart();
        a.connected().get(120, TimeUnit.SECONDS);
        b.connected().get(120, TimeUnit.SECONDS);
        a.lastChange().get(30, TimeUnit.SECONDS);
        b.publish(message(topic, "back"));
        assertTrue(subscriber.await(1, 30, TimeUnit.SECONDS), "not delivered after the restart");
        assertEquals(List.of("back"), subscriber.received);
    }

    /** While the broker cannot be reached, a publish is refused with a reason the client can read. */
    @Test
    void whileTheBrokerIsDownPublishingIsRefused() throws Exception {
        RelayBroker a = new RelayBroker(new BrokerLink.Settings("127.0.0.1", ExternalBroker.freePort(),
                ExternalBroker.LOGIN, ExternalBroker.PASSCODE, "/", Duration.ofSeconds(10), Duration.ofSeconds(5),
                1 << 20, new StompDecoder.Limits(1 << 20, 100, 8192)), broker.dialect(), d -> false, d -> d).start();
        nodes.add(a);
        MessageRefusedException refused = assertThrows(MessageRefusedException.class,
                () -> a.publish(message("/topic/x", "nobody")));
        assertTrue(refused.getMessage().contains("cannot be reached"), refused.getMessage());
    }

}
