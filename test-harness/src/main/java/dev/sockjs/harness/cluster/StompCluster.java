package dev.sockjs.harness.cluster;

import dev.sockjs.harness.bench.BenchTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * SockJS nodes with a STOMP service at {@code /stomp} (the benchmark target {@code ours}), each a JVM of its own
 * relaying to one RabbitMQ, behind nginx with the shipped configuration. The nodes are named {@code node-1} ...
 * in their CONNECTED frames' {@code server} header, so a client can tell which one it reached.
 */
public final class StompCluster implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("^READY (\\d+)$");

    private final List<NodeProcess> nodes;
    private final Path nginxConfig;
    private NginxBalancer nginx;

    private StompCluster(List<NodeProcess> nodes, Path nginxConfig) throws IOException, InterruptedException {
        this.nodes = nodes;
        this.nginxConfig = nginxConfig;
        this.nginx = new NginxBalancer(nginxConfig, nodes.stream().map(NodeProcess::port).toList());
    }

    /**
     * Starts the nodes (at once, each waiting for its broker) and nginx.
     *
     * @param rabbitMqStompPort the STOMP port of the RabbitMQ the nodes relay to
     * @param jvmOptions the nodes' JVM options (heap, GC)
     * @param logDir where each node's output goes
     */
    public static StompCluster start(int nodeCount, int rabbitMqStompPort, List<String> jvmOptions,
            Path nginxConfig, Path logDir) throws IOException, InterruptedException {
        List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            String name = "node-" + i;
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-D" + BenchTarget.RELAY_PORT + "=" + rabbitMqStompPort);
            options.add("-D" + BenchTarget.NODE + "=" + name);
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return NodeProcess.start(name, NodeProcess.java(options, BenchTarget.class.getName(),
                            port -> List.of("ours", Integer.toString(port))), READY, logDir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            }));
        }
        List<NodeProcess> nodes = new ArrayList<>();
        IOException failed = null;
        for (CompletableFuture<NodeProcess> node : starting) {
            try {
                nodes.add(node.join());
            } catch (CompletionException e) {
                failed = failed != null ? failed : new IOException("A node did not start", e.getCause());
            }
        }
        try {
            if (failed != null) {
                throw failed;
            }
            return new StompCluster(nodes, nginxConfig);
        } catch (IOException | RuntimeException e) {
            for (NodeProcess node : nodes) {
                node.close();
            }
            throw e;
        }
    }

    public List<NodeProcess> nodes() {
        return nodes;
    }

    /** nginx's base URL, ending in '/'. */
    public synchronized String url() {
        return nginx.url() + "/";
    }

    /** nginx's processes, for their CPU time. */
    public synchronized List<Long> balancerPids() {
        return nginx.pids();
    }

    /**
     * A new nginx on the same port, which has not seen any node fail: after a failure nginx sends a node nothing
     * for its {@code fail_timeout} (10 s by default), even once the node is back.
     */
    public synchronized void restartBalancer() throws IOException, InterruptedException {
        int port = nginx.port();
        nginx.close();
        nginx = new NginxBalancer(nginxConfig, nodes.stream().map(NodeProcess::port).toList(), port);
    }

    @Override
    public synchronized void close() throws IOException, InterruptedException {
        nginx.close();
        for (NodeProcess node : nodes) {
            node.close();
        }
    }
}
