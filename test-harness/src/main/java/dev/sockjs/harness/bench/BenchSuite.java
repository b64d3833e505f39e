package dev.sockjs.harness.bench;

import dev.sockjs.harness.cluster.DemoCluster;
import dev.sockjs.harness.cluster.NodeProcess;
import dev.sockjs.harness.cluster.StompCluster;
import dev.sockjs.testbrokers.RabbitMqBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one benchmark scenario against every target, each server in a JVM of its own, with the same untimed
 * warm-up, and prints a Markdown table of the medians with our ratio to each other target. The targets' servers
 * are up together and their runs interleaved, the order reversed every other round (A B, B A, A B), since on a
 * small machine whichever runs second measures slower; only {@code stomp-relay} runs one target's nodes at a time.
 *
 * <pre>
 * mvn -q install -DskipTests
 * mvn -q -pl test-harness exec:exec@bench -Dbench.args="--runs 3 --warmup 30 --duration 20"
 * mvn -q -pl test-harness exec:exec@bench -Dbench.args="--scenario xhr-streaming"
 * mvn -q -pl test-harness exec:exec@bench -Dbench.args="--scenario fanout --sessions 1000 --rate 20"
 * mvn -q -pl test-harness exec:exec@bench -Dbench.args="--scenario websocket-fanout --sessions 1000 --rate 40"
 * mvn -q -pl test-harness exec:exec@bench -Dbench.args="--scenario stomp --sessions 1000 --rate 20"
 * mvn -q -pl test-harness exec:exec@bench -Dbench.args="--scenario stomp-relay --sessions 1000 --rate 20"
 * mvn -q -pl test-harness exec:exec@bench -Dbench.args="--scenario stomp-cluster --nodes 1,2,3 --sessions 1000"
 * mvn -q -pl test-harness exec:exec@bench -Dbench.args="--scenario idle --sessions 10000 --duration 30"
 * </pre>
 *
 * Targets: {@code ours} (our SockJS services on embedded Jetty; they never block, so they are built with
 * {@code SockJsOptions.nonBlockingHandler(true)}), {@code ours-blocking} (the same with the default options,
 * where each websocket read and HTTP request is handed to a worker thread), {@code raw-jetty} (a plain Jakarta WebSocket
 * echo on the same Jetty, no SockJS framing: the ceiling of the standard API), {@code spring} (Spring
 * Framework's SockJS on the same Jetty, same options), {@code sockjs-node} (sockjs-node 0.3.24, installed from
 * the npm registry into {@code target/sockjs-node} on first use; needs {@code node} and {@code npm}).
 *
 * <p>The {@code stomp-relay} scenario starts RabbitMQ (Debian's {@code rabbitmq-server}, a child process on free
 * ports), runs each target as {@code --nodes} processes (default 2) whose STOMP brokers relay to it, spreads the
 * subscribers over them and publishes on the first; server CPU is the nodes' together, and a second table gives
 * the broker's STOMP connections and how many messages it sends per message published (its subscriptions to the
 * topic). The {@code stomp-cluster} scenario runs our target only, as each of {@code --nodes} node counts
 * (default {@code 1,2,3}) relaying to RabbitMQ behind nginx (Debian's, with the shipped
 * {@code deploy/nginx/sockjs.conf}), every client connecting through nginx.
 *
 * <p>Options: {@code --scenario
 * websocket|xhr-streaming|xhr-polling|fanout|websocket-fanout|stomp|stomp-relay|stomp-cluster|idle} (see
 * {@link Bench}; {@code fanout} receives over xhr-streaming),
 * {@code --targets ours,ours-blocking,ours-metrics,raw-jetty,core-jetty,spring,sockjs-node} (ours-metrics: ours
 * with Micrometer meters on every service; raw-jetty and core-jetty only for
 * websocket, where raw-jetty is in the default; ours-blocking is in the default of the echo scenarios; sockjs-node
 * has no STOMP), {@code --sessions 50}, {@code --size 64},
 * {@code --rate 20} (fan-outs only), {@code --warmup 30} (seconds, before the first run of each target),
 * {@code --duration 20} (seconds per run; for idle, how long the sessions are held), {@code --runs 3},
 * {@code --transport websocket|xhr-streaming} (idle only), {@code --json FILE} (every run, one JSON object per
 * line). The idle scenario (the broadcast service's sessions) runs once per target, on a fresh server, and prints
 * heartbeat lateness, the reach of one message to all, threads, and heap and resident memory per
 * session instead. Fan-outs deliver at the publisher's pace on every target, so their table compares server CPU
 * per delivery.
 */
public final class BenchSuite {

    private static final String SOCKJS_NODE_VERSION = "0.3.24";

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = "websocket";
        List<String> targets = null;
        int sessions = 50;
        int size = 64;
        int rate = 20;
        int warmup = 30;
        int duration = 20;
        int runs = 3;
        String transport = "websocket";
        int nodeCount = 2;
        List<Integer> nodeCounts = List.of(1, 2, 3);
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenario = args[++i];
                case "--targets" -> targets = List.of(args[++i].split(","));
                case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--transport" -> transport = args[++i];
                case "--json" -> json = Path.of(args[++i]);
                case "--nodes" -> {
                    nodeCounts = Stream.of(args[++i].split(",")).map(Integer::valueOf).toList();
                    nodeCount = nodeCounts.get(0);
                }
                default -> {
                    System.err.println("unknown option " + args[i] + "; see the Javadoc of "
                            + BenchSuite.class.getName());
                    System.exit(2);
                }
            }
        }
        boolean websocket = scenario.equals("websocket");
        if (scenario.equals("stomp-cluster")) {
            cluster(nodeCounts, sessions, size, rate, warmup, duration, runs);
            return;
        }
        if (scenario.equals("idle")) {
            idle(targets == null ? List.of("ours", "spring", "sockjs-node") : targets, transport, sessions, duration);
            return;
        }
        if (targets == null) {
            targets = websocket ? List.of("ours", "ours-blocking", "raw-jetty", "spring", "sockjs-node")
                    : scenario.startsWith("stomp") ? List.of("ours", "spring")
                    : scenario.startsWith("xhr-") ? List.of("ours", "ours-blocking", "spring", "sockjs-node")
                    : List.of("ours", "spring", "sockjs-node");
        } else if (scenario.startsWith("stomp") && targets.contains("sockjs-node")) {
            System.err.println("sockjs-node has no STOMP broker");
            System.exit(2);
        } else if (!websocket && targets.contains("raw-jetty")) {
            System.err.println("raw-jetty speaks plain websocket only; it has no " + scenario + " transport");
            System.exit(2);
        }
        boolean paced = scenario.endsWith("fanout") || scenario.startsWith("stomp");
        boolean relay = scenario.equals("stomp-relay");
        Map<String, List<BenchResult>> results = new LinkedHashMap<>();
        Map<String, String> brokerSide = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        Load suite = new Load(scenario, sessions, size, rate, warmup, duration, runs);
        RabbitMqBroker broker = relay ? new RabbitMqBroker() : null;
        try {
            if (relay) {
                // One target's nodes at a time: the broker's connections and subscriptions are counted per target.
                for (String target : targets) {
                    try (TargetServers servers = TargetServers.start(target, nodeCount, broker)) {
                        for (int number = 0; number < runs; number++) {
                            suite.measure(target, servers, number, results, lines, brokerSide);
                        }
                    }
                }
            } else {
                // Every target up at once, their runs interleaved and the order reversed every other round:
                // whichever target runs second in a pair measures slower on a small machine, and this cancels it.
                Map<String, TargetServers> all = new LinkedHashMap<>();
                try {
                    for (String target : targets) {
                        all.put(target, TargetServers.start(target, 1, null));
                    }
                    for (int number = 0; number < runs; number++) {
                        List<String> order = new ArrayList<>(targets);
                        if (number % 2 == 1) {
                            Collections.reverse(order);
                        }
                        for (String target : order) {
                            suite.measure(target, all.get(target), number, results, lines, brokerSide);
                        }
                    }
                } finally {
                    for (TargetServers servers : all.values()) {
                        servers.close();
                    }
                }
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        Map<String, BenchResult> medians = new LinkedHashMap<>();
        for (String target : targets) {
            List<BenchResult> of = results.get(target);
            // A paced fan-out delivers what the publisher sends whoever serves it: what differs is the cost.
            of.sort(paced ? Comparator.comparingDouble(BenchResult::serverCpuMicrosPerMessage)
                    : Comparator.comparingDouble(BenchResult::messagesPerSecond));
            medians.put(target, of.get(of.size() / 2));
        }
        if (json != null) {
            Files.write(json, lines, StandardCharsets.UTF_8);
        }
        System.out.println();
        String load = switch (scenario) {
            case "fanout" -> String.format(Locale.ROOT, "xhr-streaming broadcast fan-out, %d sessions, one publisher"
                    + " at %d msg/s (msg/s counts deliveries)", sessions, rate);
            case "websocket-fanout" -> String.format(Locale.ROOT, "websocket broadcast fan-out, %d sessions, one"
                    + " publisher at %d msg/s (msg/s counts deliveries)", sessions, rate);
            case "stomp" -> String.format(Locale.ROOT, "STOMP fan-out over SockJS websockets, %d subscribers to one"
                    + " topic, one publisher at %d msg/s (msg/s counts deliveries)", sessions, rate);
            case "stomp-relay" -> String.format(Locale.ROOT, "STOMP fan-out through RabbitMQ, %d subscribers to one"
                    + " topic over %d nodes, one publisher at %d msg/s (msg/s counts deliveries; server CPU is all"
                    + " nodes')", sessions, nodeCount, rate);
            default -> scenario + " echo, " + sessions + " sessions, closed loop";
        };
        System.out.println(table(load, paced, medians, size, duration, runs));
        if (!brokerSide.isEmpty()) {
            System.out.println("| target | broker STOMP connections | broker messages per published message |");
            System.out.println("|---|---:|---:|");
            brokerSide.forEach((target, counts) -> System.out.println("| " + target + " | " + counts + " |"));
        }
    }

    /** What every run of a suite measures. */
    private record Load(String scenario, int sessions, int size, int rate, int warmup, int duration, int runs) {

        /** Run {@code number} (from 0) of {@code target}: its result into {@code results} and {@code lines}. */
        void measure(String target, TargetServers servers, int number, Map<String, List<BenchResult>> results,
                List<String> lines, Map<String, String> brokerSide) throws IOException {
            System.out.println("== " + target + " run " + (number + 1) + " of " + runs
                    + (number == 0 ? " (after " + warmup + " s of warm-up)" : ""));
            BenchResult result = Bench.measure(new Bench.Options(scenario, servers.urls(scenario), servers.protocol(),
                    sessions, size, rate, number == 0 ? warmup : 2, duration, target, servers.pids()),
                    number == 0 ? servers.brokerCount(brokerSide) : () -> { });
            System.out.println(result.summary());
            results.computeIfAbsent(target, t -> new ArrayList<>()).add(result);
            lines.add(result.json().replaceAll("\\s*\\n\\s*", " "));
        }
    }

    /** A target's server processes (one per node), and what a run needs of them. */
    private record TargetServers(String target, List<Process> processes, List<Integer> ports, RabbitMqBroker broker)
            implements AutoCloseable {

        static TargetServers start(String target, int nodes, RabbitMqBroker broker) throws Exception {
            List<Process> processes = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            try {
                for (int node = 0; node < nodes; node++) {
                    Process server = startTarget(target, broker);
                    processes.add(server);
                    ports.add(awaitReady(server, broker != null ? target + "-node" + node : target));
                }
            } catch (Exception e) {
                for (Process server : processes) {
                    stop(server);
                }
                throw e;
            }
            return new TargetServers(target, processes, ports, broker);
        }

        private boolean raw() {
            return target.equals("raw-jetty") || target.equals("core-jetty");
        }

        WebSocketEcho.Protocol protocol() {
            return raw() ? WebSocketEcho.Protocol.RAW : WebSocketEcho.Protocol.SOCKJS;
        }

        List<URI> urls(String scenario) {
            String path = switch (raw() ? "raw" : scenario) {
                case "raw" -> "/raw";
                case "fanout", "websocket-fanout" -> "/broadcast";
                case "stomp", "stomp-relay" -> "/stomp";
                default -> "/echo";
            };
            return ports.stream().map(port -> URI.create("http://127.0.0.1:" + port + path)).toList();
        }

        List<Long> pids() {
            return processes.stream().map(Process::pid).toList();
        }

        /**
         * Reads the broker's side into {@code into} (after the first run's warm-up, the load paused: rabbitmqctl
         * takes seconds of CPU, which must not fall into a measured run); nothing without a broker.
         */
        Runnable brokerCount(Map<String, String> into) {
            if (broker == null) {
                return () -> { };
            }
            return () -> {
                String counted;
                try {
                    counted = broker.stompConnections() + " | "
                            + broker.topicSubscriptions(StompFanOut.TOPIC.substring("/topic/".length()));
                } catch (IOException | RuntimeException e) {
                    counted = "n/a (" + e + ") | n/a";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    counted = "n/a | n/a";
                }
                into.put(target, counted);
            };
        }

        @Override
        public void close() throws InterruptedException {
            for (Process server : processes) {
                stop(server);
            }
        }
    }

    /**
     * The {@code stomp-cluster} scenario: our target as 1, 2, 3... nodes relaying to one RabbitMQ behind nginx with
     * the shipped configuration, every client (subscribers and publisher) connecting through nginx. Server CPU is
     * the nodes' together; nginx's and RabbitMQ's CPU per delivery are reported beside it.
     */
    private static void cluster(List<Integer> nodeCounts, int sessions, int size, int rate, int warmup,
            int duration, int runs) throws Exception {
        Map<Integer, BenchResult> medians = new LinkedHashMap<>();
        Map<Integer, double[]> around = new LinkedHashMap<>();
        try (RabbitMqBroker broker = new RabbitMqBroker()) {
            for (int nodeCount : nodeCounts) {
                List<BenchResult> results = new ArrayList<>();
                List<double[]> costs = new ArrayList<>();
                try (StompCluster cluster = StompCluster.start(nodeCount, broker.port(), List.of("-Xmx1g"),
                        DemoCluster.defaultNginxConfig(), Path.of("target", "bench-logs"))) {
                    List<URI> url = List.of(URI.create(cluster.url() + "stomp"));
                    List<Long> nodes = cluster.nodes().stream().map(NodeProcess::pid).toList();
                    for (int run = 0; run < runs; run++) {
                        System.out.println("== " + nodeCount + " node(s) run " + (run + 1) + " of " + runs
                                + (run == 0 ? " (after " + warmup + " s of warm-up)" : ""));
                        long[] before = new long[2];
                        BenchResult result = Bench.measure(new Bench.Options("stomp-cluster", url,
                                WebSocketEcho.Protocol.SOCKJS, sessions, size, rate, run == 0 ? warmup : 2, duration,
                                "ours-" + nodeCount + "-nodes", nodes), () -> {
                                    before[0] = cpu(cluster.balancerPids());
                                    before[1] = cpu(broker.pids());
                                });
                        double deliveries = Math.max(1, result.messages());
                        double[] cost = {(cpu(cluster.balancerPids()) - before[0]) / 1e3 / deliveries,
                            (cpu(broker.pids()) - before[1]) / 1e3 / deliveries};
                        System.out.printf(Locale.ROOT, "%s; nginx %.1f us, RabbitMQ %.1f us per delivery%n",
                                result.summary(), cost[0], cost[1]);
                        results.add(result);
                        costs.add(cost);
                    }
                }
                List<Integer> byCpu = new ArrayList<>();
                for (int i = 0; i < results.size(); i++) {
                    byCpu.add(i);
                }
                byCpu.sort(Comparator.comparingDouble(i -> results.get(i).serverCpuMicrosPerMessage()));
                int median = byCpu.get(byCpu.size() / 2);
                medians.put(nodeCount, results.get(median));
                around.put(nodeCount, costs.get(median));
            }
        }
        System.out.println();
        System.out.println(clusterTable(medians, around, sessions, size, rate, duration, runs));
    }

    static String clusterTable(Map<Integer, BenchResult> medians, Map<Integer, double[]> around, int sessions,
            int size, int rate, int duration, int runs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "STOMP fan-out through nginx to our nodes relaying to RabbitMQ, %d"
                + " subscribers to one topic, one publisher at %d msg/s (msg/s counts deliveries), %d-byte messages,"
                + " %d s, median of %d by server CPU; Java %s, %d cores%n%n", sessions, rate, size, duration, runs,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        sb.append("| nodes | msg/s | p50 us | p99 us | server CPU us/delivery (all nodes) | vs 1 node | nginx us/delivery"
                + " | RabbitMQ us/delivery | lost/dup/late/errors |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        BenchResult one = medians.get(1);
        medians.forEach((nodes, r) -> sb.append(String.format(Locale.ROOT,
                "| %d | %,.0f | %.0f | %.0f | %.1f | %s | %.1f | %.1f | %d/%d/%d/%d |%n", nodes, r.messagesPerSecond(),
                r.p50Micros(), r.p99Micros(), r.serverCpuMicrosPerMessage(), one == null ? "-"
                        : String.format(Locale.ROOT, "%.2f", r.serverCpuMicrosPerMessage()
                                / one.serverCpuMicrosPerMessage()), around.get(nodes)[0], around.get(nodes)[1],
                r.lost(), r.duplicated(), r.outOfOrder(), r.errors())));
        return sb.toString();
    }

    /** CPU nanoseconds of the processes together (those gone count nothing). */
    private static long cpu(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += Math.max(0, ProcessCpu.of(pid));
        }
        return sum;
    }

    /**
     * Idle capacity on every target in turn, one run each on a fresh server: {@code sessions} sessions over
     * {@code transport}, held {@code holdSeconds}.
     */
    private static void idle(List<String> targets, String transport, int sessions, int holdSeconds)
            throws Exception {
        if (targets.contains("raw-jetty")) {
            System.err.println("raw-jetty has no SockJS sessions to hold");
            System.exit(2);
        }
        Map<String, IdleCapacity.Result> results = new LinkedHashMap<>();
        for (String target : targets) {
            Process server = startTarget(target, null);
            try {
                URI url = URI.create("http://127.0.0.1:" + awaitReady(server, target) + "/broadcast");
                System.out.println("== " + target);
                IdleCapacity.Result result = IdleCapacity.run(url, target, transport, sessions, holdSeconds,
                        Bench.DEFAULT_HEARTBEAT_MILLIS, server.pid());
                System.out.println(result.summary());
                results.put(target, result);
            } finally {
                stop(server);
            }
        }
        System.out.println();
        System.out.println(idleTable(results, transport, sessions, holdSeconds));
    }

    static String idleTable(Map<String, IdleCapacity.Result> results, String transport, int sessions,
            int holdSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "idle %s sessions, %d opened, held %d s with heartbeats on; Java %s,"
                + " %d cores%n%n", transport, sessions, holdSeconds, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        sb.append("| target | open | opened in | heartbeats per session | heartbeat late p99 / max | errors"
                + " | one message reached, in | heap per session | RSS per session | heap after GC | threads before,"
                + " after | server CPU while held | ours / target (heap, RSS) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        IdleCapacity.Result ours = results.get("ours");
        for (IdleCapacity.Result r : results.values()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f s | %.1f | %.0f / %.0f ms | %d | %d, %.0f ms | %s"
                    + " | %s | %s | %d, %d | %.1f%% | %s, %s |%n", r.target(), r.open(), r.openSeconds(),
                    r.open() == 0 ? 0.0 : (double) r.heartbeats() / r.open(), r.heartbeatLateP99Millis(),
                    r.heartbeatLateMaxMillis(), r.errors(), r.delivered(), r.deliveryMillis(),
                    kib(r.heapBytesPerSession()), kib(r.rssBytesPerSession()),
                    r.heapAfterGcBytes() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB",
                            r.heapAfterGcBytes() / 1048576.0), r.threadsBefore(), r.threadsAfter(),
                    r.idleCpuPercent(),
                    ratio(ours == null ? -1 : ours.heapBytesPerSession(), r.heapBytesPerSession()),
                    ratio(ours == null ? -1 : ours.rssBytesPerSession(), r.rssBytesPerSession())));
        }
        return sb.toString();
    }

    private static String kib(double bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }

    private static String ratio(double ours, double theirs) {
        return ours < 0 || theirs <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", ours / theirs);
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the target; with a broker, its STOMP broker relays to it. */
    private static Process startTarget(String target, RabbitMqBroker broker) throws IOException, InterruptedException {
        if (target.equals("sockjs-node")) {
            Path script = installSockJsNode();
            return new ProcessBuilder("node", script.toString(), "0").redirectErrorStream(true).start();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        if (broker != null) {
            command.add("-D" + BenchTarget.RELAY_PORT + "=" + broker.port());
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchTarget.class.getName(), target,
                "0"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
    }

    /** Installs sockjs-node 0.3.24 from the npm registry into target/sockjs-node, once, with our server script. */
    private static Path installSockJsNode() throws IOException, InterruptedException {
        Path dir = Path.of("target", "sockjs-node").toAbsolutePath();
        Files.createDirectories(dir);
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("sockjs"))) {
            System.out.println("== installing sockjs@" + SOCKJS_NODE_VERSION + " into " + dir);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(),
                    "sockjs@" + SOCKJS_NODE_VERSION).inheritIO().start();
            if (npm.waitFor() != 0) {
                throw new IOException("npm install sockjs@" + SOCKJS_NODE_VERSION + " failed");
            }
        }
        Path script = dir.resolve("server.js");
        try (var in = BenchSuite.class.getResourceAsStream("/bench/sockjs-node-server.js")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    /** Waits for the target's READY line; everything it prints goes to target/bench-logs/TARGET.log. */
    private static int awaitReady(Process server, String target) throws IOException {
        Path log = Path.of("target", "bench-logs", target + ".log");
        Files.createDirectories(log.getParent());
        var logOut = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            logOut.write(line);
            logOut.newLine();
            if (line.startsWith("READY ")) {
                logOut.flush();
                Thread drain = new Thread(() -> {
                    try (logOut) {
                        String more;
                        while ((more = out.readLine()) != null) {
                            logOut.write(more);
                            logOut.newLine();
                        }
                    } catch (IOException ignored) {
                        // The server went away.
                    }
                }, "bench-target-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(6).trim());
            }
        }
        logOut.close();
        throw new IOException("the target exited before it was ready; see " + log);
    }

    /**
     * The medians as a Markdown table. Closed loops compare throughput (ours / target, higher is better); paced
     * fan-outs compare server CPU per delivery (ours / target, lower is better).
     */
    static String table(String load, boolean paced, Map<String, BenchResult> medians, int size, int duration,
            int runs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %d-byte messages, %d s, median of %d; Java %s, %d cores%n%n",
                load, size, duration, runs,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        sb.append("| target | msg/s | p50 us | p99 us | p99.9 us | server CPU us/msg | client CPU us/msg"
                + " | lost/dup/late/errors | ours / target (" + (paced ? "server CPU" : "msg/s") + ") |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        BenchResult ours = medians.get("ours");
        for (BenchResult r : medians.values()) {
            sb.append(String.format(Locale.ROOT,
                    "| %s | %,.0f | %.0f | %.0f | %.0f | %.1f | %.1f | %d/%d/%d/%d | %s |%n",
                    r.target(), r.messagesPerSecond(), r.p50Micros(), r.p99Micros(), r.p999Micros(),
                    r.serverCpuMicrosPerMessage(), r.clientCpuMicrosPerMessage(), r.lost(), r.duplicated(),
                    r.outOfOrder(), r.errors(), ours == null ? "-" : String.format(Locale.ROOT, "%.2f", paced
                            ? ours.serverCpuMicrosPerMessage() / r.serverCpuMicrosPerMessage()
                            : ours.messagesPerSecond() / r.messagesPerSecond())));
        }
        return sb.toString();
    }
}
