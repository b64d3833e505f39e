package dev.sockjs.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.frame.StompCommand;
import dev.sockjs.stomp.frame.StompFrame;
import dev.sockjs.stomp.relay.RelayBroker;
import dev.sockjs.testbrokers.ExternalBroker;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two STOMP server nodes with a broker relay to one real broker: clients on either see each other's messages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StompNodesContract {

    private ExternalBroker broker;
    private final List<StompServer> nodes = new ArrayList<>();

    abstract ExternalBroker startBroker() throws Exception;

    abstract BrokerRelay.Builder relay(int port);

    @BeforeAll
    void start() throws Exception {
        broker = startBroker();
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(StompServer::close);
        nodes.clear();
    }

    @AfterAll
    void stop() throws Exception {
        broker.close();
    }

    private StompServer node() throws Exception {
        StompServer node = StompServer.builder()
                .heartbeat(Duration.ZERO, Duration.ZERO)
                .interceptor(new StompInterceptor() {
                    @Override
                    public Principal authenticate(ConnectRequest request) {
                        return request.login() == null ? null : () -> request.login();
                    }
                })
                .brokerRelay(relay(broker.port()).login(ExternalBroker.LOGIN).passcode(ExternalBroker.PASSCODE)
                        .build())
                .build();
        nodes.add(node);
        relayOf(node).connected().get(60, TimeUnit.SECONDS);
        return node;
    }

    private static RelayBroker relayOf(StompServer node) {
        return (RelayBroker) node.broker;
    }

    private static FakeSession client(StompServer node, String login) {
        FakeSession client = new FakeSession(node).connect(login == null ? "" : "login:" + login + "\n");
        assertEquals(StompCommand.CONNECTED, client.frame().command());
        return client;
    }

    /** Subscribes, and waits until the node's relay has the subscription at the broker. */
    private static void subscribe(StompServer node, FakeSession client, String id, String destination)
            throws Exception {
        client.receive("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n\0");
        relayOf(node).lastChange().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aClientSeesWhatAClientOfAnotherNodeSendsToATopic() throws Exception {
        StompServer a = node();
        StompServer b = node();
        FakeSession listener = client(a, null);
        subscribe(a, listener, "1", "/topic/chat");
        FakeSession speaker = client(b, null);

        speaker.receive("SEND\ndestination:/topic/chat\ncontent-type:text/plain\n\nhello from b\0");
        StompFrame message = listener.awaitFrame(30, TimeUnit.SECONDS);
        assertNotNull(message, "nothing reached the other node");
        assertEquals(StompCommand.MESSAGE, message.command());
        assertEquals("hello from b", message.bodyText());
        assertEquals("/topic/chat", message.header("destination"));
        assertEquals("1", message.header("subscription"));
    }

    @Test
    void aUserIsReachedOnWhicheverNodeTheyAre() throws Exception {
        StompServer a = node();
        StompServer b = node();
        FakeSession alice = client(a, "alice");
        subscribe(a, alice, "notes", "/user/queue/notes");
        FakeSession bob = client(a, "bob");
        subscribe(a, bob, "notes", "/user/queue/notes");

        b.sendToUser("alice", "/queue/notes", "for alice only");
        StompFrame note = alice.awaitFrame(30, TimeUnit.SECONDS);
        assertNotNull(note, "the note did not reach alice on the other node");
        assertEquals("for alice only", note.bodyText());
        assertEquals("/user/queue/notes", note.header("destination"));
        assertEquals(List.of(), bob.frames(), "bob got alice's note");
    }

    /** A relay the broker does not let in: clients are told why their frames cannot go to the broker. */
    @Test
    void theListenerHearsEachRelayLinkComeUp() throws Exception {
        List<String> links = new java.util.concurrent.CopyOnWriteArrayList<>();
        StompServer node = StompServer.builder().heartbeat(Duration.ZERO, Duration.ZERO)
                .brokerRelay(relay(broker.port()).login(ExternalBroker.LOGIN).passcode(ExternalBroker.PASSCODE)
                        .connections(2).build())
                .listener(new StompListener() {
                    @Override
                    public void brokerLinkUp(String at) {
                        links.add("up " + at);
                    }

                    @Override
                    public void brokerLinkDown(String at, String why) {
                        links.add("down " + at);
                    }
                })
                .build();
        nodes.add(node);
        node.brokerAvailable().toCompletableFuture().get(60, TimeUnit.SECONDS);
        String at = "127.0.0.1:" + broker.port();
        assertEquals(List.of("up " + at, "up " + at), links);
    }

    @Test
    void aRefusedLoginIsNamedInTheClientsError() throws Exception {
        StompServer refused = StompServer.builder().heartbeat(Duration.ZERO, Duration.ZERO)
                .brokerRelay(relay(broker.port()).login(ExternalBroker.LOGIN).passcode("not the passcode")
                        .connectTimeout(Duration.ofSeconds(5)).build())
                .build();
        nodes.add(refused);
        FakeSession client = client(refused, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StompFrame error;
        do {
            // The relay's first attempt may still be under way: until it fails, the reason is that.
            FakeSession attempt = client(refused, null);
            attempt.receive("SUBSCRIBE\nid:1\ndestination:/topic/chat\n\n\0");
            error = attempt.frame();
            assertEquals(StompCommand.ERROR, error.command());
        } while (!error.header("message").contains("refused the login") && System.nanoTime() < deadline);
        assertTrue(error.header("message").contains("refused the login"), error.header("message"));
        assertFalse(refused.brokerAvailable().toCompletableFuture().isDone());
        assertEquals(List.of(), client.frames());
    }
}
