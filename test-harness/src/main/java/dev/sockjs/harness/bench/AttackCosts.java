package dev.sockjs.harness.bench;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.stomp.StompServer;
import dev.sockjs.stomp.broker.DestinationPattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the resource attacks of the hardening review cost the server now: each attack is run in this JVM against
 * the real STOMP server or SockJS service, and the report gives the retained heap after a full GC, the CPU
 * time, and how the server answered. Run with a fixed heap, for stable heap figures:
 *
 * <pre>
 * mvn -q -pl test-harness exec:exec -Dexec.executable=java \
 *     -Dexec.args="-Xmx512m -classpath %classpath dev.sockjs.harness.bench.AttackCosts"
 * </pre>
 *
 * <p>With the argument {@code over-the-wire}, only the STOMP attacks over the wire are run.
 */
public final class AttackCosts {

    private AttackCosts() {
    }

    /** A SockJS session that keeps nothing: counts what it is sent and how it closes. */
    private static final class Sink implements SockJsSession {
        private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();
        volatile int closeCode;
        final AtomicInteger errors = new AtomicInteger();

        @Override
        public boolean send(String message) {
            if (message.startsWith("ERROR")) {
                errors.incrementAndGet();
            }
            return closeCode == 0;
        }

        @Override
        public long bufferedAmount() {
            return 0;
        }

        @Override
        public void close() {
            close(3000, "Go away!");
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        @Override
        public boolean isOpen() {
            return closeCode == 0;
        }

        @Override
        public String transport() {
            return "websocket";
        }

        @Override
        public Principal principal() {
            return null;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return InetSocketAddress.createUnresolved("127.0.0.1", 1);
        }

        @Override
        public Map<String, List<String>> headers() {
            return Map.of();
        }

        @Override
        public ConcurrentMap<String, Object> attributes() {
            return attributes;
        }
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("over-the-wire")) {
            StompAttacksOverTheWire.run();
            return;
        }
        wildcardMatching();
        queueFlood();
        transactionFlood();
        partialFrames();
        abandonedSessionsAndManyHeaders();
        StompAttacksOverTheWire.run();
    }

    private static void wildcardMatching() {
        DestinationPattern attack = DestinationPattern.compile("/topic/**/**/**/**/**/**/z");
        String longest = "/topic" + "/a".repeat(DestinationPattern.MAX_SEGMENTS - 2);
        String refused = "/topic" + "/a".repeat(1000);
        long cpu = cpuNanos();
        int rounds = 10_000;
        for (int i = 0; i < rounds; i++) {
            attack.matches(longest);
        }
        double perMatch = (cpuNanos() - cpu) / 1e3 / rounds;
        long single = cpuNanos();
        attack.matches(refused);
        report("wildcards", String.format(Locale.ROOT, "6 x ** against %d segments: %.1f us per match; against 1000"
                + " segments (refused by SEND, matched here anyway): %.1f ms", DestinationPattern.MAX_SEGMENTS,
                perMatch, (cpuNanos() - single) / 1e6));
    }

    private static void queueFlood() {
        StompServer stomp = StompServer.builder().heartbeat(Duration.ZERO, Duration.ZERO).build();
        long before = heapAfterGc();
        long cpu = cpuNanos();
        String body = "x".repeat(60_000);
        int refused = 0;
        Sink sender = connect(stomp);
        for (int i = 0; i < 6000; i++) {
            if (!sender.isOpen()) {
                refused++;
                sender = connect(stomp);
            }
            stomp.onMessage(sender, "SEND\ndestination:/queue/q" + (i % 10) + "\n\n" + body + "\0");
        }
        stomp.onClose(sender, 1000, "sender left");
        report("queue flood", String.format(Locale.ROOT, "6000 SENDs of 60 KB to 10 queues nobody reads: %d refused"
                + " with an ERROR, %s retained after the sender left, %.0f ms CPU", refused,
                mib(heapAfterGc() - before), (cpuNanos() - cpu) / 1e6));
        stomp.close();
    }

    private static void transactionFlood() {
        StompServer stomp = StompServer.builder().heartbeat(Duration.ZERO, Duration.ZERO).build();
        long before = heapAfterGc();
        Sink client = connect(stomp);
        String body = "x".repeat(64 * 1024 - 100);
        int sent = 0;
        for (int tx = 0; tx < 16 && client.isOpen(); tx++) {
            stomp.onMessage(client, "BEGIN\ntransaction:t" + tx + "\n\n\0");
            for (int i = 0; i < 1000 && client.isOpen(); i++) {
                stomp.onMessage(client, "SEND\ndestination:/topic/t\ntransaction:t" + tx + "\n\n" + body + "\0");
                sent++;
            }
        }
        long held = heapAfterGc() - before;
        report("transaction flood", String.format(Locale.ROOT, "16 transactions x 1000 frames x 64 KiB: ERROR after"
                + " %d frames, %s held at that point", sent, mib(held)));
        stomp.close();
    }

    private static void partialFrames() {
        StompServer stomp = StompServer.builder().heartbeat(Duration.ZERO, Duration.ZERO).build();
        long before = heapAfterGc();
        String start = "SEND\ndestination:/topic/t\n\n" + "x".repeat(60_000);
        List<Sink> clients = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 2000; i++) {
            Sink client = connect(stomp);
            stomp.onMessage(client, start);
            if (client.isOpen()) {
                clients.add(client);
            } else {
                refused++;
            }
        }
        report("incomplete frames", String.format(Locale.ROOT, "2000 connections x 60 KB without the NUL: %d refused"
                + " with an ERROR, %s held (each held frame also ends with an ERROR after 10 s)", refused,
                mib(heapAfterGc() - before)));
        clients.forEach(c -> stomp.onClose(c, 1000, "done"));
        stomp.close();
    }

    private static Sink connect(StompServer stomp) {
        Sink session = new Sink();
        stomp.onOpen(session);
        stomp.onMessage(session, "CONNECT\naccept-version:1.2\nheart-beat:0,0\n\n\0");
        return session;
    }

    private static void abandonedSessionsAndManyHeaders() throws Exception {
        SockJsHandler quiet = (session, message) -> { };
        try (ProtocolTestServer server = ProtocolTestServer.start("127.0.0.1", 0, context ->
                SockJsServlet.register(context, "/svc", quiet, SockJsOptions.builder()
                        .disconnectDelay(Duration.ofMinutes(10)).build()))) {
            String browserHeaders = "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/156.0 Safari/537.36\r\nAccept: */*\r\nAccept-Language: en-US,en;q=0.9\r\n"
                    + "Accept-Encoding: gzip, deflate\r\nOrigin: http://127.0.0.1\r\nReferer: http://127.0.0.1/chat\r\n"
                    + "Sec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: cors\r\nContent-Type: text/plain\r\n";
            openSessions(server, 500, browserHeaders, "warm");
            report("bystander, quiet server", Bystander.during(server, () -> sleep(3000)));
            long before = heapAfterGc();
            int sessions = 10_000;
            String during = Bystander.during(server, () -> openSessions(server, sessions, browserHeaders, "normal"));
            long perSession = (heapAfterGc() - before) / sessions;
            report("abandoned sessions", String.format(Locale.ROOT, "%d xhr-polling sessions opened with a browser's"
                    + " headers and left: %d bytes of heap each after GC; meanwhile a bystander's /info: %s",
                    sessions, perSession, during));

            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 700; i++) {
                many.append('h').append(i).append(":v\r\n");
            }
            long cpu = ProcessCpu.self();
            openSessions(server, 1000, "", "few");
            double few = (ProcessCpu.self() - cpu) / 1e6 / 1000;
            cpu = ProcessCpu.self();
            String manyDuring = Bystander.during(server, () -> openSessions(server, 1000, many.toString(), "many"));
            double manyCost = (ProcessCpu.self() - cpu) / 1e6 / 1000;
            cpu = ProcessCpu.self();
            infos(server, 1000, many.toString());
            double infoCost = (ProcessCpu.self() - cpu) / 1e6 / 1000;
            report("header amplification", String.format(Locale.ROOT, "new session with 700 tiny headers: %.2f ms"
                    + " CPU (client and server) vs %.2f ms with none; /info with the same headers %.2f ms; meanwhile a"
                    + " bystander's /info: %s", manyCost, few, infoCost, manyDuring));
        }
    }

    private static void openSessions(ProtocolTestServer server, int count, String headers, String tag)
            throws IOException {
        for (int i = 0; i < count; i++) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /svc/000/" + tag + i + "/xhr HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = socket.getInputStream();
                byte[] answer = in.readAllBytes();
                if (!new String(answer, StandardCharsets.ISO_8859_1).endsWith("o\n")) {
                    throw new IOException("session " + tag + i + " did not open: "
                            + new String(Arrays.copyOf(answer, Math.min(answer.length, 200)),
                                    StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    static void infos(ProtocolTestServer server, int count, String headers) throws IOException {
        for (int i = 0; i < count; i++) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write(("GET /svc/info HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getInputStream().readAllBytes();
            }
        }
    }

    /** An attack step. */
    interface Step {
        void run() throws Exception;
    }

    /** A well-behaved client asking for /info every 5 ms while an attack runs: its latency percentiles. */
    static final class Bystander {
        static String during(ProtocolTestServer server, Step attack) throws Exception {
            Latencies latencies = new Latencies();
            Thread probe = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long start = System.nanoTime();
                    try {
                        infos(server, 1, "");
                        latencies.add(System.nanoTime() - start);
                    } catch (IOException failed) {
                        latencies.failed();
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bystander");
            probe.start();
            try {
                attack.run();
            } finally {
                probe.interrupt();
                probe.join();
            }
            return latencies.summary();
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static void report(String attack, String result) {
        System.out.println(attack + ": " + result);
    }
}
