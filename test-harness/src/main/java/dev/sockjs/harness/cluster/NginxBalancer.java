package dev.sockjs.harness.cluster;

import dev.sockjs.testbrokers.ExternalBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * nginx (Debian's) in front of SockJS nodes, as a child process on a free loopback port, configured with the
 * project's shipped {@code deploy/nginx/sockjs.conf}: its upstream servers and listen port replaced, nothing else,
 * so that what is tested is what users install. Everything nginx writes goes to a temporary directory; the
 * system's nginx service is never used.
 */
public final class NginxBalancer implements AutoCloseable {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Path dir = Files.createTempDirectory("nginx");
    private final int port;
    private final Process nginx;

    /**
     * nginx on a free port.
     *
     * @param shippedConfig the project's {@code deploy/nginx/sockjs.conf}
     * @param nodes the nodes' ports on 127.0.0.1
     */
    public NginxBalancer(Path shippedConfig, List<Integer> nodes) throws IOException, InterruptedException {
        this(shippedConfig, nodes, 0);
    }

    /** nginx on 127.0.0.1:{@code listenPort} (0: a free one). */
    public NginxBalancer(Path shippedConfig, List<Integer> nodes, int listenPort) throws IOException,
            InterruptedException {
        if (!Files.isExecutable(NGINX)) {
            throw new IllegalStateException("nginx is not installed: apt-get install nginx (.ci/run does)");
        }
        this.port = listenPort == 0 ? ExternalBroker.freePort() : listenPort;
        String sockjs = Files.readString(shippedConfig)
                .replaceAll("(?m)^(\\s*)server 127\\.0\\.0\\.1:\\d+;\\n", "")
                .replace("    keepalive 32;", nodes.stream().map(node -> "    server 127.0.0.1:" + node + ";")
                        .collect(Collectors.joining("\n")) + "\n    keepalive 32;")
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";");
        Files.writeString(dir.resolve("sockjs.conf"), sockjs);
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            // nginx's workers run as nobody when it is started as root, and write their temporary files here.
            Path tempDir = Files.createDirectories(dir.resolve(temp));
            tempDir.toFile().setWritable(true, false);
            tempDir.toFile().setExecutable(true, false);
        }
        dir.toFile().setExecutable(true, false);
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "root".equals(System.getProperty("user.name")) ? "user nobody nogroup;" : "",
                "worker_processes 1;",
                "error_log " + dir.resolve("error.log") + " warn;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "events { worker_connections 4096; }",
                "http {",
                "    access_log off;",
                "    client_body_temp_path " + dir.resolve("client_body") + ";",
                "    proxy_temp_path " + dir.resolve("proxy") + ";",
                "    fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                "    uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "    scgi_temp_path " + dir.resolve("scgi") + ";",
                "    include " + dir.resolve("sockjs.conf") + ";",
                "}", ""));
        nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.log").toFile())
                .start();
        awaitListening();
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                throw new IOException("nginx exited: " + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                nginx.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        throw new IOException("nginx did not listen within " + START_TIMEOUT_SECONDS + " s: " + log());
    }

    private String log() throws IOException {
        StringBuilder log = new StringBuilder();
        for (String file : List.of("console.log", "error.log")) {
            Path path = dir.resolve(file);
            if (Files.exists(path)) {
                log.append(Files.readString(path, StandardCharsets.UTF_8));
            }
        }
        return log.toString();
    }

    /** nginx's processes: the master and its workers. */
    public List<Long> pids() {
        return Stream.concat(Stream.of(nginx.toHandle()), nginx.descendants()).map(ProcessHandle::pid).toList();
    }

    public int port() {
        return port;
    }

    /** The balancer's base URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        nginx.destroy();
        if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
            nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        nginx.descendants().forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> written = Files.walk(dir)) {
            written.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
