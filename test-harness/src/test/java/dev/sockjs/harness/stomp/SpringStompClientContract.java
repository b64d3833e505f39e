package dev.sockjs.harness.stomp;

import static dev.sockjs.harness.stomp.Inbox.awaitReceipt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.harness.TransportRecorder;
import dev.sockjs.harness.relay.Brokers;
import dev.sockjs.harness.stomp.SpringStompClients.SockJsTransport;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.stomp.StompServer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;

/**
 * A standard STOMP client, Spring's WebSocketStompClient over its SockJsClient, on each transport, with the
 * server's destinations in each broker (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringStompClientContract {

    private final Brokers broker;
    private TransportRecorder recorder;
    private ProtocolTestServer server;
    private StompServer stomp;
    private SpringStompClients clients;

    private StompSession session;

    SpringStompClientContract(Brokers broker) {
        this.broker = broker;
    }

    @BeforeAll
    void start() throws Exception {
        stomp = broker.start(StompServer.builder()
                .handle("/app/echo", (m, c) -> c.publisher().publish("/topic/echo", m.contentType(), m.body(),
                        Map.of()))
                .handle("/app/whoami", (m, c) -> c.reply("/user/queue/answers", c.user())));
        recorder = new TransportRecorder(stomp);
        server = ProtocolTestServer.start("127.0.0.1", 0,
                context -> SockJsServlet.register(context, "/stomp", recorder, SockJsOptions.defaults()));
        clients = new SpringStompClients();
    }

    @AfterAll
    void stop() throws Exception {
        assertEquals(Set.of("websocket", "xhr-streaming", "xhr-polling"), recorder.transports());
        clients.close();
        server.close();
        stomp.close();
    }

    @AfterEach
    void disconnect() {
        if (session != null && session.isConnected()) {
            session.disconnect();
        }
        clients.stopClients();
    }

    private StompSession connect(SockJsTransport transport) throws Exception {
        session = clients.connect(server.url() + "/stomp", transport);
        return session;
    }

    @ParameterizedTest
    @EnumSource(SockJsTransport.class)
    void applicationHandlerRoundTripThroughTheBroker(SockJsTransport transport) throws Exception {
        StompSession s = connect(transport);
        Inbox echoes = new Inbox();
        awaitReceipt(s.subscribe("/topic/echo", echoes));
        awaitReceipt(s.send("/app/echo", "hello over " + transport));
        assertEquals("hello over " + transport, echoes.next());
        assertEquals("text/plain;charset=UTF-8", echoes.headers.poll().getContentType().toString());
    }

    @ParameterizedTest
    @EnumSource(SockJsTransport.class)
    void userDestinationsAnswerTheSenderOnly(SockJsTransport transport) throws Exception {
        StompSession s = connect(transport);
        Inbox answers = new Inbox();
        awaitReceipt(s.subscribe("/user/queue/answers", answers));
        s.send("/app/whoami", "");
        assertTrue(answers.next().startsWith("anonymous-"));
    }

    @ParameterizedTest
    @EnumSource(SockJsTransport.class)
    void queueMessagesAreAcknowledgedOrRedelivered(SockJsTransport transport) throws Exception {
        StompSession s = connect(transport);
        s.setAutoReceipt(false);
        Inbox jobs = new Inbox();
        StompHeaders subscribe = new StompHeaders();
        subscribe.setDestination("/queue/jobs-" + transport);
        subscribe.setAck("client-individual");
        subscribe.setReceipt("subscribed");
        awaitReceipt(s.subscribe(subscribe, jobs));

        stomp.publish("/queue/jobs-" + transport, "job");
        assertEquals("job", jobs.next());
        s.acknowledge(jobs.headers.poll().getAck(), false);
        if (broker.nackRequeues()) {
            assertEquals("job", jobs.next());
        } else {
            stomp.publish("/queue/jobs-" + transport, "next job");
            assertEquals("next job", jobs.next());
        }
        awaitReceipt(s.acknowledge(receiptFor(jobs.headers.poll().getAck()), true));
    }

    private static StompHeaders receiptFor(String ackId) {
        StompHeaders ack = new StompHeaders();
        ack.setId(ackId);
        ack.setReceipt("acked");
        return ack;
    }

    @ParameterizedTest
    @EnumSource(SockJsTransport.class)
    void serverSidePublishingReachesEverySubscriber(SockJsTransport transport) throws Exception {
        StompSession s = connect(transport);
        Inbox news = new Inbox();
        Inbox prices = new Inbox();
        awaitReceipt(s.subscribe("/topic/news", news));
        awaitReceipt(s.subscribe("/topic/stocks.*", prices));
        // Through a relay, the deliveries happen on every node once the broker sends the message back.
        int local = broker.inMemory() ? 1 : 0;
        assertEquals(local, stomp.publish("/topic/news", "extra"));
        assertEquals(local, stomp.publish("/topic/stocks.ACME", "42"));
        assertEquals("extra", news.next());
        assertEquals("42", prices.next());
    }

}
