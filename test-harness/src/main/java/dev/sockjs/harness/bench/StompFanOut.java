package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * STOMP fan-out over SockJS websockets: every session connects (STOMP 1.2, heart-beating off) and subscribes
 * to one topic, and one publisher session sends {@code rate} messages a second to that topic. A session counts
 * as open once connected and its subscription sent (no receipt is asked for: Spring's simple broker answered
 * none in our runs; the warm-up covers the moment the broker takes the subscription); each checks the
 * publisher's sequence from the first message it sees on. Throughput counts deliveries. Given several server
 * nodes (which share a broker through a relay), the subscribers are spread over them in turn and the publisher
 * uses the first.
 */
final class StompFanOut extends Scenario implements WebSocketClient.Listener {

    static final String TOPIC = "/topic/bench";
    private static final char NUL = '\0';

    /** A session: the publisher, or a subscriber with what it has seen. */
    private record Peer(Deliveries.Receiver receiver) {
        boolean isPublisher() {
            return receiver == null;
        }
    }

    private final List<URI> nodes;
    private final Pacing pacing;
    private final Deliveries.Sender sender = new Deliveries.Sender();
    private WebSocketClient publisher;

    StompFanOut(List<URI> nodes, int sessions, int size, int rate) {
        super(nodes.get(0), sessions, size);
        this.nodes = List.copyOf(nodes);
        this.pacing = new Pacing(rate);
    }

    @Override
    String name() {
        return nodes.size() == 1 ? "stomp-fanout" : "stomp-fanout-" + nodes.size() + "-nodes";
    }

    @Override
    void start(LoadClient client) throws IOException {
        for (int i = 0; i < sessions; i++) {
            client.connect(sessionUri(nodes.get(i % nodes.size())), this).attachment =
                    new Peer(new Deliveries.Receiver(true));
        }
        publisher = client.connect(sessionUri(nodes.get(0)), this);
        publisher.attachment = new Peer(null);
        client.everyTurn(this::publish);
    }

    private static URI sessionUri(URI node) {
        return URI.create(node.toString().replaceFirst("^http", "ws") + "/000/" + UUID.randomUUID() + "/websocket");
    }

    private void publish() {
        for (int due = pacing.due(); due > 0; due--) {
            send(publisher, "SEND\ndestination:" + TOPIC + "\ncontent-type:text/plain\n\n" + deliveries.next(sender));
        }
    }

    /** Sends one STOMP frame as one SockJS message. */
    private static void send(WebSocketClient connection, String frame) {
        connection.send("[\"" + SockJsMessages.escape(frame + NUL) + "\"]");
    }

    @Override
    public void onOpen(WebSocketClient connection) {
    }

    @Override
    public void onText(WebSocketClient connection, String text) {
        Peer peer = (Peer) connection.attachment;
        switch (text.charAt(0)) {
            case 'o' -> send(connection, "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n");
            case 'h' -> {
            }
            case 'a' -> {
                for (String message : SockJsMessages.decodeArray(text)) {
                    int from = 0;
                    while (from < message.length() && !connection.isClosed()) {
                        int end = message.indexOf(NUL, from);
                        if (end < 0) {
                            end = message.length();
                        }
                        frame(connection, peer, message.substring(from, end).stripLeading());
                        from = end + 1;
                    }
                }
            }
            default -> {
                if (connection == publisher) {
                    pacing.stop();
                }
                fail(connection, "SockJS closed the session: " + text);
            }
        }
    }

    private void frame(WebSocketClient connection, Peer peer, String frame) {
        if (frame.isEmpty()) {
            return;
        }
        int commandEnd = frame.indexOf('\n');
        String command = commandEnd < 0 ? frame : frame.substring(0, commandEnd);
        switch (command) {
            case "CONNECTED" -> {
                if (peer.isPublisher()) {
                    pacing.start();
                } else {
                    send(connection, "SUBSCRIBE\nid:0\ndestination:" + TOPIC + "\n\n");
                    open++;
                }
            }
            case "MESSAGE" -> deliveries.arrived(peer.receiver(), frame.substring(frame.indexOf("\n\n") + 2));
            default -> fail(connection, "unexpected STOMP frame: " + frame);
        }
    }

    @Override
    public void onClose(WebSocketClient connection, String why) {
        closed(why);
    }
}
