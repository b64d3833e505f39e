package dev.sockjs.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsMessage;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.OutboundMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final long HEARTBEAT = TimeUnit.SECONDS.toNanos(25);
    private static final long DISCONNECT = TimeUnit.SECONDS.toNanos(5);
    private static final RequestInfo REQUEST = new RequestInfo(null,
            InetSocketAddress.createUnresolved("127.0.0.1", 1234), Map.of("origin", List.of("test")));

    /** Records callbacks; echoes unless told otherwise. */
    static final class Recorder implements SockJsHandler {
        final List<String> events = new ArrayList<>();
        boolean closeOnOpen;
        RuntimeException failOnMessage;

        @Override
        public void onOpen(SockJsSession session) {
            events.add("open");
            if (closeOnOpen) {
                session.close();
            }
        }

        @Override
        public void onMessage(SockJsSession session, String message) {
            events.add("message " + message);
            if (failOnMessage != null) {
                throw failOnMessage;
            }
            session.send(message);
        }

        @Override
        public void onClose(SockJsSession session, int code, String reason) {
            events.add("close " + code + " " + reason);
        }
    }

    static final class FakeReceiver implements Receiver {
        final boolean polling;
        int wakes;

        FakeReceiver(boolean polling) {
            this.polling = polling;
        }

        Session startedBy;

        @Override
        public void start(Session session) {
            startedBy = session;
            wakes++;
        }

        @Override
        public void wake() {
            wakes++;
        }

        @Override
        public boolean isPolling() {
            return polling;
        }
    }

    private final Recorder handler = new Recorder();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private SessionRegistry registry;

    private Session newSession(SockJsOptions options) {
        registry = new SessionRegistry(handler, options, timer);
        Session session = registry.getOrCreate("s1", "xhr-streaming", () -> REQUEST);
        assertSame(session, registry.getOrCreate("s1", "xhr-polling", () -> {
            throw new AssertionError("an existing session must not read the request again");
        }));
        return session;
    }

    private Session newSession() {
        return newSession(SockJsOptions.defaults());
    }

    @AfterEach
    void closeRegistry() {
        if (registry != null) {
            registry.close();
        }
        timer.shutdownNow();
    }

    @Test
    void openFrameComesFirstThenQueuedMessagesBatchedInOneFrame() {
        Session session = newSession();
        FakeReceiver r = new FakeReceiver(false);
        assertEquals(Session.Attach.ATTACHED, session.attach(r));
        session.open();
        session.send("a");
        session.send("b");
        assertEquals(2, session.bufferedAmount());
        assertSame(Frame.OPEN, session.nextFrame(r));
        assertEquals("a[\"a\",\"b\"]", session.nextFrame(r).text());
        assertEquals(0, session.bufferedAmount());
        assertNull(session.nextFrame(r));
        assertTrue(session.isAttached(r));
    }

    /**
     * A long message goes in a frame of its own, whose encoding every session sending that message shares: a
     * batch would copy it. Short messages on either side of it still go out batched.
     */
    @Test
    void aLongMessageTravelsInAFrameOfItsOwnBetweenBatches() {
        Session session = newSession();
        FakeReceiver r = new FakeReceiver(false);
        assertEquals(Session.Attach.ATTACHED, session.attach(r));
        session.open();
        assertSame(Frame.OPEN, session.nextFrame(r));
        String big = "x".repeat(OutboundMessage.ALONE_FROM);
        SockJsMessage shared = SockJsMessage.of(big);
        session.send("a");
        session.send("b");
        session.send(shared);
        session.send(shared);
        session.send("c");
        assertEquals(3 + 2L * big.length(), session.bufferedAmount());
        assertEquals("a[\"a\",\"b\"]", session.nextFrame(r).text());
        assertEquals(2L * big.length() + 1, session.bufferedAmount());
        Frame first = session.nextFrame(r);
        Frame second = session.nextFrame(r);
        assertEquals("a[\"" + big + "\"]", first.text());
        assertSame(first.text(), second.text(), "the two frames of one shared message share its encoding");
        assertEquals(1, session.bufferedAmount());
        assertEquals("a[\"c\"]", session.nextFrame(r).text());
        assertEquals(0, session.bufferedAmount());
        assertNull(session.nextFrame(r));
    }

    /** A poll takes every queued message, long ones too: a frame of its own would cost another poll. */
    @Test
    void aPollTakesEveryQueuedMessageLongOnesToo() {
        Session session = newSession();
        FakeReceiver poll = new FakeReceiver(true);
        assertEquals(Session.Attach.ATTACHED, session.attach(poll));
        session.open();
        assertSame(Frame.OPEN, session.nextFrame(poll));
        String big = "x".repeat(OutboundMessage.ALONE_FROM);
        session.send("a");
        session.send(big);
        session.send("b");
        assertEquals(Session.Attach.ATTACHED, session.attach(poll));
        assertEquals("a[\"a\",\"" + big + "\",\"b\"]", session.nextFrame(poll).text());
        assertEquals(0, session.bufferedAmount());
    }

    /** Every transport's receiver connects the same way: attached, the session opened once, the receiver started. */
    @Test
    void connectingOpensTheSessionOnceAndStartsOnlyAnAttachedReceiver() {
        Session session = newSession();
        FakeReceiver first = new FakeReceiver(true);
        assertEquals(Session.Attach.ATTACHED, session.connect(first));
        assertSame(session, first.startedBy);
        assertEquals(List.of("open"), handler.events);

        FakeReceiver conflicting = new FakeReceiver(true);
        assertEquals(Session.Attach.CONFLICT, session.connect(conflicting));
        assertNull(conflicting.startedBy, "a receiver that is not attached was started");

        assertSame(Frame.OPEN, session.nextFrame(first));
        FakeReceiver next = new FakeReceiver(true);
        assertEquals(Session.Attach.ATTACHED, session.connect(next));
        assertSame(session, next.startedBy);
        assertEquals(List.of("open"), handler.events, "onOpen ran again");
    }

    /** Tomcat reports a close frame without a reason with a null phrase; onClose must still run. */
    @Test
    void aConnectionEndedWithoutAReasonStillClosesTheSession() {
        Session session = newSession();
        FakeReceiver r = new FakeReceiver(false);
        session.attach(r);
        session.open();
        session.ended(1000, null);
        assertEquals(List.of("open", "close 1000 "), handler.events);
        assertEquals("c[1000,\"\"]", session.closeFrame().text());
        assertFalse(session.isOpen());
    }

    @Test
    void aPollingReceiverTakesOneFrameAndLeavesTheRestForTheNextPoll() {
        Session session = newSession();
        FakeReceiver first = new FakeReceiver(true);
        session.attach(first);
        session.send("x");
        assertSame(Frame.OPEN, session.nextFrame(first));
        assertFalse(session.isAttached(first));
        assertNull(session.nextFrame(first));

        FakeReceiver second = new FakeReceiver(true);
        assertEquals(Session.Attach.ATTACHED, session.attach(second));
        assertEquals("a[\"x\"]", session.nextFrame(second).text());
    }

    @Test
    void aSecondReceiverConflictsWhileTheFirstIsAttached() {
        Session session = newSession();
        session.attach(new FakeReceiver(false));
        assertEquals(Session.Attach.CONFLICT, session.attach(new FakeReceiver(false)));
    }

    @Test
    void sendWakesTheAttachedReceiver() {
        Session session = newSession();
        FakeReceiver r = new FakeReceiver(false);
        session.attach(r);
        assertTrue(session.send("x"));
        assertEquals(1, r.wakes);
    }

    @Test
    void closingInOnOpenStillSendsTheOpenFrameFirst() {
        handler.closeOnOpen = true;
        Session session = newSession();
        FakeReceiver r = new FakeReceiver(true);
        session.attach(r);
        session.open();
        assertSame(Frame.OPEN, session.nextFrame(r));

        FakeReceiver next = new FakeReceiver(true);
        assertEquals(Session.Attach.CLOSED, session.attach(next));
        assertEquals("c[3000,\"Go away!\"]", session.closeFrame().text());
        assertEquals(List.of("open", "close 3000 Go away!"), handler.events);
    }

    @Test
    void messagesQueuedBeforeCloseAreDeliveredBeforeTheCloseFrame() {
        Session session = newSession();
        FakeReceiver r = new FakeReceiver(false);
        session.attach(r);
        session.nextFrame(r);
        session.send("last words");
        session.close(3001, "done");
        assertFalse(session.send("too late"));
        assertEquals("a[\"last words\"]", session.nextFrame(r).text());
        assertEquals("c[3001,\"done\"]", session.nextFrame(r).text());
        assertFalse(session.isAttached(r));
    }

    @Test
    void anInterruptedReceiverClosesTheSessionWith1002Once() {
        Session session = newSession();
        FakeReceiver r = new FakeReceiver(false);
        session.attach(r);
        session.open();
        session.send("lost");
        session.interrupted(r);
        session.interrupted(r);
        assertFalse(session.isOpen());
        assertEquals(Session.Attach.CLOSED, session.attach(new FakeReceiver(true)));
        assertEquals(Frame.CONNECTION_INTERRUPTED.text(), session.closeFrame().text());
        assertEquals(List.of("open", "close 1002 Connection interrupted"), handler.events);
    }

    @Test
    void aReceiverThatIsNotAttachedCannotInterrupt() {
        Session session = newSession();
        session.attach(new FakeReceiver(false));
        session.interrupted(new FakeReceiver(false));
        assertTrue(session.isOpen());
    }

    @Test
    void overflowingTheSendQueueClosesTheSessionWith4500() {
        Session session = newSession(SockJsOptions.builder().maxQueuedChars(10).build());
        assertTrue(session.send("12345"));
        assertTrue(session.send("12345"));
        assertFalse(session.send("1"));
        assertFalse(session.isOpen());
        assertEquals(4500, session.closeFrame().closeCode());
        assertEquals(List.of("close 4500 Send queue limit exceeded"), handler.events);
    }

    @Test
    void heartbeatIsDueAfterTheIntervalWithoutFrames() {
        Session session = newSession();
        FakeReceiver r = new FakeReceiver(false);
        session.attach(r);
        session.nextFrame(r);
        long start = System.nanoTime();
        session.tick(start + HEARTBEAT / 2, HEARTBEAT, DISCONNECT);
        assertNull(session.nextFrame(r));
        session.tick(start + HEARTBEAT + 1, HEARTBEAT, DISCONNECT);
        assertEquals(1, r.wakes);
        assertSame(Frame.HEARTBEAT, session.nextFrame(r));
    }

    @Test
    void aSessionWithoutReceiverExpiresAfterTheDisconnectDelay() {
        Session session = newSession();
        FakeReceiver r = new FakeReceiver(true);
        session.attach(r);
        session.open();
        session.nextFrame(r);
        long detached = System.nanoTime();
        session.tick(detached + DISCONNECT / 2, HEARTBEAT, DISCONNECT);
        assertSame(session, registry.get("s1"));
        session.tick(detached + DISCONNECT + 1, HEARTBEAT, DISCONNECT);
        assertNull(registry.get("s1"));
        assertEquals(0, registry.size());
        assertFalse(session.isOpen());
        assertEquals(List.of("open", "close 1000 Session timed out"), handler.events);
    }

    @Test
    void anAttachedSessionDoesNotExpire() {
        Session session = newSession();
        FakeReceiver r = new FakeReceiver(false);
        session.attach(r);
        session.tick(System.nanoTime() + DISCONNECT * 10, HEARTBEAT, DISCONNECT);
        assertTrue(session.isOpen());
        assertSame(session, registry.get("s1"));
    }

    @Test
    void onOpenRunsOnceHoweverOftenTheSessionIsOpened() {
        Session session = newSession();
        session.open();
        session.open();
        assertEquals(List.of("open"), handler.events);
    }

    @Test
    void aFailingHandlerClosesItsSessionWith1011() {
        handler.failOnMessage = new IllegalStateException("boom");
        Session session = newSession();
        session.open();
        session.deliver(List.of("a", "b"));
        assertFalse(session.isOpen());
        assertEquals(List.of("open", "message a", "close 1011 Internal error"), handler.events);
    }

    @Test
    void theApplicationSeesTheOpeningRequestButNotTheSessionId() {
        Session session = newSession();
        assertEquals("xhr-streaming", session.transport());
        assertEquals(List.of("test"), session.headers().get("origin"));
        assertEquals(1234, session.remoteAddress().getPort());
        assertFalse(session.toString().contains("s1"));
        session.attributes().put("user", "ann");
        assertEquals("ann", session.attributes().get("user"));
    }

    @Test
    void closingTheRegistryClosesEverySession() {
        Session session = newSession(SockJsOptions.builder().heartbeatInterval(Duration.ofSeconds(1)).build());
        registry.close();
        assertFalse(session.isOpen());
        assertEquals(1001, session.closeFrame().closeCode());
        registry = null;
    }
}
