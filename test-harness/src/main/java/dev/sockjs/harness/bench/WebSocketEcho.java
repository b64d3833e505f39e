package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

/**
 * Closed-loop websocket echo, in SockJS framing ({@code ["..."]} out, {@code a["..."]} back) or as plain
 * websocket messages.
 */
final class WebSocketEcho extends Scenario implements WebSocketClient.Listener {

    enum Protocol { SOCKJS, RAW }

    private static final class Peer {
        final Deliveries.Sender sender = new Deliveries.Sender();
        final Deliveries.Receiver receiver = new Deliveries.Receiver();
    }

    private final Protocol protocol;

    WebSocketEcho(URI base, Protocol protocol, int sessions, int size) {
        super(base, sessions, size);
        this.protocol = protocol;
    }

    @Override
    String name() {
        return "websocket-echo";
    }

    @Override
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
        Peer peer = (Peer) connection.attachment;
        if (protocol == Protocol.RAW) {
            deliveries.arrived(peer.receiver, text);
            sendNext(connection);
            return;
        }
        switch (text.charAt(0)) {
            case 'o' -> opened(connection);
            case 'h' -> {
            }
            case 'a' -> {
                deliveries.arrivedFrame(peer.receiver, text);
                sendNext(connection);
            }
            default -> fail(connection, "SockJS closed the session: " + text);
        }
    }

    private void sendNext(WebSocketClient connection) {
        String payload = deliveries.next(((Peer) connection.attachment).sender);
        connection.send(protocol == Protocol.SOCKJS ? "[\"" + payload + "\"]" : payload);
    }

    @Override
    public void onClose(WebSocketClient connection, String why) {
        closed(why);
    }
}
