package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

/**
 * Broadcast fan-out over SockJS websockets: {@link StreamingFanOut} with every receiving session on the
 * {@code websocket} transport. One publisher session sends {@code rate} messages a second to a broadcast service,
 * which sends each to every session; each receiver checks the publisher's sequence from the first message it
 * sees on, and throughput counts deliveries.
 */
final class WebSocketFanOut extends Scenario implements WebSocketClient.Listener {

    private final Pacing pacing;
    private final Deliveries.Sender sender = new Deliveries.Sender();
    private WebSocketClient publisher;

    WebSocketFanOut(URI base, int sessions, int size, int rate) {
        super(base, sessions, size);
        this.pacing = new Pacing(rate);
    }

    @Override
    String name() {
        return "websocket-fanout";
    }

    @Override
    void start(LoadClient client) throws IOException {
        for (int i = 0; i < sessions; i++) {
            client.connect(sessionUri(), this).attachment = new Deliveries.Receiver(true);
        }
        publisher = client.connect(sessionUri(), this);
        client.everyTurn(this::publish);
    }

    private URI sessionUri() {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "/000/" + UUID.randomUUID() + "/websocket");
    }

    private void publish() {
        for (int due = pacing.due(); due > 0; due--) {
            publisher.send("[\"" + deliveries.next(sender) + "\"]");
        }
    }

    @Override
    public void onOpen(WebSocketClient connection) {
    }

    @Override
    public void onText(WebSocketClient connection, String text) {
        boolean receiver = connection != publisher;
        switch (text.charAt(0)) {
            case 'o' -> {
                if (receiver) {
                    open++;
                } else {
                    pacing.start();
                }
            }
            case 'h' -> {
            }
            case 'a' -> {
                if (receiver) {
                    deliveries.arrivedFrame((Deliveries.Receiver) connection.attachment, text);
                }
            }
            default -> {
                if (!receiver) {
                    pacing.stop();
                }
                fail(connection, "SockJS closed the session: " + text);
            }
        }
    }

    @Override
    public void onClose(WebSocketClient connection, String why) {
        closed(why);
    }
}
