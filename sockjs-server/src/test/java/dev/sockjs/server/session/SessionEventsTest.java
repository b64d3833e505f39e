package dev.sockjs.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.server.SockJsListener;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.server.session.SessionTest.FakeReceiver;
import dev.sockjs.server.session.SessionTest.Recorder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a session tells its service's {@link SockJsListener}, for each way a session lives and ends. */
class SessionEventsTest {

    private static final RequestInfo REQUEST = new RequestInfo(null,
            InetSocketAddress.createUnresolved("127.0.0.1", 1234), Map.of());

    /** Records events as text; the handler's callbacks go into the same list, to show the order. */
    static final class Events implements SockJsListener {
        final List<String> seen;
        volatile long waited = -1;

        Events(List<String> seen) {
            this.seen = seen;
        }

        @Override
        public void sessionOpened(SockJsSession session) {
            seen.add("opened " + session.transport());
        }

        @Override
        public void connectionAttached(SockJsSession session) {
            seen.add("attached");
        }

        @Override
        public void connectionDetached(SockJsSession session) {
            seen.add("detached");
        }

        @Override
        public void messageReceived(SockJsSession session, int chars) {
            seen.add("received " + chars);
        }

        @Override
        public void messageSent(SockJsSession session, int chars) {
            seen.add("sent " + chars);
        }

        @Override
        public void messagesFlushed(SockJsSession session, int count, long waitedNanos) {
            seen.add("flushed " + count);
            waited = waitedNanos;
        }

        @Override
        public void sendQueueHighWater(SockJsSession session, long queuedChars) {
            seen.add("high water " + queuedChars);
        }

        @Override
        public void sessionClosed(SockJsSession session, int code, String reason, CloseCause cause) {
            seen.add("closed " + code + " " + reason + " " + cause);
        }
    }

    private final Recorder handler = new Recorder();
    private final List<String> seen = handler.events;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private SessionRegistry registry;

    private Session session(SockJsOptions.Builder options) {
        registry = new SessionRegistry(handler, options.listener(new Events(seen)).build(), timer);
        return registry.getOrCreate("s1", "xhr-polling", () -> REQUEST);
    }

    private Session session() {
        return session(SockJsOptions.builder());
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
        timer.shutdownNow();
    }

    @Test
    void aPolledSessionFromOpenToTimeout() {
        Session session = session();
        FakeReceiver poll = new FakeReceiver(true);
        session.connect(poll);
        session.nextFrame(poll);
        session.deliver(List.of("hello"));
        session.tick(System.nanoTime() + TimeUnit.SECONDS.toNanos(60), Long.MAX_VALUE, TimeUnit.SECONDS.toNanos(5));

        assertEquals(List.of("opened xhr-polling", "open", "attached", "detached", "received 5", "message hello",
                "sent 5", "closed 1000 Session timed out TIMEOUT", "close 1000 Session timed out"), seen);
    }

    @Test
    void theApplicationClosing() {
        Session session = session();
        session.connect(new FakeReceiver(false));
        session.close(4000, "bye");
        session.close(4001, "again");
        assertEquals("closed 4000 bye APPLICATION", seen.get(seen.size() - 2), "" + seen);
        assertEquals(1, seen.stream().filter(event -> event.startsWith("closed")).count(), "told once");
    }

    @Test
    void theHandlerFailing() {
        handler.failOnMessage = new IllegalStateException("the handler's bug");
        Session session = session();
        session.connect(new FakeReceiver(false));
        session.deliver(List.of("boom"));
        assertTrue(seen.contains("closed 1011 Internal error APPLICATION"), "" + seen);
    }

    @Test
    void theClientsWebSocketClosingOrBreaking() {
        Session closedByClient = session();
        FakeReceiver socket = new FakeReceiver(false);
        closedByClient.connect(socket);
        closedByClient.ended(1000, "done");
        assertEquals(List.of("detached", "closed 1000 done CLIENT"), seen.subList(3, 5), "" + seen);

        seen.clear();
        Session tooBig = registry.createUnregistered("websocket", REQUEST);
        tooBig.connect(new FakeReceiver(false));
        tooBig.ended(1009, "Message too big");
        assertTrue(seen.contains("closed 1009 Message too big LIMIT"), "" + seen);

        seen.clear();
        Session broken = registry.createUnregistered("websocket", REQUEST);
        FakeReceiver brokenSocket = new FakeReceiver(false);
        broken.connect(brokenSocket);
        broken.interrupted(brokenSocket);
        assertEquals(List.of("detached", "closed 1002 Connection interrupted INTERRUPTED"), seen.subList(3, 5),
                "" + seen);
    }

    @Test
    void theServiceStopping() {
        session().connect(new FakeReceiver(false));
        registry.goodbye();
        assertTrue(seen.contains("closed 1001 Server shutting down SHUTDOWN"), "" + seen);
    }

    @Test
    void aSendQueueFillingUpAndOverflowing() {
        Session session = session(SockJsOptions.builder().maxQueuedChars(10));
        session.connect(new FakeReceiver(false));
        seen.clear();
        session.send("12345");
        session.send("678");
        session.send("9");
        assertEquals(List.of("sent 5", "sent 3", "high water 8", "sent 1"), seen, "told once");
        session.send("overflowing");
        assertEquals("closed 4500 Send queue limit exceeded LIMIT", seen.get(4));
    }

    /** Messages queued while no connection is there wait; the flush tells how many, and how long the oldest. */
    @Test
    void queuedMessagesAreFlushedWithTheirWait() {
        Events events = new Events(seen);
        registry = new SessionRegistry(handler, SockJsOptions.builder().listener(events).build(), timer);
        Session session = registry.getOrCreate("s1", "xhr-polling", () -> REQUEST);
        FakeReceiver first = new FakeReceiver(true);
        session.connect(first);
        session.nextFrame(first);
        long before = System.nanoTime();
        session.send("one");
        session.send("two");
        FakeReceiver next = new FakeReceiver(true);
        session.connect(next);
        assertEquals("a[\"one\",\"two\"]", session.nextFrame(next).text());
        long sinceQueued = System.nanoTime() - before;
        assertTrue(seen.contains("flushed 2"), "" + seen);
        assertTrue(events.waited >= 0 && events.waited <= sinceQueued, events.waited + " of " + sinceQueued);
    }

    @Test
    void highWaterIsToldAgainOnlyAfterTheQueueEmptied() {
        Session session = session(SockJsOptions.builder().maxQueuedChars(10));
        FakeReceiver stream = new FakeReceiver(false);
        session.connect(stream);
        session.nextFrame(stream);
        session.send("123456");
        session.nextFrame(stream);
        session.send("123456");
        assertEquals(2, seen.stream().filter(event -> event.startsWith("high water")).count(), "" + seen);
    }

    @Test
    void aFailingListenerCostsTheSessionNothing() {
        registry = new SessionRegistry(handler, SockJsOptions.builder().listener(new SockJsListener() {
            @Override
            public void messageReceived(SockJsSession session, int chars) {
                throw new IllegalStateException("the listener's bug");
            }
        }).build(), timer);
        Session session = registry.getOrCreate("s1", "xhr-streaming", () -> REQUEST);
        session.connect(new FakeReceiver(false));
        session.deliver(List.of("still delivered"));
        assertEquals(List.of("open", "message still delivered"), seen);
        assertTrue(session.isOpen());
    }
}
