package dev.sockjs.harness.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of a cluster as a JVM of its own, so that it can be killed ({@code SIGKILL}), stopped as an operator
 * does ({@code SIGTERM}) and started again on the same port, which the balancer's configuration names. The node
 * prints a line matching {@code ready} (its port in group 1) once it takes traffic; everything it prints goes to a
 * log file.
 */
public final class NodeProcess implements AutoCloseable {

    private static final long READY_TIMEOUT_SECONDS = 120;
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final String name;
    private final IntFunction<List<String>> command;
    private final Pattern ready;
    private final Path log;
    private Process process;
    private int port;

    private NodeProcess(String name, IntFunction<List<String>> command, Pattern ready, Path log) {
        this.name = name;
        this.command = command;
        this.ready = ready;
        this.log = log;
    }

    /**
     * Starts a node and waits until it is ready.
     *
     * @param command the command line for a port (0 the first time: the node picks a free one)
     * @param ready the line the node prints when ready, its port in group 1
     * @param logDir where its log goes, as {@code <name>.log}
     */
    public static NodeProcess start(String name, IntFunction<List<String>> command, Pattern ready, Path logDir)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        NodeProcess node = new NodeProcess(name, command, ready, logDir.resolve(name + ".log"));
        node.launch(0);
        return node;
    }

    /** A Java main class of this JVM's class path as the node's command. */
    public static IntFunction<List<String>> java(List<String> jvmOptions, String mainClass,
            IntFunction<List<String>> arguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return port -> {
            List<String> line = new ArrayList<>();
            line.add(java);
            line.addAll(jvmOptions);
            line.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
            line.addAll(arguments.apply(port));
            return line;
        };
    }

    private synchronized void launch(int onPort) throws IOException, InterruptedException {
        Process started = new ProcessBuilder(command.apply(onPort)).redirectErrorStream(true).start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyLog(started, listening), name + "-log");
        reader.setDaemon(true);
        reader.start();
        try {
            port = listening.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            started.destroyForcibly().waitFor();
            throw new IOException("Node " + name + " did not start; see " + log.toAbsolutePath(), e);
        }
        process = started;
    }

    private void copyLog(Process started, CompletableFuture<Integer> listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(started.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            out.println("---- " + name + " started: pid " + started.pid());
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                Matcher matcher = ready.matcher(line);
                if (!listening.isDone() && matcher.find()) {
                    listening.complete(Integer.parseInt(matcher.group(1)));
                }
            }
            out.println("---- " + name + " ended");
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IOException("the node ended before it was ready"));
    }

    public String name() {
        return name;
    }

    public synchronized int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code SIGKILL}: the node vanishes without a word to its clients or its broker. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** {@code SIGTERM}, as an operator stops a node: it says goodbye to its clients first. */
    public synchronized void stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("Node " + name + " did not stop within " + STOP_TIMEOUT_SECONDS + " s of SIGTERM");
        }
    }

    /** Starts the node again on its port, after {@link #kill} or {@link #stop}, and waits until it is ready. */
    public synchronized void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("Node " + name + " is running");
        }
        launch(port);
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
