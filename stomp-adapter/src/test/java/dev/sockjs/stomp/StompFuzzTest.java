package dev.sockjs.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.frame.StompCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random input to the STOMP server: mutated frames of every command, split at random points, from many
 * clients. Whatever arrives, the server answers with frames or one ERROR and a close, never throws, logs no
 * stack trace, and still serves a well-behaved client afterwards. {@code -Dfuzz.seed} and
 * {@code -Dfuzz.iterations} replay or lengthen a run.
 */
class StompFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 20_000);

    private static final String[] FRAMES = {
        "CONNECT\naccept-version:1.0,1.1,1.2\nhost:h\nheart-beat:0,0\n\n\0",
        "STOMP\naccept-version:1.2\nhost:h\n\n\0",
        "SEND\ndestination:/topic/a\ncontent-type:text/plain\n\nhello\0",
        "SEND\ndestination:/queue/q\ncontent-length:3\n\nabc\0",
        "SEND\ndestination:/app/echo\nreceipt:r1\n\nx\0",
        "SEND\ndestination:/user/bob/queue/n\n\nhi\0",
        "SUBSCRIBE\nid:1\ndestination:/topic/**/z\nack:client\n\n\0",
        "SUBSCRIBE\nid:2\ndestination:/queue/q\nack:client-individual\nreceipt:s\n\n\0",
        "SUBSCRIBE\nid:3\ndestination:/user/queue/n\n\n\0",
        "UNSUBSCRIBE\nid:1\n\n\0",
        "ACK\nid:1\n\n\0",
        "NACK\nid:2\ntransaction:t\n\n\0",
        "BEGIN\ntransaction:t\n\n\0",
        "COMMIT\ntransaction:t\nreceipt:c\n\n\0",
        "ABORT\ntransaction:t\n\n\0",
        "DISCONNECT\nreceipt:bye\n\n\0",
        "\n",
    };
    private static final String SPICE = "\0\n\r:\\*./%{}€\u0000\u2028abc/topic/queue/user/app0123456789-";

    @Test
    void randomInputNeverBreaksTheServer() throws Exception {
        Random random = new Random(SEED);
        StompServer server = StompServer.builder()
                .heartbeat(Duration.ZERO, Duration.ZERO)
                .maxFrameBytes(4096)
                .maxQueueBacklog(50)
                .maxQueueBacklogBytes(20_000, 100_000)
                .maxTransactionBytes(10_000, 50_000)
                .maxPartialFrameBytes(100_000)
                .handle("/app/echo", (m, c) -> c.publisher().publish("/topic/echo", m.text()))
                .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            List<FakeSession> clients = new ArrayList<>();
            for (int i = 0; i < ITERATIONS; i++) {
                if (clients.isEmpty() || random.nextInt(20) == 0) {
                    clients.add(new FakeSession(server));
                }
                FakeSession client = clients.get(random.nextInt(clients.size()));
                String input = mutate(random, FRAMES[random.nextInt(FRAMES.length)]);
                int split = random.nextInt(input.length() + 1);
                client.receive(input.substring(0, split));
                client.receive(input.substring(split));
                if (client.closed()) {
                    assertTrue(client.closeCode == 1000 || client.closeCode == 1002, "close " + client.closeCode);
                    clients.remove(client);
                }
                if (random.nextInt(1000) == 0) {
                    for (FakeSession gone : clients) {
                        gone.close(1000, "gone");
                    }
                    clients.clear();
                }
                client.sent.clear();
            }
            for (FakeSession client : clients) {
                client.close(1000, "done");
            }
        } finally {
            System.setErr(err);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertFalse(logged.contains("Exception") || logged.contains("\tat "),
                "seed " + SEED + ": the server logged a stack trace:\n" + abbreviate(logged));

        FakeSession healthy = new FakeSession(server).connect("heart-beat:0,0\n");
        assertEquals(StompCommand.CONNECTED, healthy.frame().command());
        healthy.receive("SUBSCRIBE\nid:x\ndestination:/topic/after\n\n\0");
        assertEquals(1, server.publish("/topic/after", "still working"));
        assertEquals("still working", healthy.frame().bodyText());
        server.close();
    }

    /** A frame with a few random edits: characters replaced, inserted, deleted, or a piece repeated. */
    private static String mutate(Random random, String frame) {
        StringBuilder sb = new StringBuilder(frame);
        int edits = random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(5)) {
                case 0 -> sb.setCharAt(at, SPICE.charAt(random.nextInt(SPICE.length())));
                case 1 -> sb.insert(at, SPICE.charAt(random.nextInt(SPICE.length())));
                case 2 -> sb.deleteCharAt(at);
                case 3 -> {
                    int end = Math.min(sb.length(), at + 1 + random.nextInt(16));
                    sb.insert(at, sb.substring(at, end).repeat(1 + random.nextInt(8)));
                }
                default -> sb.insert(at, "\\" + SPICE.charAt(random.nextInt(SPICE.length())));
            }
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000) + "...";
    }
}
