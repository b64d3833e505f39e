package dev.sockjs.testbrokers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * RabbitMQ with its STOMP plugin (Debian's {@code rabbitmq-server}), run by the test as a child process: its own
 * node name, data directory, Erlang port mapper and ports, all free loopback ports, so that it runs beside
 * anything else on the machine and never touches the system service.
 */
public final class RabbitMqBroker implements ExternalBroker {

    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");
    private static final long START_TIMEOUT_SECONDS = 120;

    private final Path base = Files.createTempDirectory("rabbitmq");
    private final int stompPort = ExternalBroker.freePort();
    private final int amqpPort = ExternalBroker.freePort();
    private final int distributionPort = ExternalBroker.freePort();
    private final int portMapperPort = ExternalBroker.freePort();
    private final Process portMapper;
    private Process server;

    public RabbitMqBroker() throws Exception {
        if (!Files.isExecutable(SERVER)) {
            throw new IllegalStateException("RabbitMQ is not installed: apt-get install rabbitmq-server (.ci/run does)");
        }
        Files.writeString(base.resolve("enabled_plugins"), "[rabbitmq_stomp].\n");
        Files.writeString(base.resolve("rabbitmq-env.conf"), "");
        Files.writeString(base.resolve("rabbitmq.conf"), String.join("\n",
                "listeners.tcp.default = 127.0.0.1:" + amqpPort,
                "stomp.listeners.tcp.1 = 127.0.0.1:" + stompPort,
                "default_user = " + LOGIN,
                "default_pass = " + PASSCODE,
                "loopback_users = none",
                "log.console = true",
                "log.console.level = warning",
                "log.file = false", ""));
        portMapper = new ProcessBuilder("epmd", "-port", Integer.toString(portMapperPort), "-address", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(base.resolve("epmd.log").toFile()).start();
        start();
    }

    @Override
    public void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(SERVER.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        environment(builder.environment());
        server = builder.start();
        awaitStomp();
    }

    /** The node's own names, ports and files, for the server and for {@code rabbitmqctl}. */
    private void environment(Map<String, String> env) {
        env.put("HOME", base.toString());
        env.put("RABBITMQ_NODENAME", "sockjs" + stompPort + "@localhost");
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
        env.put("ERL_EPMD_PORT", Integer.toString(portMapperPort));
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-start_epmd false");
        env.put("RABBITMQ_CONFIG_FILE", base.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", base.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", base.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", base.resolve("advanced.config").toString());
        env.put("RABBITMQ_MNESIA_BASE", base.resolve("data").toString());
        env.put("RABBITMQ_LOG_BASE", base.resolve("log").toString());
        env.put("RABBITMQ_PLUGINS_EXPAND_DIR", base.resolve("plugins-expanded").toString());
    }

    /**
     * How many connections to the STOMP port are established now, as the kernel counts them ({@code /proc/net/tcp}):
     * asking the broker would ask every connection's process, which a loaded broker answers only in part.
     */
    public int stompConnections() throws IOException {
        String port = String.format(":%04X ", stompPort);
        int established = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                // local_address rem_address st: a client's end of a connection to the port, established (01).
                if (fields.length > 3 && (fields[2] + " ").endsWith(port) && fields[3].equals("01")) {
                    established++;
                }
            }
        }
        return established;
    }

    /**
     * How many queues the topic exchange feeds for {@code topic} (a {@code /topic/NAME} destination): one per
     * STOMP subscription to it, so the number of messages the broker sends for each one published.
     */
    public int topicSubscriptions(String topic) throws IOException, InterruptedException {
        return (int) ctl("list_bindings", "source_name", "routing_key").stream()
                .filter(line -> line.equals("amq.topic\t" + topic)).count();
    }

    /** Runs {@code rabbitmqctl} on the node; its output lines, without the headers. */
    private List<String> ctl(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(CTL.toString(), "-q", "--no-table-headers"));
        args.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        environment(builder.environment());
        Process ctl = builder.start();
        List<String> lines;
        try (var out = ctl.inputReader(StandardCharsets.UTF_8)) {
            lines = out.lines().toList();
        }
        if (!ctl.waitFor(60, TimeUnit.SECONDS) || ctl.exitValue() != 0) {
            throw new IOException("rabbitmqctl " + String.join(" ", command) + " failed: " + lines);
        }
        return lines;
    }

    /** Until the STOMP listener answers a CONNECT (the node takes seconds to boot). */
    private void awaitStomp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("RabbitMQ exited with " + server.exitValue() + "; see "
                        + base.resolve("console.log"));
            }
            if (answersConnect()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("RabbitMQ's STOMP listener did not come up within " + START_TIMEOUT_SECONDS
                + " s; see " + base.resolve("console.log"));
    }

    private boolean answersConnect() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stompPort)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("CONNECT\naccept-version:1.2\nhost:/\nlogin:" + LOGIN + "\npasscode:"
                    + PASSCODE + "\n\n\0").getBytes(StandardCharsets.UTF_8));
            byte[] answer = socket.getInputStream().readNBytes(9);
            return new String(answer, StandardCharsets.UTF_8).equals("CONNECTED");
        } catch (IOException notYet) {
            return false;
        }
    }


    @Override
    public int port() {
        return stompPort;
    }

    /** The broker's processes (the start script and the Erlang VM under it), for their CPU time. */
    public List<Long> pids() {
        return server == null ? List.of()
                : Stream.concat(Stream.of(server.toHandle()), server.descendants()).map(ProcessHandle::pid).toList();
    }


    /** The script stops the node cleanly on SIGTERM; whatever is left after that is killed. */
    @Override
    public void stop() throws InterruptedException {
        if (server == null) {
            return;
        }
        List<ProcessHandle> tree = server.descendants().toList();
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        server = null;
    }

    @Override
    public void close() throws Exception {
        stop();
        portMapper.destroy();
        portMapper.waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> written = Files.walk(base)) {
            written.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
