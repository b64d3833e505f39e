package dev.sockjs.micrometer;

import dev.sockjs.stomp.StompContext;
import dev.sockjs.stomp.StompListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters of a STOMP server, as its {@link StompListener}:
 *
 * <pre>{@code
 * StompServer stomp = StompServer.builder().listener(new StompMetrics(meterRegistry)) ... .build();
 * }</pre>
 *
 * <ul>
 * <li>{@code stomp.connections} (gauge): clients connected now;
 * <li>{@code stomp.subscriptions} (gauge): their subscriptions;
 * <li>{@code stomp.destinations} (gauge): distinct destinations (and patterns) subscribed to;
 * <li>{@code stomp.messages.published} (counter): messages to the broker, from clients and the application;
 * <li>{@code stomp.messages.delivered} (counter): MESSAGE frames sent to clients;
 * <li>{@code stomp.errors} (counter, tagged {@code kind}): ERROR frames sent, by {@link StompListener.ErrorKind}
 *     in lower case ({@code slow_consumer} counts the slow consumers cut off);
 * <li>{@code stomp.broker.links} (gauge): the broker relay's connections up now;
 *     {@code stomp.broker.link.losses} (counter): those lost.
 * </ul>
 * Thread-safe.
 */
public final class StompMetrics implements StompListener {

    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong links = new AtomicLong();
    private final Counter linkLosses;
    /** Subscriptions per destination: memory in proportion to the subscriptions, which the server bounds. */
    private final Map<String, AtomicInteger> destinations = new ConcurrentHashMap<>();
    private final Counter published;
    private final Counter delivered;
    private final Map<ErrorKind, Counter> errors = new EnumMap<>(ErrorKind.class);

    public StompMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Gauge.builder("stomp.connections", connections, AtomicLong::get).register(registry);
        Gauge.builder("stomp.subscriptions", subscriptions, AtomicLong::get).register(registry);
        Gauge.builder("stomp.destinations", destinations, Map::size).register(registry);
        published = Counter.builder("stomp.messages.published").register(registry);
        delivered = Counter.builder("stomp.messages.delivered").register(registry);
        Gauge.builder("stomp.broker.links", links, AtomicLong::get).register(registry);
        linkLosses = Counter.builder("stomp.broker.link.losses").register(registry);
        for (ErrorKind kind : ErrorKind.values()) {
            errors.put(kind, Counter.builder("stomp.errors").tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    @Override
    public void connected(StompContext client) {
        connections.incrementAndGet();
    }

    @Override
    public void disconnected(StompContext client) {
        connections.decrementAndGet();
    }

    @Override
    public void subscribed(StompContext client, String destination) {
        subscriptions.incrementAndGet();
        destinations.computeIfAbsent(destination, d -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void unsubscribed(StompContext client, String destination) {
        subscriptions.decrementAndGet();
        destinations.computeIfPresent(destination, (d, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    @Override
    public void messagePublished(String destination) {
        published.increment();
    }

    @Override
    public void messageDelivered(StompContext client) {
        delivered.increment();
    }

    @Override
    public void errorSent(StompContext client, ErrorKind kind, String message) {
        errors.get(kind).increment();
    }

    @Override
    public void brokerLinkUp(String broker) {
        links.incrementAndGet();
    }

    @Override
    public void brokerLinkDown(String broker, String why) {
        links.decrementAndGet();
        linkLosses.increment();
    }

    @Override
    public String toString() {
        return "StompMetrics";
    }
}
