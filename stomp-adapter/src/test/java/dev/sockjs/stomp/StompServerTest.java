package dev.sockjs.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.broker.InMemoryBroker;
import dev.sockjs.stomp.frame.StompCommand;
import dev.sockjs.stomp.frame.StompFrame;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StompServerTest {

    private StompServer server = builder().build();

    private static StompServer.Builder builder() {
        return StompServer.builder()
                .heartbeat(Duration.ZERO, Duration.ZERO)
                .handle("/app/echo", (m, c) -> c.publisher().publish("/topic/echo", m.contentType(), m.body(),
                        java.util.Map.of()))
                .handle("/app/rooms/{room}/say", (m, c) -> c.publisher().publish(
                        "/topic/rooms." + m.variables().get("room"), c.user() + ": " + m.text()))
                .handle("/app/whoami", (m, c) -> c.reply("/user/queue/answers", c.user()))
                .handle("/app/refuse", (m, c) -> {
                    throw new StompRefusal("No, because " + m.text());
                });
    }

    @AfterEach
    void close() {
        server.close();
    }

    /** Replaces the server with one whose users are named by their CONNECT login. */
    private void authenticateByLogin() {
        server.close();
        server = builder().interceptor(new StompInterceptor() {
            @Override
            public Principal authenticate(ConnectRequest request) {
                return () -> request.login();
            }
        }).build();
    }

    private FakeSession connected() {
        FakeSession s = new FakeSession(server).connect("");
        assertEquals(StompCommand.CONNECTED, s.frame().command());
        return s;
    }

    private static void assertError(FakeSession s, String messagePart) {
        StompFrame error = s.frame();
        assertEquals(StompCommand.ERROR, error.command());
        assertTrue(error.header("message").contains(messagePart), error.header("message"));
        assertEquals(1002, s.closeCode);
    }

    @Test
    void connectNegotiatesTheHighestCommonVersion() {
        FakeSession s = new FakeSession(server).receive("CONNECT\naccept-version:1.0,1.1,1.2\nhost:h\n\n\0");
        StompFrame connected = s.frame();
        assertEquals("1.2", connected.header("version"));
        assertEquals("0,0", connected.header("heart-beat"));
        assertTrue(connected.header("server").startsWith("sockjs-java-stomp"));
        assertTrue(connected.header("session").length() > 10);

        assertEquals("1.1", new FakeSession(server).receive("STOMP\naccept-version:1.1\n\n\0").frame()
                .header("version"));
        assertEquals("1.0", new FakeSession(server).receive("CONNECT\n\n\0").frame().header("version"));
    }

    @Test
    void noCommonVersionIsAnErrorNamingTheSupportedOnes() {
        FakeSession s = new FakeSession(server).receive("CONNECT\naccept-version:2.0\n\n\0");
        StompFrame error = s.frame();
        assertEquals(StompCommand.ERROR, error.command());
        assertEquals("1.0,1.1,1.2", error.header("version"));
        assertTrue(s.closed());
    }

    @Test
    void anythingBeforeConnectIsAnError() {
        assertError(new FakeSession(server).receive("SEND\ndestination:/topic/a\n\nx\0"), "Expected a CONNECT");
    }

    @Test
    void subscribersGetMessagesWithTheSendersHeaders() {
        FakeSession a = connected().receive("SUBSCRIBE\nid:s1\ndestination:/topic/news\nreceipt:r1\n\n\0");
        assertEquals("r1", a.frame().header("receipt-id"));
        FakeSession b = connected();
        b.receive("SEND\ndestination:/topic/news\ncontent-type:text/plain\npriority:high\nreceipt:r2\n\nhello\0");
        assertEquals("r2", b.frame().header("receipt-id"));

        StompFrame message = a.frame();
        assertEquals(StompCommand.MESSAGE, message.command());
        assertEquals("/topic/news", message.header("destination"));
        assertEquals("s1", message.header("subscription"));
        assertTrue(message.header("message-id") != null);
        assertNull(message.header("ack"));
        assertEquals("text/plain", message.header("content-type"));
        assertEquals("5", message.header("content-length"));
        assertEquals("high", message.header("priority"));
        assertNull(message.header("receipt"));
        assertEquals("hello", message.bodyText());
    }

    @Test
    void severalFramesInOneMessageAndOneFrameAcrossMessages() {
        FakeSession a = connected();
        a.receive("SUBSCRIBE\nid:1\ndestination:/topic/x\n\n\0SUBSCRIBE\nid:2\ndestination:/topic/y\n\n\0");
        FakeSession b = connected();
        b.receive("SEND\ndestination:/top").receive("ic/x\ncontent-length:3\n\nab").receive("c\0\n");
        assertEquals("abc", a.frame().bodyText());
    }

    @Test
    void applicationHandlersGetVariablesAndCanPublish() {
        FakeSession listener = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/rooms.*\n\n\0");
        FakeSession speaker = connected();
        speaker.receive("SEND\ndestination:/app/rooms/lobby/say\n\nhi\0");
        StompFrame message = listener.frame();
        assertEquals("/topic/rooms.lobby", message.header("destination"));
        assertTrue(message.bodyText().endsWith(": hi"));
    }

    @Test
    void echoKeepsTheContentType() {
        FakeSession s = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/echo\n\n\0");
        s.receive("SEND\ndestination:/app/echo\ncontent-type:application/json\n\n{\"a\":1}\0");
        StompFrame message = s.frame();
        assertEquals("application/json", message.header("content-type"));
        assertEquals("{\"a\":1}", message.bodyText());
    }

    @Test
    void replyGoesToTheSenderOnlyOnItsUserSubscription() {
        FakeSession me = connected().receive("SUBSCRIBE\nid:1\ndestination:/user/queue/answers\n\n\0");
        FakeSession other = connected().receive("SUBSCRIBE\nid:1\ndestination:/user/queue/answers\n\n\0");
        me.receive("SEND\ndestination:/app/whoami\n\n\0");
        StompFrame answer = me.frame();
        assertEquals("/user/queue/answers", answer.header("destination"));
        assertTrue(answer.bodyText().startsWith("anonymous-"));
        assertTrue(other.frames().isEmpty());
    }

    @Test
    void userDestinationsReachEverySessionOfThatUserAndNoOneElse() {
        authenticateByLogin();
        FakeSession alice1 = new FakeSession(server).connect("login:alice\n");
        FakeSession alice2 = new FakeSession(server).connect("login:alice\n");
        FakeSession bob = new FakeSession(server).connect("login:bob\n");
        assertEquals("alice", alice1.frame().header("user-name"));
        alice2.frames();
        bob.frames();
        for (FakeSession s : List.of(alice1, alice2, bob)) {
            s.receive("SUBSCRIBE\nid:n\ndestination:/user/queue/notes\n\n\0");
        }
        assertEquals(2, server.sendToUser("alice", "/queue/notes", "for alice"));
        assertEquals("for alice", alice1.frame().bodyText());
        assertEquals("for alice", alice2.frame().bodyText());
        assertTrue(bob.frames().isEmpty());

        bob.receive("SEND\ndestination:/user/alice/queue/notes\n\nfrom bob\0");
        assertEquals("from bob", alice1.frame().bodyText());
        assertEquals("/user/queue/notes", alice2.frame().header("destination"));
    }

    @Test
    void aUserNameWithWildcardsOrSeparatorsIsANameNotAPattern() {
        authenticateByLogin();
        FakeSession star = new FakeSession(server).connect("login:*\n");
        FakeSession stars = new FakeSession(server).connect("login:**\n");
        FakeSession dotted = new FakeSession(server).connect("login:a.b\n");
        FakeSession bob = new FakeSession(server).connect("login:bob\n");
        for (FakeSession s : List.of(star, stars, dotted, bob)) {
            s.frames();
            s.receive("SUBSCRIBE\nid:n\ndestination:/user/queue/notes\n\n\0");
        }
        assertEquals(1, server.sendToUser("bob", "/queue/notes", "for bob"));
        assertEquals("for bob", bob.frame().bodyText());
        assertEquals(1, server.sendToUser("a", "/queue/notes", "for a") + server.sendToUser("*", "/queue/notes",
                "for *"));
        assertEquals("for *", star.frame().bodyText());
        for (FakeSession s : List.of(stars, dotted, bob)) {
            assertTrue(s.frames().isEmpty());
        }
        bob.receive("SEND\ndestination:/user/a.b/queue/notes\n\nfor a.b\0");
        assertEquals(List.of(), bob.frames());
        StompFrame forDotted = dotted.frame();
        assertEquals("for a.b", forDotted.bodyText());
        assertEquals("/user/queue/notes", forDotted.header("destination"));
    }

    @Test
    void aDestinationWithTooManySegmentsIsRefusedBeforeAnyMatching() {
        FakeSession s = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/**/**/**/**/**/**/z\n\n\0");
        assertTrue(s.frames().isEmpty());
        s.receive("SEND\ndestination:/topic" + "/a".repeat(61) + "/z\n\nat the limit\0");
        assertEquals("at the limit", s.frame().bodyText());
        assertError(s.receive("SEND\ndestination:/topic" + "/a".repeat(1000) + "\n\nx\0"), "at most 64 segments");
        assertThrows(IllegalArgumentException.class, () -> server.publish("/topic" + "/a".repeat(64), "x"));
    }

    @Test
    void theApplicationSubscribesToTopicsAndPatternsUntilItCloses() throws Exception {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        BrokerSubscription rooms = server.subscribe("/topic/rooms.*", m -> heard.add(m.destination() + " " + m.text()));
        assertTrue(rooms.ready().toCompletableFuture().isDone());
        connected().receive("SEND\ndestination:/topic/rooms.lobby\n\nfrom a client\0");
        server.publish("/topic/rooms.kitchen", "from the application");
        server.publish("/topic/other", "not heard");
        assertEquals(List.of("/topic/rooms.lobby from a client", "/topic/rooms.kitchen from the application"), heard);

        rooms.close();
        server.publish("/topic/rooms.lobby", "after closing");
        assertEquals(2, heard.size());
    }

    @Test
    void aFailingApplicationListenerCostsOnlyItsOwnDelivery() {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.subscribe("/topic/t", m -> {
            throw new IllegalStateException("the listener's own bug");
        });
        server.subscribe("/topic/t", m -> heard.add(m.text()));
        FakeSession client = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/t\n\n\0");
        assertEquals(3, server.publish("/topic/t", "still delivered"));
        assertEquals(List.of("still delivered"), heard);
        assertEquals("still delivered", client.frame().bodyText());
    }

    @Test
    void theApplicationSubscribesOnlyToTopics() {
        for (String notATopic : List.of("/queue/jobs", "/app/echo", "/user/queue/x", "/topic/a*")) {
            assertThrows(IllegalArgumentException.class, () -> server.subscribe(notATopic, m -> { }), notATopic);
        }
    }

    @Test
    void queuesDeliverEachMessageOnce() {
        FakeSession a = connected().receive("SUBSCRIBE\nid:1\ndestination:/queue/jobs\n\n\0");
        FakeSession b = connected().receive("SUBSCRIBE\nid:1\ndestination:/queue/jobs\n\n\0");
        for (int i = 0; i < 4; i++) {
            server.publish("/queue/jobs", "job" + i);
        }
        assertEquals(2, a.frames().size());
        assertEquals(2, b.frames().size());
    }

    @Test
    void clientIndividualAckAndNackRedeliversQueueMessages() {
        FakeSession a = connected().receive("SUBSCRIBE\nid:1\ndestination:/queue/jobs\nack:client-individual\n\n\0");
        server.publish("/queue/jobs", "job");
        StompFrame first = a.frame();
        assertEquals(first.header("message-id"), first.header("ack"));
        a.receive("NACK\nid:" + first.header("ack") + "\n\n\0");
        StompFrame again = a.frame();
        assertEquals("job", again.bodyText());
        a.receive("ACK\nid:" + again.header("ack") + "\nreceipt:done\n\n\0");
        assertEquals("done", a.frame().header("receipt-id"));
        a.receive("ACK\nid:" + again.header("ack") + "\n\n\0");
        assertError(a, "No message awaits acknowledgement");
    }

    @Test
    void clientAckIsCumulative() {
        FakeSession a = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/t\nack:client\n\n\0");
        server.publish("/topic/t", "one");
        server.publish("/topic/t", "two");
        List<StompFrame> messages = a.frames();
        a.receive("ACK\nid:" + messages.get(1).header("ack") + "\n\n\0");
        a.receive("ACK\nid:" + messages.get(0).header("ack") + "\n\n\0");
        assertError(a, "No message awaits acknowledgement");
    }

    @Test
    void unacknowledgedQueueMessagesGoToAnotherSubscriberWhenTheirClientLeaves() {
        FakeSession a = connected().receive("SUBSCRIBE\nid:1\ndestination:/queue/jobs\nack:client\n\n\0");
        server.publish("/queue/jobs", "job");
        assertEquals("job", a.frame().bodyText());
        FakeSession b = connected().receive("SUBSCRIBE\nid:1\ndestination:/queue/jobs\n\n\0");
        a.close();
        assertEquals("job", b.frame().bodyText());
    }

    @Test
    void transactionsHoldSendsUntilCommitAndDropThemOnAbort() {
        FakeSession listener = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/t\n\n\0");
        FakeSession s = connected();
        s.receive("BEGIN\ntransaction:tx1\n\n\0SEND\ndestination:/topic/t\ntransaction:tx1\n\nkept\0");
        assertTrue(listener.frames().isEmpty());
        s.receive("COMMIT\ntransaction:tx1\n\n\0");
        assertEquals("kept", listener.frame().bodyText());
        s.receive("BEGIN\ntransaction:tx2\n\n\0SEND\ndestination:/topic/t\ntransaction:tx2\n\ngone\0"
                + "ABORT\ntransaction:tx2\n\n\0");
        assertTrue(listener.frames().isEmpty());
        s.receive("COMMIT\ntransaction:tx2\nreceipt:r7\n\n\0");
        StompFrame error = s.frame();
        assertEquals("r7", error.header("receipt-id"));
        assertTrue(error.header("message").contains("Unknown transaction tx2"));
    }

    @Test
    void disconnectWithReceiptLeavesTheClientToCloseThenClosesAfterTheLinger() {
        FakeSession s = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/t\n\n\0");
        StompConnection connection = (StompConnection) s.attributes().values().iterator().next();
        s.receive("DISCONNECT\nreceipt:bye\n\n\0");
        assertEquals("bye", s.frame().header("receipt-id"));
        assertEquals(0, server.connectionCount());
        assertEquals(0, server.publish("/topic/t", "after"), "the subscription went with the DISCONNECT");
        s.receive("SEND\ndestination:/topic/t\n\nignored\0");
        assertTrue(s.frames().isEmpty(), "frames after DISCONNECT are ignored");

        long now = System.nanoTime();
        connection.tick(now + TimeUnit.SECONDS.toNanos(4));
        assertFalse(s.closed(), "closed before the linger was over");
        connection.tick(now + TimeUnit.SECONDS.toNanos(6));
        assertEquals(1000, s.closeCode);
    }

    @Test
    void aClientThatClosesAfterDisconnectIsNotClosedAgain() {
        FakeSession s = connected();
        StompConnection connection = (StompConnection) s.attributes().values().iterator().next();
        s.receive("DISCONNECT\n\n\0");
        s.close(1000, "client done");
        connection.tick(System.nanoTime() + TimeUnit.SECONDS.toNanos(6));
        assertEquals(1, s.closeCalls);
        assertTrue(s.frames().isEmpty());
    }

    @Test
    void badInputGetsAnErrorWithTheReceiptAndOnlyThatClientIsClosed() {
        FakeSession bystander = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/t\n\n\0");
        assertError(connected().receive("SEND\ndestination:/app/nowhere\nreceipt:r1\n\nx\0"), "No handler");
        assertError(connected().receive("SEND\nreceipt:r1\n\nx\0"), "needs a 'destination'");
        assertError(connected().receive("SEND\ndestination:/elsewhere\n\nx\0"), "Unknown destination");
        assertError(connected().receive("SEND\ndestination:/topic/*\n\nx\0"), "wildcards");
        assertError(connected().receive("SUBSCRIBE\ndestination:/topic/t\n\n\0"), "needs an 'id'");
        assertError(connected().receive("SUBSCRIBE\nid:1\ndestination:/app/x\n\n\0"), "Cannot subscribe");
        assertError(connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/t\nack:sometimes\n\n\0"), "ack mode");
        assertError(connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/t\n\n\0"
                + "SUBSCRIBE\nid:1\ndestination:/topic/u\n\n\0"), "already in use");
        assertError(connected().receive("MESSAGE\ndestination:/topic/t\n\n\0"), "only servers send");
        assertError(connected().receive("SEND\ndestination:/app/refuse\n\nmood\0"), "No, because mood");
        assertError(connected().receive("HELLO\n\n\0"), "Unknown command");
        FakeSession withReceipt = connected().receive("SEND\ndestination:/app/nowhere\nreceipt:r9\n\nx\0");
        StompFrame error = withReceipt.frame();
        assertEquals("r9", error.header("receipt-id"));
        assertEquals("text/plain", error.header("content-type"));

        server.publish("/topic/t", "still here");
        assertEquals("still here", bystander.frame().bodyText());
        assertFalse(bystander.closed());
    }

    @Test
    void limitsAreErrors() {
        server.close();
        server = builder().maxSubscriptions(1).maxFrameBytes(100).maxPendingChars(1000).build();
        assertError(connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/a\n\n\0"
                + "SUBSCRIBE\nid:2\ndestination:/topic/b\n\n\0"), "Too many subscriptions");
        assertError(connected().receive("SEND\ndestination:/topic/a\n\n" + "x".repeat(200) + "\0"), "too large");

        FakeSession slow = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/a\n\n\0");
        slow.buffered = 990;
        server.publish("/topic/a", "this does not fit");
        assertError(slow, "Slow consumer");
    }

    @Test
    void interceptorsAuthenticateAndAuthorize() {
        server.close();
        server = builder().interceptor(new StompInterceptor() {
            @Override
            public Principal authenticate(ConnectRequest request) throws StompRefusal {
                if (!"secret".equals(request.passcode())) {
                    throw new StompRefusal("Bad credentials");
                }
                return () -> request.login();
            }

            @Override
            public void authorizeSend(Principal user, String destination) throws StompRefusal {
                if (destination.startsWith("/topic/admin")) {
                    throw new StompRefusal(user.getName() + " may not send to " + destination);
                }
            }

            @Override
            public void authorizeSubscribe(Principal user, String destination) throws StompRefusal {
                if (destination.startsWith("/topic/private")) {
                    throw new StompRefusal("Not for you");
                }
            }
        }).build();
        assertError(new FakeSession(server).connect("login:eve\npasscode:guess\n"), "Bad credentials");
        FakeSession ann = new FakeSession(server).connect("login:ann\npasscode:secret\n");
        assertEquals("ann", ann.frame().header("user-name"));
        assertError(ann.receive("SEND\ndestination:/topic/admin\n\nx\0"), "ann may not send");
        FakeSession ann2 = new FakeSession(server).connect("login:ann\npasscode:secret\n");
        ann2.frames();
        assertError(ann2.receive("SUBSCRIBE\nid:1\ndestination:/topic/private\n\n\0"), "Not for you");
    }

    @Test
    void heartBeatsAreNegotiatedSentAndEnforced() {
        server.close();
        server = builder().heartbeat(Duration.ofMillis(100), Duration.ofMillis(200)).build();
        FakeSession s = new FakeSession(server).receive("CONNECT\naccept-version:1.2\nheart-beat:500,50\n\n\0");
        assertEquals("100,500", s.frame().header("heart-beat"));
        StompConnection connection = (StompConnection) s.attributes().values().iterator().next();
        long now = System.nanoTime();
        connection.tick(now + TimeUnit.MILLISECONDS.toNanos(150));
        assertEquals("\n", s.sent.get(s.sent.size() - 1));
        connection.tick(now + TimeUnit.MILLISECONDS.toNanos(1100));
        assertError(s, "Heart-beat timeout");
    }

    @Test
    void hugeHeartBeatPeriodsDoNotOverflowIntoATimeout() {
        server.close();
        server = builder().heartbeat(Duration.ofMillis(100), Duration.ofMillis(200)).build();
        FakeSession s = new FakeSession(server).receive(
                "CONNECT\naccept-version:1.2\nheart-beat:4600000000000,9000000000000000000\n\n\0");
        assertEquals("2147483647,2147483647", s.frame().header("heart-beat"));
        StompConnection connection = (StompConnection) s.attributes().values().iterator().next();
        connection.tick(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
        assertFalse(s.closed(), "timed out at once");
        assertTrue(s.frames().isEmpty());
    }

    @Test
    void transactionsAreBoundedInBytesPerClientAndOverAll() {
        server.close();
        server = builder().maxTransactionBytes(10_000, 15_000).build();
        String kilobyte = "x".repeat(1000);
        FakeSession a = connected().receive("BEGIN\ntransaction:t\n\n\0");
        for (int i = 0; i < 9; i++) {
            a.receive("SEND\ndestination:/topic/t\ntransaction:t\n\n" + kilobyte + "\0");
        }
        assertTrue(a.frames().isEmpty());
        assertError(a.receive("SEND\ndestination:/topic/t\ntransaction:t\n\n" + kilobyte + "\0"),
                "10000 bytes per connection");

        FakeSession b = connected().receive("BEGIN\ntransaction:t\n\n\0");
        FakeSession c = connected().receive("BEGIN\ntransaction:t\n\n\0");
        for (int i = 0; i < 7; i++) {
            b.receive("SEND\ndestination:/topic/t\ntransaction:t\n\n" + kilobyte + "\0");
        }
        for (int i = 0; i < 8; i++) {
            c.receive("SEND\ndestination:/topic/t\ntransaction:t\n\n" + kilobyte + "\0");
        }
        assertError(c, "The server holds too much");
        b.receive("COMMIT\ntransaction:t\nreceipt:done\n\n\0");
        assertEquals("done", b.frame().header("receipt-id"));
        FakeSession d = connected().receive("BEGIN\ntransaction:t\n\n\0");
        for (int i = 0; i < 9; i++) {
            d.receive("SEND\ndestination:/topic/t\ntransaction:t\n\n" + kilobyte + "\0");
        }
        assertTrue(d.frames().isEmpty(), "what ended connections and commits held is free again");
    }

    @Test
    void aFrameLeftIncompleteGetsAnErrorAfterTheFrameTimeout() {
        FakeSession s = connected();
        StompConnection connection = (StompConnection) s.attributes().values().iterator().next();
        long started = System.nanoTime();
        s.receive("SEND\ndestination:/topic/t\n\nthe start of a body");
        connection.tick(started + TimeUnit.SECONDS.toNanos(9));
        assertFalse(s.closed());
        connection.tick(started + TimeUnit.SECONDS.toNanos(11));
        assertError(s, "Incomplete frame");
    }

    @Test
    void aFrameCompletedInPiecesIsNotTimedOut() {
        FakeSession s = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/t\n\n\0");
        StompConnection connection = (StompConnection) s.attributes().values().iterator().next();
        s.receive("SEND\ndestination:/topic/t\n\nin ");
        s.receive("two pieces\0");
        assertEquals("in two pieces", s.frame().bodyText());
        connection.tick(System.nanoTime() + TimeUnit.SECONDS.toNanos(11));
        assertFalse(s.closed());
    }

    @Test
    void incompleteFramesAreBoundedOverAllClients() {
        server.close();
        server = builder().maxPartialFrameBytes(100_000).build();
        String start = "SEND\ndestination:/topic/t\n\n" + "x".repeat(60_000);
        FakeSession first = connected().receive(start);
        assertTrue(first.frames().isEmpty());
        assertError(connected().receive(start), "too many incomplete frames");
        first.close(1000, "gone");
        FakeSession third = connected().receive(start);
        assertTrue(third.frames().isEmpty(), "the first client's bytes were given back");
    }

    @Test
    void aClientThatNeverConnectsIsClosed() {
        FakeSession s = new FakeSession(server);
        StompConnection connection = (StompConnection) s.attributes().values().iterator().next();
        connection.tick(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        assertTrue(s.frames().isEmpty());
        connection.tick(System.nanoTime() + TimeUnit.SECONDS.toNanos(61));
        assertError(s, "No CONNECT frame within 60 s");
    }

    @Test
    void version10ClientsSubscribeWithoutIdAndAckByMessageId() {
        FakeSession s = new FakeSession(server).receive("CONNECT\n\n\0");
        assertEquals("1.0", s.frame().header("version"));
        s.receive("SUBSCRIBE\ndestination:/queue/old\nack:client\n\n\0");
        server.publish("/queue/old", "legacy");
        StompFrame message = s.frame();
        assertEquals("/queue/old", message.header("subscription"));
        assertNull(message.header("ack"));
        s.receive("ACK\nmessage-id:" + message.header("message-id") + "\nreceipt:ok\n\n\0");
        assertEquals("ok", s.frame().header("receipt-id"));
        assertError(s.receive("NACK\nmessage-id:x\n\n\0"), "NACK needs STOMP 1.1");
    }

    /** Through a broker relay, a user destination is a broker topic: one topic per destination, never shared. */
    @Test
    void userDestinationsAreTopicsThatNoTwoShare() {
        assertEquals("/topic/user.alice.queue.notes", StompServer.userTopic("/user/alice/queue/notes"));
        assertEquals("/topic/user.a.queue.x%2Ey", StompServer.userTopic("/user/a/queue/x.y"));
        assertEquals("/topic/user.a.queue.x.y", StompServer.userTopic("/user/a/queue/x/y"));
        assertEquals("/topic/user.a%252E.queue.x", StompServer.userTopic("/user/a%2E/queue/x"));
    }

    @Test
    void aClosedSessionLeavesNoSubscriptionBehind() {
        FakeSession s = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/t\n\n\0"
                + "SUBSCRIBE\nid:2\ndestination:/topic/**\n\n\0");
        assertEquals(2, ((InMemoryBroker) server.broker).subscriptions().size());
        s.close();
        assertEquals(0, ((InMemoryBroker) server.broker).subscriptions().size());
        assertEquals(0, server.connectionCount());
        assertEquals(0, server.publish("/topic/t", "nobody"));
    }

    @Test
    void configurationIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> StompServer.builder().brokerPrefixes("topic"));
        assertThrows(IllegalArgumentException.class, () -> StompServer.builder().applicationPrefixes("/app/"));
        assertThrows(IllegalArgumentException.class,
                () -> StompServer.builder().applicationPrefixes("/topic").build());
        assertThrows(IllegalArgumentException.class, () -> StompServer.builder().handle("/elsewhere", (m, c) -> { }));
        assertThrows(IllegalArgumentException.class, () -> StompServer.builder().handle("/app/x{y}", (m, c) -> { }));
        assertThrows(IllegalArgumentException.class, () -> server.publish("/app/x", "not a broker destination"));
        assertThrows(IllegalArgumentException.class, () -> StompServer.builder().maxPendingChars(0));
        assertThrows(IllegalArgumentException.class, () -> StompServer.builder().connectTimeout(Duration.ZERO));
    }
}
