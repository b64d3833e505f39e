package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code SockJsOptions.nonBlockingHandler} on Jetty: the promise moves websocket reads, and the handler with
 * them, onto the I/O thread. The tests make that visible with a handler that breaks the promise: on a connector
 * with a single I/O thread, a handler holding its thread holds up every other websocket, and without the promise
 * it holds up only its own.
 */
class NonBlockingHandlerTest {

    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private ProtocolTestServer server;

    /** Echoes, except that "hold" keeps the calling thread until the test releases it. */
    private final SockJsHandler holdingEcho = new SockJsHandler() {
        @Override
        public void onMessage(SockJsSession session, String message) {
            if (message.equals("hold")) {
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            session.send(message);
        }
    };

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPromisedHandlerRunsOnTheIoThreadSoBreakingThePromiseStallsOtherWebsockets() throws Exception {
        Sessions sessions = holdOneHandlerThenPingTheOther(true);
        assertNull(sessions.other.poll(500, TimeUnit.MILLISECONDS),
                "a websocket was served while the I/O thread was held");
        release.countDown();
        assertEquals("a[\"ping\"]", sessions.other.poll(10, TimeUnit.SECONDS));
        assertEquals("a[\"hold\"]", sessions.holder.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void withoutThePromiseABlockingHandlerHoldsUpOnlyItsOwnSession() throws Exception {
        Sessions sessions = holdOneHandlerThenPingTheOther(false);
        assertEquals("a[\"ping\"]", sessions.other.poll(10, TimeUnit.SECONDS));
        release.countDown();
        assertEquals("a[\"hold\"]", sessions.holder.poll(10, TimeUnit.SECONDS));
    }

    /** The frames two websocket sessions received after {@code o}. */
    private record Sessions(BlockingQueue<String> holder, BlockingQueue<String> other) {
    }

    /**
     * Opens two websockets on a connector with one I/O thread (so one thread reads both), has the first one's
     * handler hold its thread, then sends "ping" on the second.
     */
    private Sessions holdOneHandlerThenPingTheOther(boolean nonBlockingHandler) throws Exception {
        SockJsOptions options = SockJsOptions.builder().nonBlockingHandler(nonBlockingHandler).build();
        server = ProtocolTestServer.start("127.0.0.1", 0, 1,
                context -> SockJsServlet.register(context, "/svc", holdingEcho, options));
        String url = server.url().replace("http", "ws") + "/svc/000/";
        Sessions sessions = new Sessions(new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
        WebSocket holder = WebSockets.open(url, sessions.holder);
        WebSocket other = WebSockets.open(url, sessions.other);
        holder.sendText("[\"hold\"]", true);
        assertTrue(holding.await(10, TimeUnit.SECONDS), "the handler never got the message");
        other.sendText("[\"ping\"]", true);
        return sessions;
    }

    @Test
    void aPromisedHandlerStillGetsEveryMessageInOrderAndTheClose() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        server = ProtocolTestServer.start("127.0.0.1", 0, 1, context -> SockJsServlet.register(context, "/svc",
                new SockJsHandler() {
                    @Override
                    public void onMessage(SockJsSession session, String message) {
                        session.send(message);
                    }

                    @Override
                    public void onClose(SockJsSession session, int code, String reason) {
                        events.add("close " + code + " " + reason);
                    }
                }, SockJsOptions.builder().nonBlockingHandler(true).build()));
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = WebSockets.open(server.url().replace("http", "ws") + "/svc/000/", received);
        StringBuilder echoed = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            ws.sendText("[\"m" + i + "\"]", true).get(5, TimeUnit.SECONDS);
        }
        while (echoed.indexOf("m199\"") < 0) {
            String frame = received.poll(10, TimeUnit.SECONDS);
            assertTrue(frame != null, "echo stopped after " + echoed);
            echoed.append(frame.substring(2, frame.length() - 1)).append(',');
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            expected.append("\"m").append(i).append("\",");
        }
        assertEquals(expected.toString(), echoed.toString());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertEquals("close 1000 bye", events.poll(10, TimeUnit.SECONDS));
    }
}
