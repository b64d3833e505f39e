package dev.sockjs.stomp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.broker.BrokerMessage;
import dev.sockjs.stomp.broker.MessageRefusedException;
import dev.sockjs.stomp.broker.RecordingSubscriber;
import dev.sockjs.stomp.frame.StompDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
                destination -> destination.startsWith("/queue/")).start();
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
    void queuesAndWildcardsAreRefusedWithAReason() throws Exception {
        RelayBroker a = node();
        MessageRefusedException queue = assertThrows(MessageRefusedException.class,
                () -> a.subscribe(new RecordingSubscriber("/queue/work")));
        assertTrue(queue.getMessage().contains("/queue/work"), queue.getMessage());
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
