package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code SockJsOptions.nonBlockingHandler} on Jetty: the promise moves websocket reads, and the handler with
 * them, onto the I/O thread. The tests make that visible with a handler that breaks the promise: on a connector
 * with a single I/O thread, a handler holding its thread holds up every other websocket, and without the promise
 * it holds up only its own (the I/O thread still reads, and hands the handler's calls to worker threads).
 */
class NonBlockingHandlerTest {

    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private ProtocolTestServer server;

    /** Echoes, except that "hold" keeps the calling thread until the test releases it. */
    private final SockJsHandler holdingEcho = new SockJsHandler() {
        @Override
        public void onMessage(SockJsSession session, String message) {
            holdIfAsked(message);
            session.send(message);
        }
    };

    /** "hold" keeps the calling thread until the test releases it. */
    private void holdIfAsked(String message) {
        if (message.equals("hold")) {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

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

    /**
     * With the promise the handler runs on the I/O thread; without it, on Jetty's connector, the I/O thread reads
     * the websocket too and hands the handler's calls to worker threads in batches. Either way every message
     * arrives, in order, and the close after the last of them, though the handler here takes its time with some.
     */
    @ParameterizedTest(name = "nonBlockingHandler={0}")
    @ValueSource(booleans = {true, false})
    void theHandlerGetsEveryMessageInOrderAndTheCloseAfterThem(boolean nonBlockingHandler) throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        server = ProtocolTestServer.start("127.0.0.1", 0, 1, context -> SockJsServlet.register(context, "/svc",
                new SockJsHandler() {
                    @Override
                    public void onMessage(SockJsSession session, String message) {
                        if (!nonBlockingHandler && message.endsWith("0")) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                        }
                        events.add(message);
                        session.send(message);
                    }

                    @Override
                    public void onClose(SockJsSession session, int code, String reason) {
                        events.add("close " + code + " " + reason);
                    }
                }, SockJsOptions.builder().nonBlockingHandler(nonBlockingHandler).build()));
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
        for (int i = 0; i < 200; i++) {
            assertEquals("m" + i, events.poll(10, TimeUnit.SECONDS));
        }
        assertEquals("close 1000 bye", events.poll(10, TimeUnit.SECONDS));
    }

    /**
     * Without the promise the I/O thread goes on reading while the handler holds its worker: the client's close
     * frame is read at once, but the handler hears of the close only after the message it is still handling.
     */
    @Test
    void withoutThePromiseTheCloseReachesTheHandlerAfterTheMessageItIsHandling() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        server = ProtocolTestServer.start("127.0.0.1", 0, 1, context -> SockJsServlet.register(context, "/svc",
                new SockJsHandler() {
                    @Override
                    public void onMessage(SockJsSession session, String message) {
                        events.add("start " + message);
                        holdIfAsked(message);
                        events.add("end " + message);
                    }

                    @Override
                    public void onClose(SockJsSession session, int code, String reason) {
                        events.add("close " + code + " " + reason);
                    }
                }, SockJsOptions.defaults()));
        CompletableFuture<Integer> closeReply = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(server.url().replace("http", "ws") + "/svc/000/closer/websocket"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                                closeReply.complete(code);
                                return null;
                            }
                        })
                .get(5, TimeUnit.SECONDS);
        ws.sendText("[\"hold\"]", true);
        assertTrue(holding.await(10, TimeUnit.SECONDS), "the handler never got the message");
        ws.sendText("[\"after\"]", true);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        // The server's answer to the close: it has read and handled the close frame, with the handler still held.
        assertEquals(WebSocket.NORMAL_CLOSURE, closeReply.get(10, TimeUnit.SECONDS));
        release.countDown();
        for (String expected : new String[] {"start hold", "end hold", "start after", "end after",
                "close 1000 bye"}) {
            assertEquals(expected, events.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aClientThatNeverPausesTakesTurnsWithTheOtherWebsocketsOfItsIoThread() throws Exception {
        FloodedHandler handler = new FloodedHandler(20_000);
        server = ProtocolTestServer.start("127.0.0.1", 0, 1, context -> SockJsServlet.register(context, "/svc",
                handler, SockJsOptions.builder().nonBlockingHandler(true).build()));
        String base = server.url().replace("http", "ws") + "/svc/000/";
        BlockingQueue<String> bystanderFrames = new LinkedBlockingQueue<>();
        WebSocket bystander = WebSockets.open(base, bystanderFrames);
        try (Socket flooder = openRawWebSocket(URI.create(base + "flooder/websocket"))) {
            // Written at once: the server finds the socket readable until it has handled the last message.
            byte[] flood = textFrames("[\"f\"]", handler.floodSize);
            Thread writer = new Thread(() -> {
                try {
                    flooder.getOutputStream().write(flood);
                } catch (IOException e) {
                    handler.floodHandledWhole.countDown();
                }
            }, "flooder");
            writer.start();
            assertTrue(handler.floodStarted.await(10, TimeUnit.SECONDS), "the flood never reached the handler");
            bystander.sendText("[\"ping\"]", true);
            assertEquals("a[\"pong\"]", bystanderFrames.poll(60, TimeUnit.SECONDS));
            assertTrue(handler.floodHandledBeforePing() < handler.floodSize,
                    "the other websocket was served only once the whole flood was handled");
            assertTrue(handler.floodHandledWhole.await(60, TimeUnit.SECONDS),
                    "the flooding websocket was left unread after " + handler.floodHandled.get() + " messages");
            assertEquals(handler.floodSize, handler.floodHandled.get());
            writer.join();
        }
    }

    /** A websocket on a plain socket, upgraded and its {@code o} frame read; what follows is the caller's. */
    private static Socket openRawWebSocket(URI uri) throws IOException {
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                fail("the upgrade was not answered: " + head);
            }
            head.write(b);
        }
        assertTrue(head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"), head.toString());
        assertEquals(0x81, in.read());
        assertEquals(1, in.read());
        assertEquals('o', in.read());
        return socket;
    }

    /** {@code count} masked text frames (an all-zero key, so the payload goes as is) of under 126 bytes. */
    private static byte[] textFrames(String text, int count) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frames = new ByteArrayOutputStream(count * (payload.length + 6));
        for (int i = 0; i < count; i++) {
            frames.write(0x81);
            frames.write(0x80 | payload.length);
            frames.writeBytes(new byte[4]);
            frames.writeBytes(payload);
        }
        return frames.toByteArray();
    }
}
