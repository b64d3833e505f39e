package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code IoThreadHandler} (the test server's root handler) with a connector of one I/O thread: the HTTP requests
 * of a service promising {@code nonBlockingHandler} are served on that thread, everything else on worker
 * threads. A handler or servlet that holds its thread shows which: held on the I/O thread, it stalls every other
 * request; held on a worker, only its own.
 */
class IoThreadHandlerTest {

    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ProtocolTestServer server;

    /** Echoes, except that "hold" keeps the calling thread until the test releases it. */
    private final SockJsHandler holdingEcho = new SockJsHandler() {
        @Override
        public void onMessage(SockJsSession session, String message) {
            if (message.equals("hold")) {
                hold();
            }
            session.send(message);
        }
    };

    /** A plain servlet of the same context that holds its thread. */
    private final HttpServlet holdingServlet = new HttpServlet() {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            hold();
            resp.getWriter().write("released");
        }
    };

    private void hold() {
        holding.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private void start(SockJsOptions options) throws Exception {
        server = ProtocolTestServer.start("127.0.0.1", 0, 1, (ServletContext context) -> {
            SockJsServlet.register(context, "/svc", holdingEcho, options);
            context.addServlet("holding", holdingServlet).addMapping("/holding");
        });
    }

    @Test
    void aPromisedServiceSendsRunOnTheIoThreadSoBreakingThePromiseStallsOtherRequests() throws Exception {
        start(SockJsOptions.builder().nonBlockingHandler(true).build());
        CompletableFuture<Integer> held = holdInAnXhrSend();
        CompletableFuture<HttpResponse<String>> info = get("/svc/info");
        assertStalled(info, "an HTTP request was served while the I/O thread was held");
        release.countDown();
        assertEquals(200, info.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(204, held.get(10, TimeUnit.SECONDS));
    }

    @Test
    void withoutThePromiseASendHoldsUpOnlyItself() throws Exception {
        start(SockJsOptions.defaults());
        CompletableFuture<Integer> held = holdInAnXhrSend();
        assertEquals(200, get("/svc/info").get(10, TimeUnit.SECONDS).statusCode());
        assertFalse(held.isDone());
        release.countDown();
        assertEquals(204, held.get(10, TimeUnit.SECONDS));
    }

    @Test
    void otherServletsOfTheContextKeepTheirWorkerThread() throws Exception {
        start(SockJsOptions.builder().nonBlockingHandler(true).build());
        CompletableFuture<HttpResponse<String>> held = get("/holding");
        assertTrue(holding.await(10, TimeUnit.SECONDS), "the servlet never ran");
        assertEquals(200, get("/svc/info").get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(404, get("/nothing-here").get(10, TimeUnit.SECONDS).statusCode());
        release.countDown();
        assertEquals("released", held.get(10, TimeUnit.SECONDS).body());
    }

    /**
     * Each poll is answered by the next session's send, on another connection; Jetty then resumes reading the
     * poll's connection after that send, on the same thread (with the promise) or on a worker thread (without).
     * Every message must come back, in order, over keep-alive connections that carry poll after poll.
     */
    @ParameterizedTest(name = "nonBlockingHandler={0}")
    @ValueSource(booleans = {true, false})
    void pollsAnsweredBySendsDeliverEveryMessageInOrder(boolean nonBlockingHandler) throws Exception {
        start(SockJsOptions.builder().nonBlockingHandler(nonBlockingHandler).build());
        String session = "/svc/000/poller";
        assertEquals("o\n", post(session + "/xhr", "").get(10, TimeUnit.SECONDS).body());
        for (int i = 0; i < 300; i++) {
            CompletableFuture<HttpResponse<String>> poll = post(session + "/xhr", "");
            assertEquals(204, post(session + "/xhr_send", "[\"m" + i + "\"]").get(10, TimeUnit.SECONDS)
                    .statusCode());
            assertEquals("a[\"m" + i + "\"]\n", poll.get(10, TimeUnit.SECONDS).body());
        }
    }

    /**
     * Without the promise, a send's handler that answers another session's poll and then blocks must not keep
     * that session waiting: the poll's connection, whose reading resumes once its answer is written, is read
     * again while the handler still holds its worker thread.
     */
    @Test
    void withoutThePromiseAHandlerThatBlocksAfterAnsweringAPollHoldsUpOnlyItsOwnSession() throws Exception {
        AtomicReference<SockJsSession> firstOpened = new AtomicReference<>();
        server = ProtocolTestServer.start("127.0.0.1", 0, 1, (ServletContext context) ->
                SockJsServlet.register(context, "/svc", new SockJsHandler() {
                    @Override
                    public void onOpen(SockJsSession session) {
                        firstOpened.compareAndSet(null, session);
                    }

                    @Override
                    public void onMessage(SockJsSession session, String message) {
                        firstOpened.get().send(message);
                        if (message.equals("hold")) {
                            hold();
                        }
                    }
                }, SockJsOptions.defaults()));
        String reader = "/svc/000/reader";
        assertEquals("o\n", post(reader + "/xhr", "").get(10, TimeUnit.SECONDS).body());
        assertEquals("o\n", post("/svc/000/holder/xhr", "").get(10, TimeUnit.SECONDS).body());
        assertEquals("o\n", post("/svc/000/other/xhr", "").get(10, TimeUnit.SECONDS).body());
        CompletableFuture<HttpResponse<String>> firstPoll = post(reader + "/xhr", "");
        CompletableFuture<HttpResponse<String>> held = post("/svc/000/holder/xhr_send", "[\"hold\"]");
        assertEquals("a[\"hold\"]\n", firstPoll.get(10, TimeUnit.SECONDS).body());
        assertTrue(holding.await(10, TimeUnit.SECONDS), "the handler never held its thread");
        CompletableFuture<HttpResponse<String>> secondPoll = post(reader + "/xhr", "");
        assertEquals(204, post("/svc/000/other/xhr_send", "[\"next\"]").get(10, TimeUnit.SECONDS).statusCode());
        assertEquals("a[\"next\"]\n", secondPoll.get(10, TimeUnit.SECONDS).body());
        assertFalse(held.isDone());
        release.countDown();
        assertEquals(204, held.get(10, TimeUnit.SECONDS).statusCode());
    }

    /**
     * A client that pipelines requests and reads no answers fills the socket's buffers. Answers written on the
     * I/O thread must then wait without holding it, or every other connection of that thread would stall.
     */
    @Test
    void aClientThatReadsNothingDoesNotHoldTheIoThread() throws Exception {
        start(SockJsOptions.builder().nonBlockingHandler(true).build());
        try (SocketChannel greedy = SocketChannel.open()) {
            greedy.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            greedy.connect(new InetSocketAddress("127.0.0.1", server.port()));
            greedy.configureBlocking(false);
            byte[] request = "GET /svc/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            assertTrue(pipelineUntilTheServerStopsReading(greedy, request),
                    "the server read a million pipelined requests while their answers went unread");
            assertEquals(200, get("/svc/info").get(10, TimeUnit.SECONDS).statusCode());
        }
    }

    /**
     * A client that pipelines sends without pause finds its connection readable for as long as the server reads
     * it; the server must still serve its other connections meanwhile, then every one of those sends.
     */
    @Test
    void aClientThatPipelinesWithoutPauseTakesTurnsWithTheOtherConnections() throws Exception {
        FloodedHandler handler = new FloodedHandler(5_000);
        // The flooder's session has no receiving request: it must outlive a flood slowed down by a busy machine.
        SockJsOptions options = SockJsOptions.builder().nonBlockingHandler(true)
                .disconnectDelay(Duration.ofMinutes(10)).build();
        server = ProtocolTestServer.start("127.0.0.1", 0, 1, context -> SockJsServlet.register(context, "/busy",
                handler, options));
        assertEquals("o\n", post("/busy/000/flooder/xhr", "").get(10, TimeUnit.SECONDS).body());
        assertEquals("o\n", post("/busy/000/bystander/xhr", "").get(10, TimeUnit.SECONDS).body());
        String send = "POST /busy/000/flooder/xhr_send HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 5\r\n\r\n[\"f\"]";
        byte[] flood = send.repeat(handler.floodSize).getBytes(StandardCharsets.US_ASCII);
        try (Socket flooder = new Socket("127.0.0.1", server.port())) {
            CompletableFuture<Integer> answered = CompletableFuture.supplyAsync(() -> countNoContentAnswers(flooder,
                    handler.floodSize));
            Thread writer = new Thread(() -> {
                try {
                    flooder.getOutputStream().write(flood);
                } catch (IOException e) {
                    answered.completeExceptionally(e);
                }
            }, "flooder");
            writer.start();
            assertTrue(handler.floodStarted.await(10, TimeUnit.SECONDS), "the flood never reached the handler");
            assertEquals(204, post("/busy/000/bystander/xhr_send", "[\"ping\"]").get(60, TimeUnit.SECONDS)
                    .statusCode());
            int floodHandledBeforePing = handler.floodHandledBeforePing();
            assertTrue(floodHandledBeforePing >= 0 && floodHandledBeforePing < handler.floodSize,
                    "the other connection was served only once the whole flood was handled");
            assertEquals(handler.floodSize, answered.get(60, TimeUnit.SECONDS), "sends answered 204");
            assertEquals(handler.floodSize, handler.floodHandled.get());
            writer.join();
        }
    }

    /** Reads the status lines of {@code count} pipelined answers and counts the 204s. */
    private static int countNoContentAnswers(Socket socket, int count) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            int noContent = 0;
            for (int answers = 0; answers < count; ) {
                String line = in.readLine();
                if (line == null) {
                    return noContent;
                }
                if (line.startsWith("HTTP/1.1 ")) {
                    answers++;
                    if (line.startsWith("HTTP/1.1 204 ")) {
                        noContent++;
                    }
                }
            }
            return noContent;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code request} again and again without reading until the socket takes no more: the server has then
     * stopped reading this connection, because its answers wait for the client.
     */
    private static boolean pipelineUntilTheServerStopsReading(SocketChannel channel, byte[] request)
            throws IOException {
        ByteBuffer pending = ByteBuffer.wrap(request);
        for (int sent = 0; sent < 1_000_000; ) {
            if (channel.write(pending) == 0) {
                return true;
            }
            if (!pending.hasRemaining()) {
                pending.rewind();
                sent++;
            }
        }
        return false;
    }

    /**
     * Sends "hold" to the service, the whole request in one write on a new connection, so that the body has
     * arrived when the request is handled: a body that arrives later is read, and the handler called, on a worker.
     */
    private CompletableFuture<Integer> holdInAnXhrSend() throws Exception {
        String session = "/svc/000/holder";
        assertEquals("o\n", post(session + "/xhr", "").get(10, TimeUnit.SECONDS).body());
        String body = "[\"hold\"]";
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.getOutputStream().write(("POST " + session + "/xhr_send HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: text/plain\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body).getBytes(StandardCharsets.US_ASCII));
        assertTrue(holding.await(10, TimeUnit.SECONDS), "the handler never got the message");
        return CompletableFuture.supplyAsync(() -> {
            try (socket) {
                String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                return Integer.parseInt(statusLine.split(" ")[1]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void assertStalled(CompletableFuture<?> response, String message) throws Exception {
        try {
            response.get(500, TimeUnit.MILLISECONDS);
            throw new AssertionError(message);
        } catch (TimeoutException expected) {
            // Still waiting, as it should.
        }
    }

    private CompletableFuture<HttpResponse<String>> get(String path) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> post(String path, String body) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
