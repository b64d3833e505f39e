package dev.sockjs.stomp.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.frame.StompVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InMemoryBrokerTest {

    private static BrokerMessage message(String destination, String body) {
        return new BrokerMessage(destination, "text/plain", List.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void patterns() {
        assertTrue(DestinationPattern.compile("/topic/stocks.*").matches("/topic/stocks.ACME"));
        assertFalse(DestinationPattern.compile("/topic/stocks.*").matches("/topic/stocks.ACME.bid"));
        assertFalse(DestinationPattern.compile("/topic/stocks.*").matches("/topic/stocks"));
        assertTrue(DestinationPattern.compile("/topic/stocks.**").matches("/topic/stocks.ACME.bid"));
        assertTrue(DestinationPattern.compile("/topic/**").matches("/topic/a/b/c"));
        assertTrue(DestinationPattern.compile("/topic/*/price").matches("/topic/ACME/price"));
        assertFalse(DestinationPattern.compile("/topic/*/price").matches("/topic/ACME/volume"));
        assertTrue(DestinationPattern.compile("/**").matches("/anything.at/all"));
        assertTrue(DestinationPattern.isValid("/topic/a.*.c"));
        assertFalse(DestinationPattern.isValid("/topic/a*"));
    }

    @Test
    void topicsGoToEveryExactAndPatternSubscriber() throws Exception {
        InMemoryBroker broker = queues(10, 1 << 20, 1 << 20);
        RecordingSubscriber exact = new RecordingSubscriber("/topic/stocks.ACME");
        RecordingSubscriber star = new RecordingSubscriber("/topic/stocks.*");
        RecordingSubscriber other = new RecordingSubscriber("/topic/news");
        Stream.of(exact, star, other).forEach(broker::subscribe);

        assertEquals(2, broker.publish(message("/topic/stocks.ACME", "42")));
        assertEquals(List.of("42"), exact.received);
        assertEquals(List.of("42"), star.received);
        assertEquals(List.of(), other.received);

        broker.unsubscribe(star);
        assertEquals(1, broker.publish(message("/topic/stocks.ACME", "43")));
        assertEquals(List.of("42"), star.received);
        assertEquals(2, broker.subscriptions().size());
    }

    @Test
    void theMatchCacheFollowsNewPatterns() throws Exception {
        InMemoryBroker broker = new InMemoryBroker(d -> false, new InMemoryBroker.Limits(10, 1 << 20, 1 << 20));
        broker.publish(message("/topic/a.b", "warm the cache"));
        RecordingSubscriber late = new RecordingSubscriber("/topic/a.*");
        broker.subscribe(late);
        broker.publish(message("/topic/a.b", "x"));
        assertEquals(List.of("x"), late.received);
    }

    @Test
    void queuesGiveEachMessageToOneSubscriberInTurn() throws Exception {
        InMemoryBroker broker = queues(10, 1 << 20, 1 << 20);
        RecordingSubscriber a = new RecordingSubscriber("/queue/work");
        RecordingSubscriber b = new RecordingSubscriber("/queue/work");
        broker.subscribe(a);
        broker.subscribe(b);
        for (int i = 0; i < 4; i++) {
            assertEquals(1, broker.publish(message("/queue/work", "job" + i)));
        }
        assertEquals(2, a.received.size());
        assertEquals(2, b.received.size());
        Set<String> all = Stream.concat(a.received.stream(), b.received.stream()).collect(Collectors.toSet());
        assertEquals(Set.of("job0", "job1", "job2", "job3"), all);
    }

    @Test
    void aGoneSubscriberIsSkipped() throws Exception {
        InMemoryBroker broker = queues(10, 1 << 20, 1 << 20);
        RecordingSubscriber gone = new RecordingSubscriber("/queue/work");
        gone.gone = true;
        RecordingSubscriber alive = new RecordingSubscriber("/queue/work");
        broker.subscribe(gone);
        broker.subscribe(alive);
        broker.publish(message("/queue/work", "a"));
        broker.publish(message("/queue/work", "b"));
        assertEquals(List.of("a", "b"), alive.received);
    }

    private static InMemoryBroker queues(int messagesPerQueue, long bytesPerQueue, long bytesTotal) {
        return new InMemoryBroker(d -> d.startsWith("/queue/"),
                new InMemoryBroker.Limits(messagesPerQueue, bytesPerQueue, bytesTotal));
    }

    @Test
    void aFullQueueRefusesNewMessagesAndKeepsWhatItHas() throws Exception {
        InMemoryBroker broker = queues(3, 1 << 20, 1 << 20);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, broker.publish(message("/queue/later", "m" + i)));
        }
        MessageRefusedException full = assertThrows(MessageRefusedException.class,
                () -> broker.publish(message("/queue/later", "m3")));
        assertTrue(full.getMessage().contains("/queue/later is full"), full.getMessage());
        RecordingSubscriber first = new RecordingSubscriber("/queue/later");
        broker.subscribe(first);
        assertEquals(List.of("m0", "m1", "m2"), first.received);
        broker.publish(message("/queue/later", "m4"));
        assertEquals(List.of("m0", "m1", "m2", "m4"), first.received);
        assertEquals(0, broker.backlogBytes());
    }

    @Test
    void backlogsAreBoundedInBytesPerQueueAndInAll() throws Exception {
        String kilobyte = "x".repeat(1000);
        InMemoryBroker broker = queues(1000, 5_000, 10_000);
        for (int i = 0; i < 4; i++) {
            broker.publish(message("/queue/a", kilobyte));
        }
        assertThrows(MessageRefusedException.class, () -> broker.publish(message("/queue/a", kilobyte)));
        for (int i = 0; i < 4; i++) {
            broker.publish(message("/queue/b", kilobyte));
        }
        broker.publish(message("/queue/c", kilobyte));
        MessageRefusedException full = assertThrows(MessageRefusedException.class,
                () -> broker.publish(message("/queue/c", kilobyte)));
        assertTrue(full.getMessage().contains("over all queues"), full.getMessage());
        assertTrue(broker.backlogBytes() <= 10_000, "backlog " + broker.backlogBytes());
    }

    @Test
    void aRequeuedMessageIsKeptEvenPastTheBound() throws Exception {
        InMemoryBroker broker = queues(1, 1 << 20, 1 << 20);
        broker.publish(message("/queue/q", "waiting"));
        broker.requeue(message("/queue/q", "returned"));
        RecordingSubscriber late = new RecordingSubscriber("/queue/q");
        broker.subscribe(late);
        assertEquals(List.of("waiting", "returned"), late.received);
    }

    /** What a consumer did not accept goes to the next consumer of a queue; a topic's is done with either way. */
    @Test
    void aMessageNotAcceptedGoesBackToItsQueueOnly() throws Exception {
        InMemoryBroker broker = queues(10, 1 << 20, 1 << 20);
        broker.settle(message("/queue/q", "nacked"), false);
        broker.settle(message("/queue/q", "acked"), true);
        broker.settle(message("/topic/t", "topic"), false);
        RecordingSubscriber queueConsumer = new RecordingSubscriber("/queue/q");
        RecordingSubscriber topicSubscriber = new RecordingSubscriber("/topic/t");
        broker.subscribe(queueConsumer);
        broker.subscribe(topicSubscriber);
        assertEquals(List.of("nacked"), queueConsumer.received);
        assertEquals(List.of(), topicSubscriber.received);
    }

    @Test
    void queuesWithNothingForNobodyAreForgotten() throws Exception {
        InMemoryBroker broker = queues(10, 1 << 20, 1 << 20);
        RecordingSubscriber everything = new RecordingSubscriber("/queue/**");
        broker.subscribe(everything);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, broker.publish(message("/queue/q" + i, "m")));
        }
        assertEquals(0, broker.queueCount(), "a queue reached through a pattern is not kept");
        RecordingSubscriber exact = new RecordingSubscriber("/queue/kept");
        broker.subscribe(exact);
        assertEquals(1, broker.queueCount());
        broker.unsubscribe(exact);
        broker.unsubscribe(everything);
        broker.publish(message("/queue/drained", "m"));
        assertEquals(1, broker.queueCount());
        broker.subscribe(new RecordingSubscriber("/queue/drained"));
        assertEquals(1, broker.queueCount(), "kept while subscribed");
        assertEquals(0, broker.backlogBytes());
    }

    @Test
    void theSharedTailIsEncodedOncePerVersion() {
        BrokerMessage m = new BrokerMessage("/topic/x", "text/plain", List.of("k", "a:b"),
                "hé".getBytes(StandardCharsets.UTF_8));
        String tail = m.tail(StompVersion.V1_2);
        assertEquals("content-type:text/plain\ncontent-length:3\nk:a\\cb\n\nhé\0", tail);
        assertTrue(tail == m.tail(StompVersion.V1_2));
        assertEquals("content-type:text/plain\ncontent-length:3\nk:a:b\n\nhé\0", m.tail(StompVersion.V1_0));
    }

    @Test
    void theTailIsPreparedForSendingOncePerVersion() {
        BrokerMessage m = new BrokerMessage("/topic/x", null, List.of(), "body".getBytes(StandardCharsets.UTF_8));
        List<String> prepared = new ArrayList<>();
        Function<String, Object> prepare = tail -> {
            prepared.add(tail);
            return new Object();
        };
        Object first = m.preparedTail(StompVersion.V1_2, prepare);
        assertTrue(first == m.preparedTail(StompVersion.V1_2, prepare));
        assertTrue(first != m.preparedTail(StompVersion.V1_1, prepare));
        assertEquals(List.of(m.tail(StompVersion.V1_2), m.tail(StompVersion.V1_1)), prepared);
    }
}
