package dev.sockjs.stomp.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.frame.StompVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BrokerTest {

    static final class Recording implements Subscriber {
        final String destination;
        final List<String> received = new ArrayList<>();
        boolean gone;

        Recording(String destination) {
            this.destination = destination;
        }

        @Override
        public String destination() {
            return destination;
        }

        @Override
        public boolean deliver(BrokerMessage message) {
            if (gone) {
                return false;
            }
            received.add(message.bodyText());
            return true;
        }
    }

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
    void topicsGoToEveryExactAndPatternSubscriber() {
        Broker broker = new Broker(d -> d.startsWith("/queue/"), 10);
        Recording exact = new Recording("/topic/stocks.ACME");
        Recording star = new Recording("/topic/stocks.*");
        Recording other = new Recording("/topic/news");
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
    void theMatchCacheFollowsNewPatterns() {
        Broker broker = new Broker(d -> false, 10);
        broker.publish(message("/topic/a.b", "warm the cache"));
        Recording late = new Recording("/topic/a.*");
        broker.subscribe(late);
        broker.publish(message("/topic/a.b", "x"));
        assertEquals(List.of("x"), late.received);
    }

    @Test
    void queuesGiveEachMessageToOneSubscriberInTurn() {
        Broker broker = new Broker(d -> d.startsWith("/queue/"), 10);
        Recording a = new Recording("/queue/work");
        Recording b = new Recording("/queue/work");
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
    void aGoneSubscriberIsSkipped() {
        Broker broker = new Broker(d -> d.startsWith("/queue/"), 10);
        Recording gone = new Recording("/queue/work");
        gone.gone = true;
        Recording alive = new Recording("/queue/work");
        broker.subscribe(gone);
        broker.subscribe(alive);
        broker.publish(message("/queue/work", "a"));
        broker.publish(message("/queue/work", "b"));
        assertEquals(List.of("a", "b"), alive.received);
    }

    @Test
    void aQueueKeepsABoundedBacklogForItsFirstSubscriber() {
        Broker broker = new Broker(d -> d.startsWith("/queue/"), 3);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, broker.publish(message("/queue/later", "m" + i)));
        }
        Recording first = new Recording("/queue/later");
        broker.subscribe(first);
        assertEquals(List.of("m2", "m3", "m4"), first.received);
        broker.publish(message("/queue/later", "m5"));
        assertEquals(List.of("m2", "m3", "m4", "m5"), first.received);
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
}
