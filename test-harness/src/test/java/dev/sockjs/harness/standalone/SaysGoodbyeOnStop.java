package dev.sockjs.harness.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.behaviour.WebSockets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * For the containers that promise it: stopped as a service manager stops them (SIGTERM), they close every SockJS
 * session with 1001 "Server shutting down" before they close its connection, so clients reconnect at once
 * instead of waiting out a timeout. The test stops the container, so it runs last.
 */
interface SaysGoodbyeOnStop {

    String GOODBYE = "c[1001,\"Server shutting down\"]";

    StandaloneContainer container();

    @Test
    @Order(Integer.MAX_VALUE)
    default void stoppingTheContainerSaysGoodbyeToEveryClient() throws Exception {
        StandaloneContainer container = container();
        URI root = URI.create(container.url());
        BlockingQueue<String> websocketFrames = new LinkedBlockingQueue<>();
        WebSockets.open(container.url().replace("http", "ws") + "sockjs/echo/000/", websocketFrames);
        try (Socket stream = new Socket(root.getHost(), root.getPort())) {
            stream.setSoTimeout(30_000);
            stream.getOutputStream().write(("POST /sockjs/echo/000/goodbye/xhr_streaming HTTP/1.1\r\nHost: "
                    + root.getAuthority() + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = stream.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            assertTrue(readUntil(in, received, "o\n"), "the stream did not open: " + received);

            container.close();

            assertTrue(readUntil(in, received, GOODBYE), "the stream got no goodbye before its end: "
                    + received.toString(StandardCharsets.ISO_8859_1).replace("h", ""));
        }
        assertEquals(GOODBYE, websocketFrames.poll(30, TimeUnit.SECONDS), "the websocket got no goodbye");
    }

    /** Reads until {@code text} has arrived ({@code true}) or the stream ends ({@code false}). */
    private static boolean readUntil(InputStream in, ByteArrayOutputStream received, String text)
            throws IOException {
        byte[] buffer = new byte[8192];
        while (!received.toString(StandardCharsets.ISO_8859_1).contains(text)) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException reset) {
                return false;
            }
            if (n < 0) {
                return false;
            }
            received.write(buffer, 0, n);
        }
        return true;
    }
}
