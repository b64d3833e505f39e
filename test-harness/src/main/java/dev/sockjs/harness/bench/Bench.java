package dev.sockjs.harness.bench;

import dev.sockjs.server.SockJsOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario against one target and reports throughput, latency percentiles, delivery errors and CPU per
 * message (the server's too, given its process id).
 *
 * <pre>
 * Bench --url http://127.0.0.1:8081/echo [--scenario websocket|xhr-streaming|xhr-polling]
 *       [--protocol sockjs|raw] [--sessions 50] [--size 64] [--warmup 30] [--duration 20] [--target NAME]
 *       [--server-pid PID] [--json FILE]
 * Bench --scenario fanout|websocket-fanout --url http://127.0.0.1:8081/broadcast --sessions 1000 --rate 20 ...
 * Bench --scenario stomp --url http://127.0.0.1:8081/stomp --sessions 1000 --rate 20 ...
 * Bench --scenario stomp-relay --url http://127.0.0.1:8081/stomp --url http://127.0.0.1:8082/stomp ...
 * Bench --scenario idle [--transport websocket|xhr-streaming] --url http://127.0.0.1:8081/broadcast --sessions 10000
 *       --duration 30 --server-pid PID
 * </pre>
 *
 * The echo scenarios ({@link WebSocketEcho}, {@link HttpEcho}) keep one message in flight per session;
 * {@code --protocol raw} speaks plain websocket messages (for a websocket echo without SockJS). The fan-out
 * scenarios ({@link StreamingFanOut}, {@link WebSocketFanOut}, and {@link StompFanOut} over STOMP) need a
 * broadcast service or a STOMP broker with a {@code /topic}; {@code --rate} is their publisher's messages per
 * second, and their throughput counts deliveries. The idle scenario ({@link IdleCapacity}) opens the sessions of a
 * broadcast service, holds them {@code --duration} seconds, sends one message to all of them, and reports the
 * server's heap after GC and resident memory per session, heartbeat lateness, threads and CPU.
 */
public final class Bench {

    /** The heartbeat period of every target's services: SockJS's default, which all of them keep. */
    static final long DEFAULT_HEARTBEAT_MILLIS = SockJsOptions.defaults().heartbeatInterval().toMillis();

    /**
     * How one run is set up.
     *
     * @param nodes the server nodes: the sessions are spread over them, a publisher uses the first
     * @param serverPids the nodes' processes, whose CPU is summed (none: not measured)
     */
    public record Options(String scenario, List<URI> nodes, WebSocketEcho.Protocol protocol, int sessions, int size,
            int rate, int warmupSeconds, int durationSeconds, String target, List<Long> serverPids) {

        /** One node, whose process is {@code serverPid} (-1: not measured). */
        public Options(String scenario, URI url, WebSocketEcho.Protocol protocol, int sessions, int size, int rate,
                int warmupSeconds, int durationSeconds, String target, long serverPid) {
            this(scenario, List.of(url), protocol, sessions, size, rate, warmupSeconds, durationSeconds, target,
                    serverPid > 0 ? List.of(serverPid) : List.of());
        }

        URI url() {
            return nodes.get(0);
        }
    }

    /** The echo scenarios by name. */
    static Scenario scenario(Options o) {
        return switch (o.scenario()) {
            case "websocket" -> new WebSocketEcho(o.url(), o.protocol(), o.sessions(), o.size());
            case "xhr-streaming" -> new HttpEcho(o.url(), HttpEcho.Transport.XHR_STREAMING, o.sessions(), o.size());
            case "xhr-polling" -> new HttpEcho(o.url(), HttpEcho.Transport.XHR_POLLING, o.sessions(), o.size());
            case "fanout" -> new StreamingFanOut(o.url(), o.sessions(), o.size(), o.rate());
            case "websocket-fanout" -> new WebSocketFanOut(o.url(), o.sessions(), o.size(), o.rate());
            case "stomp", "stomp-relay", "stomp-cluster" -> new StompFanOut(o.nodes(), o.sessions(), o.size(),
                    o.rate());
            default -> throw new IllegalArgumentException("unknown scenario " + o.scenario()
                    + "; use websocket, xhr-streaming, xhr-polling, fanout, websocket-fanout, stomp, stomp-relay or idle");
        };
    }

    private static final int OPEN_TIMEOUT_SECONDS = 30;

    private Bench() {
    }

    /** Runs the scenario; progress goes to {@code System.out} once a second. */
    public static String run(Options options) throws IOException {
        return measure(options).json();
    }

    static BenchResult measure(Options o) throws IOException {
        return measure(o, () -> { });
    }

    /**
     * Runs the scenario, calling {@code warmedUp} between the warm-up and the measured part, every session open;
     * the load pauses while it runs (it runs on the load's thread), so that what it does costs the measured part
     * nothing.
     */
    static BenchResult measure(Options o, Runnable warmedUp) throws IOException {
        Scenario scenario = scenario(o);
        Deliveries deliveries = scenario.deliveries;
        try (LoadClient client = new LoadClient()) {
            scenario.start(client);
            // Opening thousands of connections at once can overflow the server's accept queue, and the kernel
            // retries a dropped connection only after a second or more: give the sessions time before warming up.
            long openDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(OPEN_TIMEOUT_SECONDS);
            while (scenario.open + scenario.errors < o.sessions() && System.nanoTime() < openDeadline) {
                client.runUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
            }
            client.runUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, o.warmupSeconds())));
            if (scenario.open < o.sessions()) {
                throw new IOException("only " + scenario.open + " of " + o.sessions() + " sessions opened at "
                        + o.url() + " (errors: " + scenario.errors + ")");
            }
            warmedUp.run();
            deliveries.startRecording();
            long clientCpu = ProcessCpu.self();
            long serverCpu = serverCpu(o.serverPids());
            long start = System.nanoTime();
            long lastCount = 0;
            for (int second = 1; second <= o.durationSeconds(); second++) {
                client.runUntil(start + TimeUnit.SECONDS.toNanos(second));
                System.out.printf(Locale.ROOT, "[%3ds] %,10d msg/s  p99 %,8d us  lost %d  errors %d%n", second,
                        deliveries.received - lastCount, deliveries.latencyMicros.getValueAtPercentile(99),
                        deliveries.lost, scenario.errors);
                lastCount = deliveries.received;
            }
            if (!scenario.errorReasons.isEmpty()) {
                System.out.println("errors by kind: " + scenario.errorReasons);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long messages = Math.max(1, deliveries.received);
            double clientMicros = (ProcessCpu.self() - clientCpu) / 1e3 / messages;
            double serverMicros = serverCpu < 0 ? -1 : (serverCpu(o.serverPids()) - serverCpu) / 1e3 / messages;
            return new BenchResult(scenario.name(), o.target(), o.sessions(), o.size(), seconds,
                    deliveries.received, deliveries.received / seconds,
                    deliveries.latencyMicros.getValueAtPercentile(50),
                    deliveries.latencyMicros.getValueAtPercentile(99),
                    deliveries.latencyMicros.getValueAtPercentile(99.9), deliveries.lost, deliveries.duplicated,
                    deliveries.outOfOrder, scenario.errors, clientMicros, serverMicros);
        }
    }

    /** CPU nanoseconds the processes have used together, or -1 if there are none or one is unknown. */
    private static long serverCpu(List<Long> pids) {
        if (pids.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (long pid : pids) {
            long cpu = ProcessCpu.of(pid);
            if (cpu < 0) {
                return -1;
            }
            sum += cpu;
        }
        return sum;
    }

    public static void main(String[] args) throws Exception {
        List<URI> urls = new ArrayList<>();
        WebSocketEcho.Protocol protocol = WebSocketEcho.Protocol.SOCKJS;
        int sessions = 50;
        int size = 64;
        int rate = 20;
        int warmup = 30;
        int duration = 20;
        String target = "target";
        long pid = -1;
        Path json = null;
        String scenario = "websocket";
        String transport = "websocket";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenario = args[++i];
                case "--transport" -> transport = args[++i];
                case "--url" -> urls.add(URI.create(args[++i]));
                case "--protocol" -> protocol = WebSocketEcho.Protocol.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--target" -> target = args[++i];
                case "--server-pid" -> pid = Long.parseLong(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i] + "; see the Javadoc of " + Bench.class.getName());
                    System.exit(2);
                }
            }
        }
        if (urls.isEmpty()) {
            System.err.println("--url is required (several for stomp-relay: one per node)");
            System.exit(2);
        }
        if (scenario.equals("idle")) {
            System.out.println(IdleCapacity.run(urls.get(0), target, transport, sessions, duration,
                    DEFAULT_HEARTBEAT_MILLIS, pid).summary());
            return;
        }
        BenchResult result = measure(new Options(scenario, urls, protocol, sessions, size, rate, warmup, duration,
                target, pid > 0 ? List.of(pid) : List.of()));
        System.out.println(result.summary());
        if (json != null) {
            Files.writeString(json, result.json());
        }
    }
}
