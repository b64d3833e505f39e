package dev.sockjs.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A few seconds of each benchmark against each target, so the tools cannot rot. Not a measurement. */
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
            assertTrue(result.messages() > 100, result.summary());
            assertEquals(0, result.lost(), result.summary());
            assertEquals(0, result.duplicated(), result.summary());
            assertEquals(0, result.outOfOrder(), result.summary());
            assertEquals(0, result.errors(), result.summary());
            assertTrue(result.p50Micros() > 0 && result.p99Micros() >= result.p50Micros(), result.summary());

            JsonNode json = new ObjectMapper().readTree(result.json());
            assertEquals(target, json.get("target").asText());
            assertEquals(scenario + "-echo", json.get("scenario").asText());
            assertEquals(result.messages(), json.get("messages").asLong());
            assertEquals(-1.0, json.get("serverCpuMicrosPerMessage").asDouble());
        }
    }

    @ParameterizedTest
    @CsvSource({"fanout, ours, /broadcast, xhr-streaming-fanout", "fanout, spring, /broadcast, xhr-streaming-fanout",
        "stomp, ours, /stomp, stomp-fanout", "stomp, spring, /stomp, stomp-fanout"})
    void fanOutReachesEverySessionInOrder(String scenario, String target, String path, String name)
            throws Exception {
        try (AutoCloseable server = BenchTarget.start(target, 0)) {
            URI url = URI.create("http://127.0.0.1:" + BenchTarget.port(server) + path);
            BenchResult result = Bench.measure(new Bench.Options(scenario, url, WebSocketEcho.Protocol.SOCKJS, 20,
                    64, 50, 1, 2, target, -1));
            // 20 sessions, 50 messages a second, 2 s: about 2,000 deliveries if every session gets every message.
            assertTrue(result.messages() > 1500, result.summary());
            assertEquals(0, result.lost(), result.summary());
            assertEquals(0, result.duplicated(), result.summary());
            assertEquals(0, result.outOfOrder(), result.summary());
            assertEquals(0, result.errors(), result.summary());
            assertEquals(name, result.scenario());
        }
    }

    @ParameterizedTest
    @CsvSource({"websocket", "xhr-streaming"})
    void idleCapacityOpensAndHoldsEverySession(String transport) throws Exception {
        try (AutoCloseable server = BenchTarget.start("ours", 0)) {
            URI url = URI.create("http://127.0.0.1:" + BenchTarget.port(server) + "/echo");
            IdleCapacity.Result result = IdleCapacity.run(url, "ours", transport, 20, 1,
                    ProcessHandle.current().pid());
            assertEquals(20, result.open(), result.summary());
            assertEquals(0, result.errors(), result.summary());
            assertTrue(result.rssBytesPerSession() != -1, "resident memory is read from /proc");
        }
    }
}
