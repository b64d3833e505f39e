package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.server.jetty.JettySetup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a streamed frame takes from Jetty's buffer pool. Every suspended streaming request holds its 8 KiB request
 * buffer for as long as it streams (Jetty keeps it for a request handled asynchronously), and Jetty's pool finds
 * a free buffer of a size by scanning up to 256 entries of that size: a frame that asked for a buffer of the
 * response-header size (8 KiB as well) scanned past every busy one, a microsecond per frame with a thousand
 * streams open. A frame's chunk framing comes from the smallest buffers.
 */
class StreamingBuffersTest {

    private static final int FRAMES = 200;

    private final AtomicInteger headerSizedAcquires = new AtomicInteger();
    private final CompletableFuture<SockJsSession> opened = new CompletableFuture<>();
    private Server server;

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void streamedFramesTakeNoBufferOfTheResponseHeaderSize() throws Exception {
        int port = start();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /stream/000/s1/xhr_streaming HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            readUntil(in, "o");
            SockJsSession session = opened.get(10, TimeUnit.SECONDS);
            int before = headerSizedAcquires.get();
            for (int i = 0; i < FRAMES; i++) {
                assertTrue(session.send("m" + i));
                readUntil(in, "a[\"m" + i + "\"]");
            }
            int during = headerSizedAcquires.get() - before;
            assertEquals(0, during, "buffers of the response-header size taken while " + FRAMES
                    + " frames were streamed");
        }
    }

    private int start() throws Exception {
        int headerSize = new HttpConfiguration().getResponseHeaderSize();
        ByteBufferPool recording = new ByteBufferPool.Wrapper(new ArrayByteBufferPool()) {
            @Override
            public RetainableByteBuffer.Mutable acquire(int size, boolean direct) {
                if (size == headerSize) {
                    headerSizedAcquires.incrementAndGet();
                }
                return super.acquire(size, direct);
            }
        };
        server = new Server(new QueuedThreadPool(), null, recording);
        ServerConnector connector = JettySetup.newConnector(server, "127.0.0.1", 0, 1);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        SockJsHandler handler = new SockJsHandler() {
            @Override
            public void onOpen(SockJsSession session) {
                opened.complete(session);
            }

            @Override
            public void onMessage(SockJsSession session, String message) {
            }
        };
        ServletHolder servlet = new ServletHolder(new SockJsServlet(handler, SockJsOptions.defaults()));
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/stream/*");
        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }

    /** Reads lines of the chunked body (size lines included) until one is {@code wanted}. */
    private static void readUntil(BufferedReader in, String wanted) throws Exception {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(wanted)) {
                return;
            }
        }
        throw new AssertionError("the stream ended before " + wanted);
    }
}
