package dev.sockjs.micrometer;

import dev.sockjs.server.SockJsListener;
import dev.sockjs.server.SockJsSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters of SockJS services, one {@link SockJsListener} per service:
 *
 * <pre>{@code
 * SockJsMetrics metrics = new SockJsMetrics(meterRegistry);
 * SockJsServlet.register(context, "/echo", handler,
 *         SockJsOptions.builder().listener(metrics.service("echo")).build());
 * }</pre>
 *
 * Every meter is tagged {@code service}; session meters also {@code transport}, with the protocol's names
 * ({@code websocket}, {@code xhr-streaming}, {@code xhr-polling}, {@code eventsource}, {@code htmlfile},
 * {@code jsonp-polling}):
 * <ul>
 * <li>{@code sockjs.sessions.open} (gauge): sessions open now;
 * <li>{@code sockjs.sessions.closed} (counter, also tagged {@code cause} and {@code code}): sessions ended, by why
 *     ({@link SockJsListener.CloseCause}, lower case) and their close code;
 * <li>{@code sockjs.connections.open} (gauge): connections carrying frames to clients now (websockets, streams,
 *     polls waiting);
 * <li>{@code sockjs.messages.received}, {@code sockjs.messages.sent} (counters): messages from and to clients;
 *     {@code sockjs.messages.received.chars}, {@code sockjs.messages.sent.chars}: their characters;
 * <li>{@code sockjs.send.queue.wait} (timer): how long messages waited in a session's send queue before a frame
 *     took them to the client's connection (the oldest of each frame); for the polling transports this includes
 *     the wait for the next poll;
 * <li>{@code sockjs.send.queue.high.water} (counter): times a session's send queue passed half its limit;
 * <li>{@code sockjs.requests.refused} (counter, tagged {@code service}, {@code status} and {@code reason}):
 *     requests answered with an error ({@link SockJsListener.Refusal}, lower case).
 * </ul>
 * Counting costs a map lookup and a few atomic additions per event; thread-safe.
 */
public final class SockJsMetrics {

    private final MeterRegistry registry;

    public SockJsMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The listener of the service called {@code name} (its {@code service} tag). */
    public SockJsListener service(String name) {
        return new ServiceMeters(registry, Objects.requireNonNull(name, "name"));
    }

    /** One service's meters, those of each transport made on its first session. */
    private static final class ServiceMeters implements SockJsListener {
        private final MeterRegistry registry;
        private final String service;
        private final ConcurrentMap<String, TransportMeters> byTransport = new ConcurrentHashMap<>();

        ServiceMeters(MeterRegistry registry, String service) {
            this.registry = registry;
            this.service = service;
        }

        private TransportMeters of(SockJsSession session) {
            return byTransport.computeIfAbsent(session.transport(), this::meters);
        }

        private TransportMeters meters(String transport) {
            Tags tags = Tags.of("service", service, "transport", transport);
            TransportMeters meters = new TransportMeters(tags,
                    Counter.builder("sockjs.messages.received").tags(tags).register(registry),
                    Counter.builder("sockjs.messages.received.chars").baseUnit("chars").tags(tags).register(registry),
                    Counter.builder("sockjs.messages.sent").tags(tags).register(registry),
                    Counter.builder("sockjs.messages.sent.chars").baseUnit("chars").tags(tags).register(registry),
                    Counter.builder("sockjs.send.queue.high.water").tags(tags).register(registry),
                    Timer.builder("sockjs.send.queue.wait").tags(tags).register(registry));
            Gauge.builder("sockjs.sessions.open", meters.sessions, AtomicLong::get).tags(tags).register(registry);
            Gauge.builder("sockjs.connections.open", meters.connections, AtomicLong::get).tags(tags)
                    .register(registry);
            return meters;
        }

        @Override
        public void sessionOpened(SockJsSession session) {
            of(session).sessions.incrementAndGet();
        }

        @Override
        public void connectionAttached(SockJsSession session) {
            of(session).connections.incrementAndGet();
        }

        @Override
        public void connectionDetached(SockJsSession session) {
            of(session).connections.decrementAndGet();
        }

        @Override
        public void messageReceived(SockJsSession session, int chars) {
            TransportMeters meters = of(session);
            meters.received.increment();
            meters.receivedChars.increment(chars);
        }

        @Override
        public void messageSent(SockJsSession session, int chars) {
            TransportMeters meters = of(session);
            meters.sent.increment();
            meters.sentChars.increment(chars);
        }

        @Override
        public void messagesFlushed(SockJsSession session, int count, long waitedNanos) {
            of(session).queueWait.record(waitedNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void sendQueueHighWater(SockJsSession session, long queuedChars) {
            of(session).highWater.increment();
        }

        @Override
        public void sessionClosed(SockJsSession session, int code, String reason, CloseCause cause) {
            TransportMeters meters = of(session);
            meters.sessions.decrementAndGet();
            registry.counter("sockjs.sessions.closed", meters.tags.and("cause", cause.name().toLowerCase(Locale.ROOT),
                    "code", Integer.toString(code))).increment();
        }

        @Override
        public void requestRefused(int status, Refusal refusal) {
            registry.counter("sockjs.requests.refused", "service", service, "status", Integer.toString(status),
                    "reason", refusal.name().toLowerCase(Locale.ROOT)).increment();
        }

        @Override
        public String toString() {
            return "SockJsMetrics[" + service + "]";
        }
    }

    private record TransportMeters(Tags tags, Counter received, Counter receivedChars, Counter sent,
            Counter sentChars, Counter highWater, Timer queueWait, AtomicLong sessions, AtomicLong connections) {

        TransportMeters(Tags tags, Counter received, Counter receivedChars, Counter sent, Counter sentChars,
                Counter highWater, Timer queueWait) {
            this(tags, received, receivedChars, sent, sentChars, highWater, queueWait, new AtomicLong(),
                    new AtomicLong());
        }
    }
}
