package dev.sockjs.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.harness.cluster.DemoCluster;
import dev.sockjs.harness.cluster.NginxBalancer;
import dev.sockjs.harness.relay.Brokers;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A few seconds of each benchmark against each target, so the tools cannot rot. Not a measurement: these check
 * that messages flow, that the counts add up, and that the delivery check catches a server that loses, repeats or
 * reorders. How much flows in the time given, and whether an anchor keeps order, depends on the machine and is
 * not asserted; our own server's per-session order is.
 */
class BenchSmokeTest {

    @ParameterizedTest
    @CsvSource({"websocket, ours, /echo, SOCKJS", "websocket, raw-jetty, /raw, RAW",
        "xhr-streaming, ours, /echo, SOCKJS", "xhr-polling, ours, /echo, SOCKJS",
        "xhr-streaming, spring, /echo, SOCKJS", "xhr-polling, spring, /echo, SOCKJS"})
    void echoRunsCleanly(String scenario, String target, String path, WebSocketEcho.Protocol protocol)
            throws Exception {
        try (AutoCloseable server = BenchTarget.start(target, 0)) {
            URI url = URI.create("http://127.0.0.1:" + BenchTarget.port(server) + path);
            BenchResult result = Bench.measure(new Bench.Options(scenario, url, protocol, 4, 64, 0, 1, 2, target, -1));
            // A closed-loop echo has one message in flight per session: whatever the server, nothing may go
            // missing, come twice or overtake another.
            assertDeliveredEverything(result);
            assertTrue(result.p50Micros() > 0 && result.p99Micros() >= result.p50Micros(), result.summary());

            JsonNode json = new ObjectMapper().readTree(result.json());
            assertEquals(target, json.get("target").asText());
            assertEquals(scenario + "-echo", json.get("scenario").asText());
            assertEquals(result.messages(), json.get("messages").asLong());
            assertEquals(result.lost(), json.get("lost").asLong());
            assertEquals(-1.0, json.get("serverCpuMicrosPerMessage").asDouble());
        }
    }

    @ParameterizedTest
    @CsvSource({"fanout, /broadcast, xhr-streaming-fanout", "websocket-fanout, /broadcast, websocket-fanout",
            "stomp, /stomp, stomp-fanout"})
    void fanOutReachesEverySessionOfOursInOrder(String scenario, String path, String name) throws Exception {
        BenchResult result = fanOut("ours", scenario, path);
        assertEquals(name, result.scenario());
        assertDeliveredEverything(result);
    }

    /**
     * Spring's simple broker and its SockJS sessions do not promise to keep a publisher's order across
     * subscribers' threads (see {@link SpringTarget}): late arrivals are theirs to report, not ours to fail on.
     */
    @ParameterizedTest
    @CsvSource({"fanout, /broadcast, xhr-streaming-fanout", "websocket-fanout, /broadcast, websocket-fanout",
            "stomp, /stomp, stomp-fanout"})
    void fanOutRunsAgainstSpring(String scenario, String path, String name) throws Exception {
        BenchResult result = fanOut("spring", scenario, path);
        assertEquals(name, result.scenario());
        assertTrue(result.messages() > 0, result.summary());
        assertEquals(0, result.duplicated(), result.summary());
        assertEquals(0, result.errors(), result.summary());
    }

    /**
     * Two of our nodes relaying to one RabbitMQ, reached directly and then through nginx (the cluster scenario):
     * the subscribers on both get every message, in order.
     */
    @Test
    void stompFanOutThroughTheRelayReachesSubscribersOnBothNodes() throws Exception {
        int rabbitMq = Brokers.RABBITMQ.port();
        try (AutoCloseable a = BenchTarget.start("ours", 0, rabbitMq);
                AutoCloseable b = BenchTarget.start("ours", 0, rabbitMq)) {
            List<URI> nodes = List.of(URI.create("http://127.0.0.1:" + BenchTarget.port(a) + "/stomp"),
                    URI.create("http://127.0.0.1:" + BenchTarget.port(b) + "/stomp"));
            BenchResult direct = Bench.measure(new Bench.Options("stomp-relay", nodes,
                    WebSocketEcho.Protocol.SOCKJS, 20, 64, 50, 1, 2, "ours", List.of()));
            assertEquals("stomp-fanout-2-nodes", direct.scenario());
            assertDeliveredEverything(direct);
            try (NginxBalancer nginx = new NginxBalancer(DemoCluster.defaultNginxConfig(),
                    List.of(BenchTarget.port(a), BenchTarget.port(b)))) {
                assertDeliveredEverything(Bench.measure(new Bench.Options("stomp-cluster",
                        List.of(URI.create(nginx.url() + "/stomp")), WebSocketEcho.Protocol.SOCKJS, 20, 64, 50, 1, 2,
                        "ours", List.of())));
            }
        }
    }

    private static void assertDeliveredEverything(BenchResult result) {
        assertTrue(result.messages() > 0, result.summary());
        assertEquals(0, result.lost(), result.summary());
        assertEquals(0, result.duplicated(), result.summary());
        assertEquals(0, result.outOfOrder(), result.summary());
        assertEquals(0, result.errors(), result.summary());
    }

    private static BenchResult fanOut(String target, String scenario, String path) throws Exception {
        try (AutoCloseable server = BenchTarget.start(target, 0)) {
            URI url = URI.create("http://127.0.0.1:" + BenchTarget.port(server) + path);
            return Bench.measure(new Bench.Options(scenario, url, WebSocketEcho.Protocol.SOCKJS, 20, 64, 50, 1, 2,
                    target, -1));
        }
    }

    /**
     * The fan-out scenario against a broadcast that, of every ten messages, drops one, sends one twice and holds
     * one back behind the next: the report must show all three.
     */
    @Test
    void theDeliveryCheckCatchesAServerThatLosesRepeatsAndReorders() throws Exception {
        try (ProtocolTestServer server = ProtocolTestServer.start("127.0.0.1", 0,
                context -> SockJsServlet.register(context, "/broadcast", new Misbehaving(),
                        SockJsOptions.defaults()))) {
            BenchResult result = Bench.measure(new Bench.Options("fanout", URI.create(server.url() + "/broadcast"),
                    WebSocketEcho.Protocol.SOCKJS, 5, 64, 50, 1, 2, "misbehaving", -1));
            assertTrue(result.lost() > 0, result.summary());
            assertTrue(result.duplicated() > 0, result.summary());
            assertTrue(result.outOfOrder() > 0, result.summary());
            assertEquals(0, result.errors(), result.summary());
        }
    }

    /** A broadcast that loses the 4th message of every ten, repeats the 6th and sends the 8th after the 9th. */
    private static final class Misbehaving implements SockJsHandler {
        private final Set<SockJsSession> sessions = ConcurrentHashMap.newKeySet();
        private long count;
        private String held;

        @Override
        public void onOpen(SockJsSession session) {
            sessions.add(session);
        }

        @Override
        public synchronized void onMessage(SockJsSession from, String message) {
            switch ((int) (count++ % 10)) {
                case 3 -> {
                }
                case 5 -> {
                    broadcast(message);
                    broadcast(message);
                }
                case 7 -> held = message;
                case 8 -> {
                    broadcast(message);
                    broadcast(held);
                }
                default -> broadcast(message);
            }
        }

        private void broadcast(String message) {
            for (SockJsSession session : sessions) {
                session.send(message);
            }
        }

        @Override
        public void onClose(SockJsSession session, int code, String reason) {
            sessions.remove(session);
        }
    }

    @ParameterizedTest
    @CsvSource({"websocket", "xhr-streaming"})
    void idleCapacityOpensAndHoldsEverySession(String transport) throws Exception {
        try (AutoCloseable server = BenchTarget.start("ours", 0)) {
            URI url = URI.create("http://127.0.0.1:" + BenchTarget.port(server) + "/broadcast");
            IdleCapacity.Result result = IdleCapacity.run(url, "ours", transport, 20, 1,
                    Bench.DEFAULT_HEARTBEAT_MILLIS, ProcessHandle.current().pid());
            assertEquals(20, result.open(), result.summary());
            assertEquals(0, result.errors(), result.summary());
            assertEquals(20, result.delivered(), "the one message reached every session: " + result.summary());
            assertTrue(result.threadsAfter() > 0, "threads are read from /proc");
            assertTrue(result.rssBytesPerSession() != -1, "resident memory is read from /proc");
        }
    }
}
