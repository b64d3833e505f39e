package dev.sockjs.harness.cluster;

import dev.sockjs.harness.DemoServer;
import dev.sockjs.testbrokers.ExternalBroker;
import dev.sockjs.testbrokers.RabbitMqBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo as a cluster: {@code --nodes} demo WARs, each on embedded Jetty on a port of its own, their STOMP chat
 * relayed to one RabbitMQ, behind nginx configured with the shipped {@code deploy/nginx/sockjs.conf}. RabbitMQ is
 * started here (Debian's {@code rabbitmq-server}, a child process on free ports) unless {@code --broker} names one
 * ({@code rabbitmq://LOGIN:PASSCODE@HOST:PORT}); nginx is Debian's, a child process too.
 *
 * <pre>
 * mvn -q install -DskipTests
 * mvn -q -pl test-harness exec:exec@cluster [-Dcluster.args="--nodes 3 --port 8080"]
 * </pre>
 */
public final class DemoCluster implements AutoCloseable {

    private final RabbitMqBroker ownBroker;
    private final List<DemoServer> nodes;
    private final NginxBalancer nginx;

    private DemoCluster(RabbitMqBroker ownBroker, List<DemoServer> nodes, NginxBalancer nginx) {
        this.ownBroker = ownBroker;
        this.nodes = nodes;
        this.nginx = nginx;
    }

    /**
     * Starts the cluster.
     *
     * @param port nginx's port on 127.0.0.1 (0: a free one)
     * @param broker the relay's broker as {@code rabbitmq://...}, or {@code null} to start one here
     */
    public static DemoCluster start(int nodeCount, int port, String broker, Path war, Path nginxConfig)
            throws Exception {
        RabbitMqBroker own = null;
        List<DemoServer> nodes = new ArrayList<>();
        try {
            if (broker == null) {
                own = new RabbitMqBroker();
                broker = rabbitMq(own.port());
            }
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < nodeCount; i++) {
                DemoServer node = DemoServer.start("127.0.0.1", 0, war, Map.of("stomp.brokerRelay", broker,
                        "demo.node", "node-" + (i + 1)));
                nodes.add(node);
                ports.add(node.port());
            }
            return new DemoCluster(own, nodes, new NginxBalancer(nginxConfig, ports, port));
        } catch (Exception | Error e) {
            for (DemoServer node : nodes) {
                node.close();
            }
            if (own != null) {
                own.close();
            }
            throw e;
        }
    }

    /** The {@code stomp.brokerRelay} of a test RabbitMQ ({@link ExternalBroker}'s login) on 127.0.0.1. */
    public static String rabbitMq(int stompPort) {
        return "rabbitmq://" + ExternalBroker.LOGIN + ":" + ExternalBroker.PASSCODE + "@127.0.0.1:" + stompPort;
    }

    /** Where a browser opens the demo: nginx. */
    public String url() {
        return nginx.url() + "/";
    }

    /** The nodes, each reachable directly too. */
    public List<DemoServer> nodes() {
        return nodes;
    }

    @Override
    public void close() throws Exception {
        nginx.close();
        for (DemoServer node : nodes) {
            node.close();
        }
        if (ownBroker != null) {
            ownBroker.close();
        }
    }

    /** The shipped nginx configuration: the system property {@code sockjs.nginx.conf}, else found from here. */
    public static Path defaultNginxConfig() {
        String property = System.getProperty("sockjs.nginx.conf");
        if (property != null) {
            return Path.of(property);
        }
        Path here = Path.of("deploy/nginx/sockjs.conf");
        return Files.isRegularFile(here) ? here : Path.of("../deploy/nginx/sockjs.conf");
    }

    public static void main(String[] args) throws Exception {
        DemoServer.oneLineLogs();
        int nodeCount = 3;
        int port = 8080;
        String broker = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> nodeCount = Integer.parseInt(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--broker" -> broker = args[++i];
                default -> {
                    System.err.println("usage: DemoCluster [--nodes N] [--port PORT] "
                            + "[--broker rabbitmq://LOGIN:PASSCODE@HOST:PORT]");
                    System.exit(2);
                }
            }
        }
        DemoCluster cluster = start(nodeCount, port, broker, DemoServer.defaultWar(), defaultNginxConfig());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception e) {
                System.err.println("Stopping the cluster failed: " + e);
            }
        }, "stop-cluster"));
        for (DemoServer node : cluster.nodes()) {
            System.out.println("node: " + node.url());
        }
        System.out.println("SockJS demo cluster running: open " + cluster.url());
        Thread.currentThread().join();
    }
}
