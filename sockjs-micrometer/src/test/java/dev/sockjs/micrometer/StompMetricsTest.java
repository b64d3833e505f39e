package dev.sockjs.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockjs.stomp.StompContext;
import dev.sockjs.stomp.StompListener.ErrorKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The meters after a scripted series of STOMP events. */
class StompMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StompMetrics metrics = new StompMetrics(registry);
    /** The metrics never look at the client. */
    private final StompContext client = null;

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void connectionsSubscriptionsDestinationsMessagesAndErrors() {
        metrics.connected(client);
        metrics.connected(client);
        metrics.subscribed(client, "/topic/a");
        metrics.subscribed(client, "/topic/a");
        metrics.subscribed(client, "/topic/b.*");
        metrics.messagePublished("/topic/a");
        metrics.messageDelivered(client);
        metrics.messageDelivered(client);
        metrics.errorSent(client, ErrorKind.SLOW_CONSUMER, "Slow consumer");

        assertEquals(2, gauge("stomp.connections"));
        assertEquals(3, gauge("stomp.subscriptions"));
        assertEquals(2, gauge("stomp.destinations"));
        assertEquals(1, registry.get("stomp.messages.published").counter().count());
        assertEquals(2, registry.get("stomp.messages.delivered").counter().count());
        assertEquals(1, registry.get("stomp.errors").tag("kind", "slow_consumer").counter().count());
        assertEquals(0, registry.get("stomp.errors").tag("kind", "protocol").counter().count());

        metrics.unsubscribed(client, "/topic/a");
        assertEquals(2, gauge("stomp.destinations"), "another subscription to /topic/a is left");
        metrics.unsubscribed(client, "/topic/a");
        metrics.unsubscribed(client, "/topic/b.*");
        metrics.disconnected(client);
        assertEquals(0, gauge("stomp.destinations"));
        assertEquals(0, gauge("stomp.subscriptions"));
        assertEquals(1, gauge("stomp.connections"));
    }

    @Test
    void theRelaysLinks() {
        metrics.brokerLinkUp("127.0.0.1:61613");
        metrics.brokerLinkUp("127.0.0.1:61613");
        metrics.brokerLinkDown("127.0.0.1:61613", "the connection was lost");
        assertEquals(1, gauge("stomp.broker.links"));
        assertEquals(1, registry.get("stomp.broker.link.losses").counter().count());
    }
}
