package dev.sockjs.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockjs.server.SockJsListener;
import dev.sockjs.server.SockJsListener.CloseCause;
import dev.sockjs.server.SockJsListener.Refusal;
import dev.sockjs.server.SockJsSession;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The meters after a scripted life of a few sessions, as a Micrometer registry sees them. */
class SockJsMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SockJsListener echo = new SockJsMetrics(registry).service("echo");

    /** A session that only knows its transport: all the metrics ask of it. */
    private static SockJsSession session(String transport) {
        return (SockJsSession) Proxy.newProxyInstance(SockJsMetricsTest.class.getClassLoader(),
                new Class<?>[] {SockJsSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "transport" -> transport;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private double gauge(String name, String transport) {
        return registry.get(name).tags("service", "echo", "transport", transport).gauge().value();
    }

    private double counter(String name, String transport) {
        return registry.get(name).tags("service", "echo", "transport", transport).counter().count();
    }

    @Test
    void sessionsMessagesAndClosesByTransport() {
        SockJsSession ws = session("websocket");
        SockJsSession polling = session("xhr-polling");
        SockJsSession other = session("websocket");
        for (SockJsSession s : new SockJsSession[] {ws, polling, other}) {
            echo.sessionOpened(s);
            echo.connectionAttached(s);
        }
        echo.connectionDetached(polling);
        echo.messageReceived(ws, 5);
        echo.messageSent(ws, 5);
        echo.messageSent(ws, 7);
        echo.messageReceived(polling, 3);
        echo.sendQueueHighWater(other, 600_000);
        echo.messagesFlushed(ws, 2, 3_000_000);
        echo.messagesFlushed(ws, 1, 1_000_000);

        assertEquals(2, gauge("sockjs.sessions.open", "websocket"));
        assertEquals(1, gauge("sockjs.sessions.open", "xhr-polling"));
        assertEquals(2, gauge("sockjs.connections.open", "websocket"));
        assertEquals(0, gauge("sockjs.connections.open", "xhr-polling"));
        assertEquals(1, counter("sockjs.messages.received", "websocket"));
        assertEquals(5, counter("sockjs.messages.received.chars", "websocket"));
        assertEquals(2, counter("sockjs.messages.sent", "websocket"));
        assertEquals(12, counter("sockjs.messages.sent.chars", "websocket"));
        assertEquals(3, counter("sockjs.messages.received.chars", "xhr-polling"));
        assertEquals(1, counter("sockjs.send.queue.high.water", "websocket"));
        Timer wait = registry.get("sockjs.send.queue.wait").tags("service", "echo", "transport", "websocket").timer();
        assertEquals(2, wait.count());
        assertEquals(4, wait.totalTime(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(3, wait.max(TimeUnit.MILLISECONDS), 0.001);

        echo.connectionDetached(ws);
        echo.sessionClosed(ws, 1000, "done", CloseCause.CLIENT);
        echo.sessionClosed(polling, 1000, "Session timed out", CloseCause.TIMEOUT);
        echo.connectionDetached(other);
        echo.sessionClosed(other, 4500, "Send queue limit exceeded", CloseCause.LIMIT);
        assertEquals(0, gauge("sockjs.sessions.open", "websocket"));
        assertEquals(0, gauge("sockjs.connections.open", "websocket"));
        assertEquals(1, registry.get("sockjs.sessions.closed").tags("transport", "websocket", "cause", "client",
                "code", "1000").counter().count());
        assertEquals(1, registry.get("sockjs.sessions.closed").tags("transport", "websocket", "cause", "limit",
                "code", "4500").counter().count());
        assertEquals(1, registry.get("sockjs.sessions.closed").tags("transport", "xhr-polling", "cause", "timeout")
                .counter().count());
    }

    @Test
    void refusalsByStatusAndReason() {
        echo.requestRefused(403, Refusal.ORIGIN);
        echo.requestRefused(403, Refusal.ORIGIN);
        echo.requestRefused(503, Refusal.TOO_MANY_SESSIONS);
        assertEquals(2, registry.get("sockjs.requests.refused").tags("service", "echo", "status", "403", "reason",
                "origin").counter().count());
        assertEquals(1, registry.get("sockjs.requests.refused").tags("reason", "too_many_sessions").counter()
                .count());
    }

    @Test
    void servicesAreToldApart() {
        SockJsListener chat = new SockJsMetrics(registry).service("chat");
        chat.sessionOpened(session("websocket"));
        echo.sessionOpened(session("websocket"));
        echo.sessionOpened(session("websocket"));
        assertEquals(1, registry.get("sockjs.sessions.open").tags("service", "chat").gauge().value());
        assertEquals(2, gauge("sockjs.sessions.open", "websocket"));
    }
}
