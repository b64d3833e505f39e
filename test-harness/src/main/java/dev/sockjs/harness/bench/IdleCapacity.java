package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Idle capacity: opens many SockJS sessions of a broadcast service (websocket, or xhr-streaming with one open
 * stream each), holds them while heartbeats flow, then has one more session send one message, which the service
 * sends to every session. Reports what each session costs the server (heap after a full GC and resident memory,
 * per session and in all), how long opening them all took, how late heartbeats came (each interval between two
 * heartbeats of a session, less the heartbeat period), how many sessions the message reached and how long that
 * took, and the server's threads before and after. The server's numbers come from {@code jcmd} (JVMs only) and
 * {@code /proc}, so the server must run in a process of its own. Websockets come from 127.0.0.1, 127.0.0.2 and
 * so on, {@value #SESSIONS_PER_SOURCE_ADDRESS} to an address, past the ephemeral ports of one source address.
 */
final class IdleCapacity implements WebSocketClient.Listener, HttpClientConnection.Listener {

    /** Below the ~28,000 ephemeral ports a source address has toward one server port. */
    static final int SESSIONS_PER_SOURCE_ADDRESS = 20_000;
    private static final String MESSAGE = "to-every-session";

    /** What one idle run found; {@code -1} where something could not be measured. */
    record Result(String target, String transport, int sessions, int open, long heartbeats, long errors,
            double heapBytesPerSession, double rssBytesPerSession, long heapAfterGcBytes, double openSeconds,
            double heartbeatLateP99Millis, double heartbeatLateMaxMillis, int delivered, double deliveryMillis,
            int threadsBefore, int threadsAfter, double idleCpuPercent) {
        String summary() {
            return String.format(Locale.ROOT, "idle %s %s: %d of %d sessions open in %.1f s, %.1f heartbeats each"
                    + " (late p99 %.0f ms, max %.0f ms), errors %d, one message reached %d in %.0f ms; per session:"
                    + " heap %.0f bytes, RSS %.0f bytes; heap after GC %.0f MiB; threads %d -> %d; server CPU while"
                    + " held %.1f%% of a core", transport,
                    target, open, sessions, openSeconds, open == 0 ? 0.0 : (double) heartbeats / open,
                    heartbeatLateP99Millis, heartbeatLateMaxMillis, errors, delivered, deliveryMillis,
                    heapBytesPerSession, rssBytesPerSession, heapAfterGcBytes / 1048576.0, threadsBefore,
                    threadsAfter, idleCpuPercent);
        }
    }

    /** One session's last frame, for the heartbeat intervals. */
    private static final class Peer {
        long lastFrameNanos;
    }

    private final boolean streaming;
    private final long heartbeatNanos;
    private final Histogram lateMicros = new Histogram(3_600_000_000L, 3);
    private WebSocketClient publisher;
    private int open;
    private long lastOpenNanos;
    private long heartbeats;
    private long errors;
    private int delivered;
    private long lastDeliveryNanos;

    private IdleCapacity(boolean streaming, long heartbeatNanos) {
        this.streaming = streaming;
        this.heartbeatNanos = heartbeatNanos;
    }

    @Override
    public void onOpen(WebSocketClient connection) {
    }

    @Override
    public void onText(WebSocketClient connection, String text) {
        if (connection == publisher) {
            if (text.equals("o")) {
                publisher.send("[\"" + MESSAGE + "\"]");
            }
            return;
        }
        frame(connection, text);
    }

    @Override
    public void onLine(HttpClientConnection connection, String line) {
        frame(connection, line);
    }

    private void frame(NioConnection connection, String frame) {
        long now = System.nanoTime();
        Peer peer = (Peer) connection.attachment;
        if (frame.equals("o")) {
            open++;
            lastOpenNanos = now;
        } else if (frame.equals("h")) {
            heartbeats++;
            lateMicros.recordValue(Math.max(0, now - peer.lastFrameNanos - heartbeatNanos) / 1000);
        } else if (frame.startsWith("a[") && frame.contains(MESSAGE)) {
            delivered++;
            lastDeliveryNanos = now;
        }
        peer.lastFrameNanos = now;
    }

    @Override
    public void onResponse(HttpClientConnection connection, int status) {
        // The stream reached the response limit (or was refused): an idle session should never get there.
        connection.close("the stream ended with HTTP " + status);
    }

    @Override
    public void onClose(HttpClientConnection connection, String why) {
        closed(why);
    }

    @Override
    public void onClose(WebSocketClient connection, String why) {
        closed(why);
    }

    private void closed(String why) {
        if (!why.equals(Scenario.CLIENT_FINISHED)) {
            errors++;
        }
    }

    /**
     * Opens {@code sessions} sessions of the broadcast service at {@code base} over {@code transport}
     * ({@code websocket} or {@code xhr-streaming}), holds them {@code holdSeconds}, sends one message to all of them
     * and measures server process {@code serverPid}; {@code heartbeatMillis} is the service's heartbeat period.
     */
    static Result run(URI base, String target, String transport, int sessions, int holdSeconds,
            long heartbeatMillis, long serverPid) throws IOException {
        if (!transport.equals("websocket") && !transport.equals("xhr-streaming")) {
            throw new IllegalArgumentException("idle sessions are websocket or xhr-streaming, not " + transport);
        }
        IdleCapacity scenario = new IdleCapacity(transport.equals("xhr-streaming"),
                TimeUnit.MILLISECONDS.toNanos(heartbeatMillis));
        long heapBefore = ServerMemory.heapAfterGc(serverPid);
        long rssBefore = ServerMemory.rss(serverPid);
        int threadsBefore = ServerMemory.threads(serverPid);
        try (LoadClient client = new LoadClient()) {
            String ws = base.toString().replaceFirst("^http", "ws");
            long start = System.nanoTime();
            for (int opened = 0; opened < sessions; ) {
                for (int i = 0; i < 250 && opened < sessions; i++, opened++) {
                    String session = "/000/" + UUID.randomUUID();
                    NioConnection connection;
                    if (scenario.streaming) {
                        HttpClientConnection http = client.http(base, scenario);
                        http.request("POST", base.getRawPath() + session + "/xhr_streaming", null);
                        connection = http;
                    } else {
                        connection = client.connect(URI.create(ws + session + "/websocket"),
                                sourceAddress(opened), scenario);
                    }
                    Peer peer = new Peer();
                    peer.lastFrameNanos = System.nanoTime();
                    connection.attachment = peer;
                }
                client.runUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (scenario.open + scenario.errors < sessions && System.nanoTime() < deadline) {
                client.runUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
            }
            double openSeconds = (scenario.lastOpenNanos - start) / 1e9;
            System.out.printf(Locale.ROOT, "%d of %d sessions open in %.1f s; holding them %d s%n", scenario.open,
                    sessions, openSeconds, holdSeconds);
            scenario.heartbeats = 0;
            scenario.lateMicros.reset();
            long cpuBefore = ProcessCpu.of(serverPid);
            long holdStart = System.nanoTime();
            client.runUntil(holdStart + TimeUnit.SECONDS.toNanos(holdSeconds));
            long cpuHeld = ProcessCpu.of(serverPid) - cpuBefore;
            double idleCpuPercent = cpuBefore < 0 ? -1 : 100.0 * cpuHeld / (System.nanoTime() - holdStart);
            long heapAfter = ServerMemory.heapAfterGc(serverPid);
            long rssAfter = ServerMemory.rss(serverPid);
            long sent = System.nanoTime();
            scenario.publisher = client.connect(URI.create(ws + "/000/" + UUID.randomUUID() + "/websocket"),
                    scenario);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (scenario.delivered < scenario.open && System.nanoTime() < deadline) {
                client.runUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
            }
            int threadsAfter = ServerMemory.threads(serverPid);
            int n = Math.max(1, scenario.open);
            boolean heartbeatsSeen = scenario.lateMicros.getTotalCount() > 0;
            return new Result(target, transport, sessions, scenario.open, scenario.heartbeats, scenario.errors,
                    heapBefore < 0 || heapAfter < 0 ? -1 : (double) (heapAfter - heapBefore) / n,
                    rssBefore < 0 || rssAfter < 0 ? -1 : (double) (rssAfter - rssBefore) / n, heapAfter,
                    openSeconds,
                    heartbeatsSeen ? scenario.lateMicros.getValueAtPercentile(99) / 1e3 : -1,
                    heartbeatsSeen ? scenario.lateMicros.getMaxValue() / 1e3 : -1,
                    scenario.delivered, scenario.delivered == 0 ? -1 : (scenario.lastDeliveryNanos - sent) / 1e6,
                    threadsBefore, threadsAfter, idleCpuPercent);
        }
    }

    /**
     * The system's choice (127.0.0.1) for the first {@value #SESSIONS_PER_SOURCE_ADDRESS} sessions, then
     * 127.0.0.2, and so on.
     */
    private static InetAddress sourceAddress(int session) throws IOException {
        int host = 1 + session / SESSIONS_PER_SOURCE_ADDRESS;
        return host == 1 ? null : InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) host});
    }
}
