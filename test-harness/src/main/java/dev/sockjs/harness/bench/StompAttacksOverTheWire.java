package dev.sockjs.harness.bench;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.stomp.broker.DestinationPattern;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The STOMP attacks of the hardening review sent over the wire, as an attacker would: raw websockets to the
 * protocol test server's {@code /stomp} service, its handler run on worker threads (the default), then on Jetty's
 * I/O threads ({@code nonBlockingHandler}, where the exponential matcher once froze the whole server). Meanwhile
 * two bystanders measure what well-behaved clients see: a STOMP client's SEND to its own topic until the MESSAGE
 * comes back, and an HTTP client's {@code /info}, each every 5 ms.
 */
final class StompAttacksOverTheWire {

    private static final String CONNECT = "CONNECT\naccept-version:1.2\nheart-beat:0,0\n\n\0";

    private StompAttacksOverTheWire() {
    }

    static void run() throws Exception {
        run(false);
        run(true);
    }

    /** {@code ioThreads}: the service's handler promises {@code nonBlockingHandler}, so Jetty's I/O threads run it. */
    private static void run(boolean ioThreads) throws Exception {
        System.out.println("STOMP over the wire, the handler on " + (ioThreads ? "Jetty's I/O threads"
                : "worker threads (the default)") + ":");
        try (ProtocolTestServer server = ProtocolTestServer.start("127.0.0.1", 0, ioThreads)) {
            URI stomp = URI.create("ws://127.0.0.1:" + server.port() + "/stomp/websocket");
            HttpClient client = HttpClient.newHttpClient();
            withBystanders(server, stomp, client, "quiet server", () -> Thread.sleep(3000));
            withBystanders(server, stomp, client, "wildcards", () -> wildcards(stomp, client));
            withBystanders(server, stomp, client, "queue flood", () -> queueFlood(stomp, client));
            withBystanders(server, stomp, client, "transaction flood", () -> transactionFlood(stomp, client));
            withBystanders(server, stomp, client, "incomplete frames", () -> incompleteFrames(stomp, client));
        }
    }

    private static void withBystanders(ProtocolTestServer server, URI stomp, HttpClient client, String attack,
            AttackCosts.Step step) throws Exception {
        Latencies roundTrips = new Latencies();
        StompSocket bystander = StompSocket.open(client, stomp);
        bystander.send("SUBSCRIBE\nid:0\ndestination:/topic/bystander\n\n\0");
        Thread probe = new Thread(() -> roundTrips(bystander, roundTrips), "stomp bystander");
        long start = System.nanoTime();
        String info;
        probe.start();
        try {
            info = AttackCosts.Bystander.during(server, step);
        } finally {
            probe.interrupt();
            probe.join();
            bystander.close();
        }
        System.out.printf(Locale.ROOT, "  %s (%.1f s): a bystander's SEND -> MESSAGE: %s; /info: %s%n", attack, (System.nanoTime() - start) / 1e9, roundTrips.summary(), info);
    }

    private static void roundTrips(StompSocket bystander, Latencies latencies) {
        for (int seq = 0; !Thread.currentThread().isInterrupted(); seq++) {
            long start = System.nanoTime();
            String body = "ping-" + seq;
            if (!bystander.send("SEND\ndestination:/topic/bystander\n\n" + body + "\0")) {
                latencies.failed();
                return;
            }
            try {
                String echo = bystander.await("MESSAGE", body, 5);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (echo == null) {
                    latencies.failed();
                } else {
                    latencies.add(System.nanoTime() - start);
                }
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** How long the attacks that a refusal would end at once keep coming back. */
    private static final long ATTACK_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * The exponential pattern subscribed, then SENDs to the longest destination allowed, each matched against it,
     * for {@link #ATTACK_NANOS}; then one SEND to a destination longer than allowed.
     */
    private static void wildcards(URI stomp, HttpClient client) throws Exception {
        StompSocket attacker = StompSocket.open(client, stomp);
        attacker.send("SUBSCRIBE\nid:0\ndestination:/topic/**/**/**/**/**/**/z\n\n\0");
        String longest = "/topic" + "/a".repeat(DestinationPattern.MAX_SEGMENTS - 2);
        int sent = 0;
        long start = System.nanoTime();
        long end = start + ATTACK_NANOS;
        while (System.nanoTime() < end && attacker.send("SEND\ndestination:" + longest + "\n\nx\0")) {
            sent++;
        }
        attacker.send("SEND\ndestination:" + longest + "\nreceipt:all\n\nx\0");
        boolean handled = attacker.await("RECEIPT", "all", 120) != null;
        double seconds = (System.nanoTime() - start) / 1e9;
        attacker.send("SEND\ndestination:/topic" + "/a".repeat(1000) + "\n\nx\0");
        boolean refused = attacker.await("ERROR", "", 10) != null;
        System.out.printf(Locale.ROOT, "    wildcards: %d SENDs matched against the pattern, %s in %.1f s (%.0f per"
                + " second); the 1000-segment SEND %s%n", sent + 1, handled ? "handled" : "NOT all handled", seconds,
                (sent + 1) / seconds, refused ? "refused with an ERROR" : "NOT refused");
        attacker.close();
    }

    /** 6000 SENDs of 60 KB to 10 queues nobody reads, reconnecting whenever the server refuses and closes. */
    private static void queueFlood(URI stomp, HttpClient client) throws Exception {
        String body = "x".repeat(60_000);
        StompSocket sender = StompSocket.open(client, stomp);
        int refused = 0;
        for (int i = 0; i < 6000; i++) {
            if (!sender.send("SEND\ndestination:/queue/q" + (i % 10) + "\n\n" + body + "\0")) {
                refused++;
                sender.close();
                sender = StompSocket.open(client, stomp);
            }
        }
        sender.close();
        System.out.printf(Locale.ROOT, "    queue flood: %d connections refused and closed%n", refused);
    }

    /** Transactions of 64 KiB frames until the server refuses, again on a new connection, for {@link #ATTACK_NANOS}. */
    private static void transactionFlood(URI stomp, HttpClient client) throws Exception {
        String body = "x".repeat(64 * 1024 - 100);
        int sent = 0;
        int refused = 0;
        long end = System.nanoTime() + ATTACK_NANOS;
        while (System.nanoTime() < end) {
            StompSocket attacker = StompSocket.open(client, stomp);
            for (int tx = 0; tx < 16 && attacker.isOpen(); tx++) {
                attacker.send("BEGIN\ntransaction:t" + tx + "\n\n\0");
                for (int i = 0; i < 1000 && attacker.send("SEND\ndestination:/topic/t\ntransaction:t" + tx
                        + "\n\n" + body + "\0"); i++) {
                    sent++;
                }
            }
            refused++;
            attacker.close();
        }
        System.out.printf(Locale.ROOT, "    transaction flood: %d connections refused, %d frames taken before"
                + " their refusals%n", refused, sent);
    }

    /** 2000 connections, each holding 60 KB of a frame that never ends. */
    private static void incompleteFrames(URI stomp, HttpClient client) throws Exception {
        String start = "SEND\ndestination:/topic/t\n\n" + "x".repeat(60_000);
        List<StompSocket> attackers = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            StompSocket attacker = StompSocket.open(client, stomp);
            attacker.send(start);
            attackers.add(attacker);
        }
        long refused = attackers.stream().filter(a -> a.await("ERROR", "", 0) != null).count();
        System.out.printf(Locale.ROOT, "    incomplete frames: %d of 2000 refused at once%n", refused);
        attackers.forEach(StompSocket::close);
    }

    /** A raw-websocket STOMP client: each websocket message is one frame. */
    private static final class StompSocket implements WebSocket.Listener {
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean open = true;
        private WebSocket socket;

        static StompSocket open(HttpClient client, URI uri) throws Exception {
            StompSocket s = new StompSocket();
            s.socket = client.newWebSocketBuilder().buildAsync(uri, s).get(30, TimeUnit.SECONDS);
            s.send(CONNECT);
            if (s.await("CONNECTED", "", 30) == null) {
                throw new IllegalStateException("no CONNECTED from " + uri);
            }
            return s;
        }

        boolean isOpen() {
            return open;
        }

        /** Sends a frame and waits until it is written; {@code false} once the server has closed. */
        boolean send(String frame) {
            if (!open) {
                return false;
            }
            try {
                socket.sendText(frame, true).get(30, TimeUnit.SECONDS);
                return open;
            } catch (Exception e) {
                open = false;
                return false;
            }
        }

        /** The next frame of {@code command} containing {@code text}, or null after {@code seconds}. */
        String await(String command, String text, long seconds) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            try {
                while (true) {
                    String frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (frame == null) {
                        return null;
                    }
                    if (frame.startsWith(command) && frame.contains(text)) {
                        return frame;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        void close() {
            open = false;
            socket.abort();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            open = false;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            open = false;
        }
    }
}
