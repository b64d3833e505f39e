package dev.sockjs.harness.standalone;

import dev.sockjs.harness.Folders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A servlet container distribution, unpacked by the build under {@code target/containers}, run as a process of
 * its own with the demo WAR deployed at the root context, as a deployer would run it. Its console output goes to
 * {@code console.log} in its base folder.
 */
abstract class StandaloneContainer implements AutoCloseable {

    /** How long a container may take to start on a busy machine before the test gives up on it. */
    private static final long START_TIMEOUT_SECONDS = 180;

    final Path home;
    final Path base;
    final int port;
    private Process process;
    private final List<String> console = new ArrayList<>();

    StandaloneContainer(Path home, String name) throws IOException {
        if (!Files.isDirectory(home)) {
            throw new IllegalStateException("No container distribution at " + home
                    + "; the build unpacks it (mvn verify)");
        }
        this.home = home;
        this.base = Path.of("target", "standalone", name).toAbsolutePath();
        Folders.deleteRecursively(base);
        Files.createDirectories(base);
        this.port = freePort();
    }

    /** Where the build unpacked the distributions. */
    static Path containersDir() {
        return Path.of(System.getProperty("containers.dir", "target/containers")).toAbsolutePath();
    }

    /** The line the container logs once it serves requests. */
    abstract String startedLine();

    /** The command that runs the container in the foreground. */
    abstract List<String> command();

    /** Deploys {@code war} at the root context with {@code parameters} overriding its context parameters. */
    abstract void deploy(Path war, Map<String, String> parameters) throws IOException;

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** Starts the container and waits until it has logged that it started. */
    void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command()).directory(base.toFile()).redirectErrorStream(true);
        process = builder.start();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread copier = new Thread(() -> copyConsole(started), "console of " + base.getFileName());
        copier.setDaemon(true);
        copier.start();
        process.onExit().thenRun(() -> started.completeExceptionally(new IllegalStateException(
                base.getFileName() + " exited with " + process.exitValue() + " before it started:\n" + console())));
        started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private void copyConsole(CompletableFuture<Void> started) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(base.resolve("console.log")), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                synchronized (console) {
                    console.add(line);
                }
                if (line.contains(startedLine())) {
                    started.complete(null);
                }
            }
        } catch (IOException e) {
            started.completeExceptionally(e);
        }
    }

    /** Everything the container printed so far. */
    String console() {
        synchronized (console) {
            return String.join("\n", console);
        }
    }

    /** Stops the container as a service manager would: SIGTERM, then waits for it to exit. */
    @Override
    public void close() throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * A port free now on the loopback address. The container binds it a moment later; another process taking it
     * meanwhile makes the start fail visibly, not wrongly.
     */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
