package dev.sockjs.harness.cluster;

import static dev.sockjs.harness.stomp.Inbox.awaitReceipt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sockjs.harness.DemoServer;
import dev.sockjs.harness.relay.Brokers;
import dev.sockjs.harness.stomp.Inbox;
import dev.sockjs.harness.stomp.SpringStompClients;
import dev.sockjs.harness.stomp.SpringStompClients.SockJsTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.messaging.simp.stomp.StompSession;

/** The cluster launcher's demo: two nodes relaying to RabbitMQ behind nginx share one chat. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoCluster cluster;
    private SpringStompClients clients;

    @BeforeAll
    void start() throws Exception {
        cluster = DemoCluster.start(2, 0, DemoCluster.rabbitMq(Brokers.RABBITMQ.port()), DemoServer.defaultWar(),
                DemoCluster.defaultNginxConfig());
        clients = new SpringStompClients();
    }

    @AfterAll
    void stop() throws Exception {
        clients.close();
        cluster.close();
    }

    /** A chat client at {@code base} (a node, or nginx), over websocket or xhr-streaming. */
    private StompSession connect(String base, boolean websocket) throws Exception {
        return clients.connect(base + "sockjs/stomp",
                websocket ? SockJsTransport.WEBSOCKET : SockJsTransport.XHR_STREAMING);
    }

    /** Joins the room and returns its events. */
    private static Inbox join(StompSession session, String room, String nick) throws Exception {
        Inbox events = new Inbox();
        awaitReceipt(session.subscribe("/topic/chat." + room, events));
        awaitReceipt(session.send("/app/chat/" + room + "/join", "{\"nick\":\"" + nick + "\"}"));
        return events;
    }

    /** The next event of the given type. */
    private static JsonNode next(Inbox events, String type) throws Exception {
        while (true) {
            JsonNode event = JSON.readTree(events.next());
            if (event.path("type").asText().equals(type)) {
                return event;
            }
        }
    }

    @Test
    void chatMessagesReachClientsOnEveryNodeAndThroughNginx() throws Exception {
        String room = "cluster-" + System.nanoTime() % 100_000;
        Inbox onA = join(connect(cluster.nodes().get(0).url(), true), room, "ann");
        Inbox onB = join(connect(cluster.nodes().get(1).url(), false), room, "bob");
        StompSession viaNginx = connect(cluster.url(), true);
        Inbox throughBalancer = join(viaNginx, room, "cat");

        awaitReceipt(viaNginx.send("/app/chat/" + room + "/say", "hello, all nodes"));
        for (Inbox events : List.of(onA, onB, throughBalancer)) {
            JsonNode said = next(events, "message");
            assertEquals("cat", said.path("nick").asText());
            assertEquals("hello, all nodes", said.path("text").asText());
        }
    }

    /**
     * Each join happens after the one before it was confirmed, by a client connected (and subscribed, through the
     * broker) only after that: the nodes have told each other their members by then.
     */
    @Test
    void membersAndPrivateMessagesSpanTheNodes() throws Exception {
        String room = "presence-" + System.nanoTime() % 100_000;
        StompSession ann = connect(cluster.nodes().get(0).url(), true);
        Inbox annPrivate = new Inbox();
        awaitReceipt(ann.subscribe("/user/queue/private", annPrivate));
        Inbox annEvents = join(ann, room, "ann");
        assertEquals(List.of("ann"), members(next(annEvents, "join")));

        StompSession bob = connect(cluster.nodes().get(1).url(), false);
        Inbox bobPrivate = new Inbox();
        awaitReceipt(bob.subscribe("/user/queue/private", bobPrivate));
        Inbox bobEvents = join(bob, room, "bob");
        assertEquals(List.of("ann", "bob"), members(next(bobEvents, "join")), "bob's node knows ann");
        JsonNode bobJoined = next(annEvents, "join");
        assertEquals("bob", bobJoined.path("nick").asText());
        assertEquals(List.of("ann", "bob"), members(bobJoined));

        awaitReceipt(ann.send("/app/chat/private", "{\"to\":\"bob\",\"text\":\"psst, node B\"}"));
        JsonNode whisper = JSON.readTree(bobPrivate.next());
        assertEquals("ann", whisper.path("nick").asText());
        assertEquals("psst, node B", whisper.path("text").asText());
        assertEquals("psst, node B", JSON.readTree(annPrivate.next()).path("text").asText(), "the sender's copy");

        StompSession taken = connect(cluster.url(), true);
        Inbox refused = new Inbox();
        awaitReceipt(taken.subscribe("/topic/chat." + room, refused));
        taken.send("/app/chat/" + room + "/join", "{\"nick\":\"ann\"}");
        assertTrue(clients.awaitError(taken).contains("The nickname ann is taken"), "a nickname is the cluster's");

        bob.disconnect();
        JsonNode bobLeft = next(annEvents, "leave");
        assertEquals("bob", bobLeft.path("nick").asText());
        assertEquals(List.of("ann"), members(bobLeft));
    }

    /** Clients speak through the chat's handlers only: its topics carry what the chat checked. */
    @Test
    void clientsCannotPublishToTheChatsTopics() throws Exception {
        StompSession forger = connect(cluster.url(), true);
        forger.send("/topic/chat.lobby", "{\"type\":\"message\",\"nick\":\"admin\",\"text\":\"forged\"}");
        assertTrue(clients.awaitError(forger).contains("Send to /app/chat/"));
    }

    private static List<String> members(JsonNode event) {
        List<String> members = new java.util.ArrayList<>();
        event.path("members").forEach(member -> members.add(member.asText()));
        return members;
    }

    @Test
    void thePageIsServedThroughNginx() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.url()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("sockjs"), page.body());
    }
}
