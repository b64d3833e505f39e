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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two server nodes relaying to one real broker (ActiveMQ Artemis in the test JVM). */
class RelayBrokerTest {

    private EmbeddedArtemis broker;
    private final List<RelayBroker> nodes = new ArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedArtemis.start("relay", "secret");
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(RelayBroker::close);
        broker.close();
    }

    private RelayBroker node() throws Exception {
        RelayBroker node = new RelayBroker(new BrokerLink.Settings("127.0.0.1", broker.port, "relay", "secret", "/",
                Duration.ofSeconds(10), Duration.ofSeconds(30), 1 << 20, new StompDecoder.Limits(1 << 20, 100, 8192)),
                BrokerDialect.ARTEMIS, destination -> destination.startsWith("/queue/")).start();
        nodes.add(node);
        node.connected().get(30, TimeUnit.SECONDS);
        return node;
    }

    private static BrokerMessage message(String destination, String body) {
        return new BrokerMessage(destination, "text/plain", List.of("x-from", "test"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTopicIsSubscribedOncePerNodeAndItsMessagesReachEverySubscriberOnEveryNode() throws Exception {
        RelayBroker a = node();
        RelayBroker b = node();
        RecordingSubscriber a1 = new RecordingSubscriber("/topic/chat");
        RecordingSubscriber a2 = new RecordingSubscriber("/topic/chat");
        RecordingSubscriber b1 = new RecordingSubscriber("/topic/chat");
        a.subscribe(a1);
        a.subscribe(a2);
        b.subscribe(b1);
        a.lastChange().get(30, TimeUnit.SECONDS);
        b.lastChange().get(30, TimeUnit.SECONDS);
        assertEquals(2, broker.subscriptions("chat"), "one broker subscription per node");

        assertEquals(0, b.publish(message("/topic/chat", "hello")), "delivered through the broker, not locally");
        for (RecordingSubscriber subscriber : List.of(a1, a2, b1)) {
            assertTrue(subscriber.await(1, 30, TimeUnit.SECONDS), "not delivered");
            assertEquals(List.of("hello"), subscriber.received);
            assertEquals(List.of("/topic/chat"), subscriber.destinations);
        }

        a.unsubscribe(a1);
        a.lastChange().get(30, TimeUnit.SECONDS);
        assertEquals(2, broker.subscriptions("chat"), "a2 still subscribes on node a");
        a.unsubscribe(a2);
        a.lastChange().get(30, TimeUnit.SECONDS);
        assertEquals(1, broker.subscriptions("chat"), "the last local subscriber gone, the node unsubscribed");
    }

    @Test
    void aQueueGivesEachMessageToOneConsumerAcrossTheNodes() throws Exception {
        RelayBroker a = node();
        RelayBroker b = node();
        RecordingSubscriber onA = new RecordingSubscriber("/queue/work");
        RecordingSubscriber onB = new RecordingSubscriber("/queue/work");
        a.subscribe(onA);
        b.subscribe(onB);
        a.lastChange().get(30, TimeUnit.SECONDS);
        b.lastChange().get(30, TimeUnit.SECONDS);
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            sent.add("job" + i);
            a.publish(message("/queue/work", "job" + i));
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

    /** What a consumer held unacknowledged when it left goes to the consumer on the other node. */
    @Test
    void whatALeavingConsumerHeldGoesToAnother() throws Exception {
        RelayBroker a = node();
        RelayBroker b = node();
        RecordingSubscriber first = new RecordingSubscriber("/queue/tasks", true);
        a.subscribe(first);
        a.lastChange().get(30, TimeUnit.SECONDS);
        a.publish(message("/queue/tasks", "held"));
        assertTrue(first.await(1, 30, TimeUnit.SECONDS));

        RecordingSubscriber second = new RecordingSubscriber("/queue/tasks", true);
        b.subscribe(second);
        b.lastChange().get(30, TimeUnit.SECONDS);
        a.unsubscribe(first);
        assertTrue(second.await(1, 30, TimeUnit.SECONDS), "what the leaving consumer held was not redelivered");
        assertEquals(List.of("held"), second.received);
        b.settle(second.messages.get(0), true);
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
        RecordingSubscriber subscriber = new RecordingSubscriber("/topic/news");
        a.subscribe(subscriber);
        a.lastChange().get(30, TimeUnit.SECONDS);

        int port = broker.port;
        broker.close();
        awaitDown(a);
        awaitDown(b);
        MessageRefusedException refused = assertThrows(MessageRefusedException.class,
                () -> b.publish(message("/topic/news", "while down")));
        assertTrue(refused.getMessage().contains("cannot be reached"), refused.getMessage());

        broker = EmbeddedArtemis.start("relay", "secret", port);
        a.connected().get(60, TimeUnit.SECONDS);
        b.connected().get(60, TimeUnit.SECONDS);
        a.lastChange().get(30, TimeUnit.SECONDS);
        b.publish(message("/topic/news", "back"));
        assertTrue(subscriber.await(1, 30, TimeUnit.SECONDS), "not delivered after the restart");
        assertEquals(List.of("back"), subscriber.received);
    }

    /** The node noticed the broker left: its link is being replaced. */
    private static void awaitDown(RelayBroker node) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (node.connected().isDone()) {
            assertTrue(System.nanoTime() < deadline, "the node did not notice the broker left");
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
