package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

/**
 * Broadcast fan-out over xhr-streaming: every session receives on {@code xhr_streaming} (reopened whenever the
 * server ends the response at its response limit), and one publisher session, over websocket, sends {@code rate}
 * messages a second to a broadcast service, which sends each to every session. Each receiving session checks
 * the publisher's sequence from the first message it sees on; throughput counts deliveries.
 */
final class StreamingFanOut extends Scenario implements HttpClientConnection.Listener, WebSocketClient.Listener {

    /** A receiving session: where it streams from, and what it has seen. */
    private record Peer(String streamPath, Deliveries.Receiver receiver) {
    }

    private final Pacing pacing;
    private final Deliveries.Sender sender = new Deliveries.Sender();
    private WebSocketClient publisher;

    StreamingFanOut(URI base, int sessions, int size, int rate) {
        super(base, sessions, size);
        this.pacing = new Pacing(rate);
    }

    @Override
    String name() {
        return "xhr-streaming-fanout";
    }

    @Override
    void start(LoadClient client) throws IOException {
        for (int i = 0; i < sessions; i++) {
            HttpClientConnection receiving = client.http(base, this);
            Peer peer = new Peer(base.getRawPath() + "/000/" + UUID.randomUUID() + "/xhr_streaming",
                    new Deliveries.Receiver(true));
            receiving.attachment = peer;
            receiving.request("POST", peer.streamPath(), null);
        }
        publisher = client.connect(URI.create(base.toString().replaceFirst("^http", "ws") + "/000/"
                + UUID.randomUUID() + "/websocket"), this);
        client.everyTurn(this::publish);
    }

    private void publish() {
        for (int due = pacing.due(); due > 0; due--) {
            publisher.send("[\"" + deliveries.next(sender) + "\"]");
        }
    }

    @Override
    public void onLine(HttpClientConnection connection, String line) {
        if (line.isEmpty()) {
            return;
        }
        switch (line.charAt(0)) {
            case 'o' -> open++;
            case 'h' -> {
            }
            case 'a' -> deliveries.arrivedFrame(((Peer) connection.attachment).receiver(), line);
            default -> fail(connection, "SockJS closed the session: " + line);
        }
    }

    @Override
    public void onResponse(HttpClientConnection connection, int status) {
        if (status / 100 != 2) {
            fail(connection, "HTTP " + status + " to a stream");
            return;
        }
        connection.request("POST", ((Peer) connection.attachment).streamPath(), null);
    }

    @Override
    public void onClose(HttpClientConnection connection, String why) {
        closed(why);
    }

    @Override
    public void onOpen(WebSocketClient connection) {
    }

    @Override
    public void onText(WebSocketClient connection, String text) {
        switch (text.charAt(0)) {
            case 'o' -> pacing.start();
            case 'h', 'a' -> {
            }
            default -> {
                pacing.stop();
                fail(connection, "SockJS closed the publisher's session: " + text);
            }
        }
    }

    @Override
    public void onClose(WebSocketClient connection, String why) {
        closed(why);
    }
}
