package dev.sockjs.harness.relay;

import static dev.sockjs.harness.stomp.Inbox.awaitReceipt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.harness.stomp.Inbox;
import dev.sockjs.harness.stomp.SpringStompClients;
import dev.sockjs.harness.stomp.SpringStompClients.SockJsTransport;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.stomp.ConnectRequest;
import dev.sockjs.stomp.StompInterceptor;
import dev.sockjs.stomp.StompServer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;

/**
 * Two server nodes, each an embedded Jetty with its own STOMP server relaying to one real broker, and Spring's STOMP
 * client on each: what one node's clients send reaches the other's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodesContract {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Brokers broker;
    private final List<StompServer> stomps = new ArrayList<>();
    private final List<ProtocolTestServer> nodes = new ArrayList<>();
    private SpringStompClients clients;

    TwoNodesContract(Brokers broker) {
        this.broker = broker;
    }

    @BeforeAll
    void start() throws Exception {
        for (int i = 0; i < 2; i++) {
            StompServer stomp = broker.start(StompServer.builder().interceptor(new StompInterceptor() {
                @Override
                public Principal authenticate(ConnectRequest request) {
                    return request.login() == null ? null : request::login;
                }
            }));
            stomps.add(stomp);
            nodes.add(ProtocolTestServer.start("127.0.0.1", 0,
                    context -> SockJsServlet.register(context, "/stomp", stomp, SockJsOptions.defaults())));
        }
        clients = new SpringStompClients();
    }

    @AfterEach
    void disconnect() {
        clients.stopClients();
    }

    @AfterAll
    void stop() throws Exception {
        clients.close();
        for (ProtocolTestServer node : nodes) {
            node.close();
        }
        stomps.forEach(StompServer::close);
    }

    /** A destination name of this test alone: the broker outlives the test class. */
    private static String unique(String prefix) {
        return prefix + "two-nodes-" + NAMES.incrementAndGet() + "-" + System.nanoTime();
    }

    /** A client of node {@code node} (0 or 1), over websocket or, for the second node, xhr-streaming. */
    private StompSession connect(int node, String login) throws Exception {
        StompHeaders connect = new StompHeaders();
        connect.setLogin(login);
        return clients.connect(nodes.get(node).url() + "/stomp",
                node == 0 ? SockJsTransport.WEBSOCKET : SockJsTransport.XHR_STREAMING, connect);
    }

    @Test
    void aTopicSubscriberOnOneNodeGetsWhatAClientOfTheOtherSends() throws Exception {
        String topic = unique("/topic/");
        StompSession onA = connect(0, "alice");
        StompSession onB = connect(1, "bob");
        Inbox inbox = new Inbox();
        awaitReceipt(onA.subscribe(topic, inbox));

        awaitReceipt(onB.send(topic, "from node B"));
        assertEquals("from node B", inbox.bodies.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aQueueGivesEachMessageToOneConsumerOnEitherNode() throws Exception {
        String queue = unique("/queue/");
        StompSession onA = connect(0, "alice");
        StompSession onB = connect(1, "bob");
        Inbox consumerA = new Inbox();
        Inbox consumerB = new Inbox();
        awaitReceipt(onA.subscribe(queue, consumerA));
        awaitReceipt(onB.subscribe(queue, consumerB));

        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            sent.add("job " + i);
            awaitReceipt(onB.send(queue, "job " + i));
        }
        List<String> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received.size() < sent.size() && System.nanoTime() < deadline) {
            String a = consumerA.bodies.poll(10, TimeUnit.MILLISECONDS);
            String b = consumerB.bodies.poll();
            if (a != null) {
                received.add("A " + a);
            }
            if (b != null) {
                received.add("B " + b);
            }
        }
        assertEquals(sent.size(), received.size(), "received: " + received);
        Set<String> bodies = new HashSet<>();
        received.forEach(r -> bodies.add(r.substring(2)));
        assertEquals(sent, bodies, "a job went to two consumers, or to none");
        assertTrue(received.stream().anyMatch(r -> r.startsWith("A ")), "node A got nothing: " + received);
        assertTrue(received.stream().anyMatch(r -> r.startsWith("B ")), "node B got nothing: " + received);
        assertNull(consumerA.bodies.poll(200, TimeUnit.MILLISECONDS), "a job came twice");
        assertNull(consumerB.bodies.poll(), "a job came twice");
    }

    @Test
    void sendToUserFromOneNodeReachesTheUsersSessionOnTheOther() throws Exception {
        String user = "carol-" + NAMES.incrementAndGet();
        StompSession onB = connect(1, user);
        Inbox notes = new Inbox();
        awaitReceipt(onB.subscribe("/user/queue/notes", notes));
        StompSession otherOnB = connect(1, "dave");
        Inbox notForDave = new Inbox();
        awaitReceipt(otherOnB.subscribe("/user/queue/notes", notForDave));

        assertEquals(0, stomps.get(0).sendToUser(user, "/queue/notes", "from node A"));
        assertEquals("from node A", notes.bodies.poll(10, TimeUnit.SECONDS));
        assertNull(notForDave.bodies.poll(200, TimeUnit.MILLISECONDS), "another user got it");
    }

    /**
     * The broker restarts under the nodes: their clients stay connected, the nodes subscribe again, and a queue
     * message the broker held is still there.
     */
    @Test
    void clientsStayConnectedWhileTheBrokerRestarts() throws Exception {
        String topic = unique("/topic/");
        String queue = unique("/queue/");
        StompSession onA = connect(0, "alice");
        StompSession onB = connect(1, "bob");
        Inbox news = new Inbox();
        awaitReceipt(onA.subscribe(topic, news));
        awaitReceipt(onB.send(queue, "kept by the broker"));

        broker.restart(stomps);
        for (StompServer stomp : stomps) {
            stomp.brokerAvailable().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        assertTrue(onA.isConnected() && onB.isConnected(), "a client was disconnected");
        awaitReceipt(onB.send(topic, "after the restart"));
        assertEquals("after the restart", news.next());
        Inbox jobs = new Inbox();
        awaitReceipt(onA.subscribe(queue, jobs));
        assertEquals("kept by the broker", jobs.next());
    }
}
