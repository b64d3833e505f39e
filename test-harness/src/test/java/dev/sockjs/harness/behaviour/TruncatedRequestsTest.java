package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests whose bodies never arrive whole, or that look like the start of a hixie-76 handshake (whose key
 * follows the headers): answered in bounded time, the session and the connection unharmed.
 */
class TruncatedRequestsTest {

    private static ProtocolTestServer server;
    private static final Events EVENTS = new Events();

    @BeforeAll
    static void start() throws Exception {
        server = ProtocolTestServer.start("127.0.0.1", 0,
                context -> SockJsServlet.register(context, "/svc", EVENTS, SockJsOptions.builder()
                        .disconnectDelay(java.time.Duration.ofMinutes(5)).build()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnswered408() throws Exception {
        String url = server.url() + "/svc/000/" + UUID.randomUUID();
        assertEquals("o\n", Client.request("POST", url + "/xhr", Map.of(), "").body());
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("POST " + URI.create(url).getRawPath() + "/xhr_send HTTP/1.1\r\n"
                    + "Host: x\r\nContent-Length: 100\r\n\r\n[\"part").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 408 Request Timeout", status);
        }
        long waited = System.nanoTime() - started;
        assertTrue(waited >= TimeUnit.SECONDS.toNanos(10), "answered before the read timeout");
        assertEquals(204, Client.request("POST", url + "/xhr_send", Map.of(), "[\"whole\"]").status());
        assertEquals("a[\"whole\"]\n", Client.request("POST", url + "/xhr", Map.of(), "").body());
    }

    @Test
    void aSendCarryingAHixie76KeyHeaderIsReadAndDelivered() throws Exception {
        String url = server.url() + "/svc/000/" + UUID.randomUUID();
        assertEquals("o\n", Client.request("POST", url + "/xhr", Map.of(), "").body());
        assertEquals(204, Client.request("POST", url + "/xhr_send",
                Map.of("Sec-WebSocket-Key1", "4 @1  46546xW%0l 1 5"), "[\"delivered\"]").status());
        assertEquals("a[\"delivered\"]\n", Client.request("POST", url + "/xhr", Map.of(), "").body());
    }

    @Test
    void aRefusedHixie76LookalikeLeavesItsConnectionServingTheNextRequest() throws Exception {
        String session = "/svc/000/" + UUID.randomUUID();
        for (String path : new String[] {"/svc/info", session + "/websocket", session + "/xhr"}) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(60_000);
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: WebSocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\n"
                        + "Sec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String first = readUntilAnswered(socket);
                assertTrue(first.startsWith("HTTP/1.1 "), first);
                socket.getOutputStream().write("GET /svc/info HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String both = first + readUntilAnswered(socket);
                assertTrue(both.substring(first.length()).contains("HTTP/1.1 200 OK"), path + ":\n" + both);
            }
        }
    }

    /** Reads until the status line and headers of the next response have arrived. */
    private static String readUntilAnswered(Socket socket) throws IOException {
        StringBuilder text = new StringBuilder();
        int c;
        while ((c = socket.getInputStream().read()) >= 0) {
            text.append((char) c);
            int status = text.indexOf("HTTP/1.1 ");
            if (status >= 0 && text.length() - status > 4 && text.lastIndexOf("\r\n\r\n") == text.length() - 4) {
                break;
            }
        }
        return text.toString();
    }
}
