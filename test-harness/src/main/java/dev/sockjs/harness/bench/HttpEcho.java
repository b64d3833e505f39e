package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

/**
 * Closed-loop echo over SockJS's HTTP transports, as sockjs-client drives them: every session has one
 * keep-alive connection that receives ({@code xhr_streaming}, reopened whenever the server ends the response at
 * its response limit; or {@code xhr} polls, one after another) and one that sends ({@code xhr_send}, one request
 * at a time). Each echo that arrives triggers the next send.
 */
final class HttpEcho extends Scenario implements HttpClientConnection.Listener {

    enum Transport {
        XHR_STREAMING("xhr-streaming", "xhr_streaming"), XHR_POLLING("xhr-polling", "xhr");

        final String scenario;
        final String path;

        Transport(String scenario, String path) {
            this.scenario = scenario;
            this.path = path;
        }
    }

    private static final class Peer {
        final String path;
        final Deliveries.Sender sender = new Deliveries.Sender();
        final Deliveries.Receiver receiver = new Deliveries.Receiver();
        HttpClientConnection receiving;
        HttpClientConnection sending;
        boolean opened;
        boolean sendWanted;

        Peer(String path) {
            this.path = path;
        }
    }

    private final Transport transport;

    HttpEcho(URI base, Transport transport, int sessions, int size) {
        super(base, sessions, size);
        this.transport = transport;
    }

    @Override
    String name() {
        return transport.scenario + "-echo";
    }

    @Override
    void start(LoadClient client) throws IOException {
        for (int i = 0; i < sessions; i++) {
            Peer peer = new Peer(base.getRawPath() + "/000/" + UUID.randomUUID());
            peer.receiving = client.http(base, this);
            peer.receiving.attachment = peer;
            peer.sending = client.http(base, this);
            peer.sending.attachment = peer;
            receive(peer);
        }
    }

    private void receive(Peer peer) {
        peer.receiving.request("POST", peer.path + "/" + transport.path, null);
    }

    private void sendNext(Peer peer) {
        if (!peer.sending.isIdle()) {
            peer.sendWanted = true;
            return;
        }
        peer.sendWanted = false;
        peer.sending.request("POST", peer.path + "/xhr_send", "[\"" + deliveries.next(peer.sender) + "\"]");
    }

    @Override
    public void onLine(HttpClientConnection connection, String line) {
        Peer peer = (Peer) connection.attachment;
        if (connection != peer.receiving || line.isEmpty()) {
            return;
        }
        switch (line.charAt(0)) {
            case 'o' -> {
                if (!peer.opened) {
                    peer.opened = true;
                    open++;
                    sendNext(peer);
                }
            }
            case 'h' -> {
            }
            case 'a' -> {
                deliveries.arrivedFrame(peer.receiver, line);
                sendNext(peer);
            }
            default -> {
                fail(peer.receiving, "SockJS closed the session: " + line);
                peer.sending.close(CLIENT_FINISHED);
            }
        }
    }

    @Override
    public void onResponse(HttpClientConnection connection, int status) {
        Peer peer = (Peer) connection.attachment;
        if (status / 100 != 2) {
            fail(connection, "HTTP " + status + (connection == peer.receiving ? " to a poll" : " to a send"));
            return;
        }
        if (connection == peer.receiving) {
            receive(peer);
        } else if (peer.sendWanted) {
            sendNext(peer);
        }
    }

    @Override
    public void onClose(HttpClientConnection connection, String why) {
        Peer peer = (Peer) connection.attachment;
        closed(connection == peer.receiving ? "receiving connection: " : "sending connection: ", why);
    }
}
