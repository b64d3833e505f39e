package dev.sockjs.harness.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.stomp.StompServer;
import dev.sockjs.stomp.frame.StompCommand;
import dev.sockjs.stomp.frame.StompFrame;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad input, silence and transactions, end to end, over the websocket and xhr-polling transports. */
class RawStompTest {

    private static ProtocolTestServer server;
    private static StompServer stomp;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        stomp = StompServer.builder()
                .heartbeat(Duration.ofMillis(100), Duration.ofMillis(200))
                .maxFrameBytes(1024)
                .build();
        server = ProtocolTestServer.start("127.0.0.1", 0,
                context -> SockJsServlet.register(context, "/stomp", stomp, SockJsOptions.defaults()));
        url = server.url() + "/stomp";
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        stomp.close();
    }

    private static RawStompClient connected(RawStompClient.Transport transport, String heartbeat) throws Exception {
        RawStompClient client = new RawStompClient(url, transport);
        client.send("CONNECT\naccept-version:1.1,1.2\nhost:test\nheart-beat:" + heartbeat + "\n\n\0");
        StompFrame connected = client.frame();
        assertEquals(StompCommand.CONNECTED, connected.command());
        return client;
    }

    private static void assertErrorThenClose(RawStompClient client, String messagePart, String receipt)
            throws Exception {
        StompFrame error = client.frame();
        assertEquals(StompCommand.ERROR, error.command());
        assertTrue(error.header("message").contains(messagePart), error.header("message"));
        assertEquals(receipt, error.header("receipt-id"));
        assertTrue(client.closed().matches("closed 1002|socket closed"));
    }

    @ParameterizedTest
    @EnumSource(RawStompClient.Transport.class)
    void badInputGetsAnErrorAndTheConnectionCloses(RawStompClient.Transport transport) throws Exception {
        String[][] cases = {
            {"SEND\ndestination:/nowhere\nreceipt:r1\n\nx\0", "Unknown destination", "r1"},
            {"SUBSCRIBE\ndestination:/topic/a\nreceipt:r2\n\n\0", "needs an 'id'", "r2"},
            {"SEND\ndestination:/topic/a\n\n" + "x".repeat(2000) + "\0", "Frame too large", null},
            {"BOGUS\n\n\0", "Unknown command", null},
            {"SEND\nreceipt:r5\ndestination:/topic/a\nbad:\\q\n\n\0", "Undefined escape", "r5"},
            {"ACK\nid:nothing\nreceipt:r6\n\n\0", "No message awaits", "r6"},
            {"COMMIT\ntransaction:none\n\n\0", "Unknown transaction", null},
        };
        for (String[] c : cases) {
            try (RawStompClient client = connected(transport, "0,0")) {
                client.send(c[0]);
                assertErrorThenClose(client, c[1], c[2]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RawStompClient.Transport.class)
    void aSilentClientIsDisconnected(RawStompClient.Transport transport) throws Exception {
        try (RawStompClient client = connected(transport, "200,0")) {
            assertErrorThenClose(client, "Heart-beat timeout", null);
        }
    }

    @ParameterizedTest
    @EnumSource(RawStompClient.Transport.class)
    void theServerSendsHeartBeatsWhenAsked(RawStompClient.Transport transport) throws Exception {
        try (RawStompClient client = connected(transport, "0,100")) {
            assertEquals(RawStompClient.HEARTBEAT, client.next());
        }
    }

    @ParameterizedTest
    @EnumSource(RawStompClient.Transport.class)
    void transactionsDeliverOnCommitOnly(RawStompClient.Transport transport) throws Exception {
        try (RawStompClient client = connected(transport, "0,0")) {
            client.send("SUBSCRIBE\nid:1\ndestination:/topic/tx-" + transport + "\n\n\0"
                    + "BEGIN\ntransaction:a\n\n\0"
                    + "SEND\ndestination:/topic/tx-" + transport + "\ntransaction:a\n\ndropped\0"
                    + "ABORT\ntransaction:a\n\n\0"
                    + "BEGIN\ntransaction:b\n\n\0"
                    + "SEND\ndestination:/topic/tx-" + transport + "\ntransaction:b\n\nkept\0");
            client.send("COMMIT\ntransaction:b\nreceipt:committed\n\n\0");
            StompFrame message = client.frame();
            assertEquals("kept", message.bodyText());
            assertEquals("committed", client.frame().header("receipt-id"));
        }
    }
}
