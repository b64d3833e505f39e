package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Idle capacity: opens many SockJS websocket sessions, holds them while heartbeats flow, and reports what each
 * session costs the server: heap after a full GC and resident memory, both per session. The server's numbers
 * come from {@code jcmd} and {@code /proc}, so the server must run in a process of its own.
 */
final class IdleCapacity implements WebSocketClient.Listener {

    /** What one idle run found. */
    record Result(String target, int sessions, int open, long heartbeats, long errors, double heapBytesPerSession,
            double rssBytesPerSession) {
        String summary() {
            return String.format(Locale.ROOT, "idle %s: %d of %d sessions open, %.1f heartbeats each, errors %d,"
                    + " per session: heap %.0f bytes, RSS %.0f bytes", target, open, sessions,
                    open == 0 ? 0.0 : (double) heartbeats / open, errors, heapBytesPerSession, rssBytesPerSession);
        }
    }

    private int open;
    private long heartbeats;
    private long errors;

    @Override
    public void onOpen(WebSocketClient connection) {
    }

    @Override
    public void onText(WebSocketClient connection, String text) {
        if (text.equals("o")) {
            open++;
        } else if (text.equals("h")) {
            heartbeats++;
        }
    }

    @Override
    public void onClose(WebSocketClient connection, String why) {
        if (!why.equals("client finished")) {
            errors++;
        }
    }

    static Result run(URI base, String target, int sessions, int holdSeconds, long serverPid) throws IOException {
        IdleCapacity scenario = new IdleCapacity();
        long heapBefore = ServerMemory.heapAfterGc(serverPid);
        long rssBefore = ServerMemory.rss(serverPid);
        try (LoadClient client = new LoadClient()) {
            String ws = base.toString().replaceFirst("^http", "ws");
            for (int opened = 0; opened < sessions; ) {
                for (int i = 0; i < 250 && opened < sessions; i++, opened++) {
                    client.connect(URI.create(ws + "/000/" + UUID.randomUUID() + "/websocket"), scenario);
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
            return new Result(target, sessions, scenario.open, scenario.heartbeats, scenario.errors,
                    heapBefore < 0 || heapAfter < 0 ? -1 : (double) (heapAfter - heapBefore) / n,
                    rssBefore < 0 || rssAfter < 0 ? -1 : (double) (rssAfter - rssBefore) / n);
        }
    }
}
