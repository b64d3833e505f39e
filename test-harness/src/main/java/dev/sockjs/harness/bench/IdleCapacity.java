package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Idle capacity: opens many SockJS sessions (websocket, or xhr-streaming with one open stream each), holds them
 * while heartbeats flow, and reports what each session costs the server: heap after a full GC and resident
 * memory, both per session. The server's numbers come from {@code jcmd} (JVMs only) and {@code /proc}, so the
 * server must run in a process of its own.
 */
final class IdleCapacity implements WebSocketClient.Listener, HttpClientConnection.Listener {

    /** What one idle run found; {@code -1} where something could not be measured. */
    record Result(String target, String transport, int sessions, int open, long heartbeats, long errors,
            double heapBytesPerSession, double rssBytesPerSession) {
        String summary() {
            return String.format(Locale.ROOT, "idle %s %s: %d of %d sessions open, %.1f heartbeats each, errors %d,"
                    + " per session: heap %.0f bytes, RSS %.0f bytes", transport, target, open, sessions,
                    open == 0 ? 0.0 : (double) heartbeats / open, errors, heapBytesPerSession, rssBytesPerSession);
        }
    }

    private final boolean streaming;
    private int open;
    private long heartbeats;
    private long errors;

    private IdleCapacity(boolean streaming) {
        this.streaming = streaming;
    }

    @Override
    public void onOpen(WebSocketClient connection) {
    }

    @Override
    public void onText(WebSocketClient connection, String text) {
        frame(text);
    }

    @Override
    public void onLine(HttpClientConnection connection, String line) {
        frame(line);
    }

    private void frame(String frame) {
        if (frame.equals("o")) {
            open++;
        } else if (frame.equals("h")) {
            heartbeats++;
        }
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
     * Opens {@code sessions} sessions at {@code base} over {@code transport} ({@code websocket} or
     * {@code xhr-streaming}), holds them {@code holdSeconds}, and measures server process {@code serverPid}.
     */
    static Result run(URI base, String target, String transport, int sessions, int holdSeconds, long serverPid)
            throws IOException {
        if (!transport.equals("websocket") && !transport.equals("xhr-streaming")) {
            throw new IllegalArgumentException("idle sessions are websocket or xhr-streaming, not " + transport);
        }
        IdleCapacity scenario = new IdleCapacity(transport.equals("xhr-streaming"));
        long heapBefore = ServerMemory.heapAfterGc(serverPid);
        long rssBefore = ServerMemory.rss(serverPid);
        try (LoadClient client = new LoadClient()) {
            String ws = base.toString().replaceFirst("^http", "ws");
            for (int opened = 0; opened < sessions; ) {
                for (int i = 0; i < 250 && opened < sessions; i++, opened++) {
                    String session = "/000/" + UUID.randomUUID();
                    if (scenario.streaming) {
                        client.http(base, scenario).request("POST", base.getRawPath() + session + "/xhr_streaming",
                                null);
                    } else {
                        client.connect(URI.create(ws + session + "/websocket"), scenario);
                    }
                }
                client.runUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (scenario.open + scenario.errors < sessions && System.nanoTime() < deadline) {
                client.runUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
            }
            System.out.printf(Locale.ROOT, "%d of %d sessions open; holding them %d s%n", scenario.open, sessions,
                    holdSeconds);
            scenario.heartbeats = 0;
            client.runUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds));
            long heapAfter = ServerMemory.heapAfterGc(serverPid);
            long rssAfter = ServerMemory.rss(serverPid);
            int n = Math.max(1, scenario.open);
            return new Result(target, transport, sessions, scenario.open, scenario.heartbeats, scenario.errors,
                    heapBefore < 0 || heapAfter < 0 ? -1 : (double) (heapAfter - heapBefore) / n,
                    rssBefore < 0 || rssAfter < 0 ? -1 : (double) (rssAfter - rssBefore) / n);
        }
    }
}
