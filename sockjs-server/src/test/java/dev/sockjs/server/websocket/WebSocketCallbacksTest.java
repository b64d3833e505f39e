package dev.sockjs.server.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.server.frame.WireText;
import dev.sockjs.server.session.RequestInfo;
import dev.sockjs.server.session.SessionRegistry;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A websocket whose callbacks run in a lane of worker threads ({@link WebSocketConnection#handCallbacksTo}): the
 * container's thread only queues them, every event reaches the handler in order, and reading pauses while too much
 * waits for the handler.
 */
class WebSocketCallbacksTest {

    private static final RequestInfo REQUEST = new RequestInfo(null,
            InetSocketAddress.createUnresolved("127.0.0.1", 1234), Map.of());

    private final List<String> events = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SessionRegistry registry = new SessionRegistry(new SockJsHandler() {
        @Override
        public void onOpen(SockJsSession session) {
            events.add("open");
        }

        @Override
        public void onMessage(SockJsSession session, String message) {
            events.add(message.length() > 10 ? "long" : message);
        }

        @Override
        public void onClose(SockJsSession session, int code, String reason) {
            events.add("close " + code);
        }
    }, SockJsOptions.defaults(), timer);
    /** The lane: callbacks wait here until the test runs them, as on a busy worker thread. */
    private final ArrayDeque<Runnable> lane = new ArrayDeque<>();
    private final Peer peer = new Peer();
    private final RawWebSocket connection = new RawWebSocket(registry, REQUEST, 1 << 20);

    @AfterEach
    void stop() {
        registry.close();
        timer.shutdownNow();
    }

    private static final class Peer implements WebSocketPeer {
        int resumed;

        @Override
        public void sendText(WireText text) {
        }

        @Override
        public void resumeReading() {
            resumed++;
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    private void runLane() {
        Runnable task;
        while ((task = lane.poll()) != null) {
            task.run();
        }
    }

    @Test
    void theContainersThreadOnlyQueuesAndTheLaneDeliversEveryEventInOrder() {
        connection.handCallbacksTo(lane::add);
        connection.opened(peer);
        assertTrue(connection.received("one"));
        assertTrue(connection.received("two"));
        connection.closed(1000, "bye");
        assertEquals(List.of(), events, "a callback ran on the container's thread");
        runLane();
        assertEquals(List.of("open", "one", "two", "close 1000"), events);
    }

    @Test
    void readingPausesWhileTooMuchWaitsForTheHandlerAndResumesOnce() {
        connection.handCallbacksTo(lane::add);
        connection.opened(peer);
        String quarter = "x".repeat(WebSocketConnection.MAX_BACKLOG_CHARS / 4);
        assertTrue(connection.received(quarter));
        assertTrue(connection.received(quarter));
        assertTrue(connection.received(quarter));
        assertFalse(connection.received(quarter), "reading went on with the limit reached");
        lane.poll().run();
        assertEquals(0, peer.resumed, "the session's open is not a message");
        lane.poll().run();
        assertEquals(1, peer.resumed);
        runLane();
        assertEquals(1, peer.resumed, "reading was resumed more than once");
        assertTrue(connection.received(quarter));
    }

    @Test
    void withoutALaneTheHandlerRunsOnTheCallingThread() {
        connection.opened(peer);
        assertTrue(connection.received("x".repeat(WebSocketConnection.MAX_BACKLOG_CHARS * 2)));
        assertEquals(List.of("open", "long"), events);
        assertEquals(0, peer.resumed);
    }
}
