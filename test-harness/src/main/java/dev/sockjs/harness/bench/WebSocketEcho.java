package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop websocket echo: every session keeps one message in flight and sends the next as soon as the echo
 * arrives. Each payload carries its sequence number and send time, so the scenario measures latency and notices
 * lost, duplicated and reordered messages. Speaks SockJS framing ({@code ["..."]} out, {@code a["..."]} back)
 * or plain websocket messages.
 */
final class WebSocketEcho implements WebSocketClient.Listener {

    enum Protocol { SOCKJS, RAW }

    private static final class Peer {
        long nextSeq;
        long expectedSeq;
    }

    private final URI base;
    private final Protocol protocol;
    private final int sessions;
    private final String padding;
    final Histogram latencyMicros = new Histogram(60_000_000L, 3);
    volatile boolean recording;
    long received;
    long lost;
    long duplicated;
    long errors;
    int open;

    WebSocketEcho(URI base, Protocol protocol, int sessions, int size) {
        this.base = base;
        this.protocol = protocol;
        this.sessions = sessions;
        this.padding = "x".repeat(Math.max(0, size - 24));
    }

    void start(LoadClient client) throws IOException {
        for (int i = 0; i < sessions; i++) {
            URI uri = protocol == Protocol.SOCKJS
                    ? URI.create(base.toString().replaceFirst("^http", "ws") + "/000/" + UUID.randomUUID()
                            + "/websocket")
                    : URI.create(base.toString().replaceFirst("^http", "ws"));
            client.connect(uri, this).attachment = new Peer();
        }
    }

    @Override
    public void onOpen(WebSocketClient connection) {
        if (protocol == Protocol.RAW) {
            opened(connection);
        }
    }

    private void opened(WebSocketClient connection) {
        open++;
        sendNext(connection);
    }

    @Override
    public void onText(WebSocketClient connection, String text) {
        if (protocol == Protocol.RAW) {
            echoed(connection, text);
            sendNext(connection);
            return;
        }
        switch (text.charAt(0)) {
            case 'o' -> opened(connection);
            case 'h' -> {
            }
            case 'a' -> {
                int from = 3;
                while (from < text.length()) {
                    int end = text.indexOf('"', from);
                    echoed(connection, text.substring(from, end));
                    from = end + 3;
                }
                sendNext(connection);
            }
            default -> {
                errors++;
                connection.close("SockJS closed the session: " + text);
            }
        }
    }

    private void echoed(WebSocketClient connection, String payload) {
        Peer peer = (Peer) connection.attachment;
        int semicolon = payload.indexOf(';');
        long seq = Long.parseLong(payload, 2, semicolon, 10);
        long sent = Long.parseLong(payload, semicolon + 3, payload.indexOf(';', semicolon + 1), 10);
        if (seq < peer.expectedSeq) {
            duplicated++;
            return;
        }
        if (seq > peer.expectedSeq) {
            lost += seq - peer.expectedSeq;
        }
        peer.expectedSeq = seq + 1;
        if (recording) {
            received++;
            latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sent) / 1000));
        }
    }

    private void sendNext(WebSocketClient connection) {
        Peer peer = (Peer) connection.attachment;
        String payload = "s=" + peer.nextSeq++ + ";t=" + System.nanoTime() + ";" + padding;
        connection.send(protocol == Protocol.SOCKJS ? "[\"" + payload + "\"]" : payload);
    }

    @Override
    public void onClose(WebSocketClient connection, String why) {
        if (!why.equals("client finished")) {
            errors++;
        }
    }

    /** Starts counting from now on. */
    void startRecording() {
        latencyMicros.reset();
        received = 0;
        recording = true;
    }
}
