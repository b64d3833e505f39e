package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsGroup;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsMessage;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages prepared once for many sessions ({@link SockJsMessage}), as clients receive them over websockets on
 * Jetty's native path, which sends the bytes the sessions share: a long message that differs per session only in
 * its beginning goes out as two fragments of one websocket message, the second shared by every session.
 */
class SharedMessagesTest {

    /**
     * Escapes and characters of every UTF-8 length, 6,000 characters: past the 4,096 from which messages go out
     * in frames of their own and share their end (OutboundMessage.ALONE_FROM).
     */
    private static final String BODY = "\"q\" \\ 100% \u2028 é \u20ac \ud83d\ude00 ".repeat(300);

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProtocolTestServer server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void everySessionGetsItsOwnBeginningBeforeTheSharedEnd() throws Exception {
        SockJsGroup group = new SockJsGroup();
        start(group);
        String base = server.url().replace("http", "ws") + "/shared/000/";
        List<BlockingQueue<String>> frames = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            frames.add(new LinkedBlockingQueue<>());
            sockets.add(WebSockets.open(base, frames.get(i)));
        }
        for (int i = 0; i < 3; i++) {
            sockets.get(i).sendText("[\"s" + i + "\"]", true).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("s" + i + ": " + BODY), messages(frames.get(i).poll(10, TimeUnit.SECONDS)));
        }
        sockets.get(0).sendText("[\"all\",\"prefixed\"]", true).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(BODY), messages(frames.get(0).poll(10, TimeUnit.SECONDS)));
        assertEquals(List.of("to prefixed: " + BODY), messages(frames.get(0).poll(10, TimeUnit.SECONDS)));
        for (int i = 1; i < 3; i++) {
            assertEquals(List.of(BODY), messages(frames.get(i).poll(10, TimeUnit.SECONDS)));
        }
    }

    private void start(SockJsGroup group) throws Exception {
        SockJsMessage shared = SockJsMessage.of(BODY);
        server = ProtocolTestServer.start("127.0.0.1", 0, context -> SockJsServlet.register(context, "/shared",
                new SockJsHandler() {
                    @Override
                    public void onOpen(SockJsSession session) {
                        group.join(session);
                    }

                    @Override
                    public void onMessage(SockJsSession session, String message) {
                        switch (message) {
                            case "prefixed" -> session.send(SockJsMessage.prefixed("to " + message + ": ", shared));
                            case "all" -> group.send(shared);
                            default -> session.send(SockJsMessage.prefixed(message + ": ", shared));
                        }
                    }
                }, SockJsOptions.defaults()));
    }

    /** Over xhr-streaming the session's beginning and the shared end are two writes to the response. */
    @Test
    void aStreamingSessionGetsItsOwnBeginningBeforeTheSharedEnd() throws Exception {
        start(new SockJsGroup());
        String session = "/shared/000/" + UUID.randomUUID();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + session + "/xhr_streaming HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            while (!headLine(in).isEmpty()) {
                // the response head
            }
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            assertEquals("o", nextFrameLine(in, pending));
            for (String message : List.of("one", "two")) {
                HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + session + "/xhr_send"))
                        .POST(HttpRequest.BodyPublishers.ofString("[\"" + message + "\"]")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(204, sent.statusCode());
                assertEquals(List.of(message + ": " + BODY), messages(nextFrameLine(in, pending)));
            }
        }
    }

    /**
     * The next line of the chunked body that is a frame (the 2 KiB prelude of {@code h} is not), read as UTF-8
     * whatever chunks carry it; {@code pending} keeps what was read past it.
     */
    private static String nextFrameLine(InputStream in, ByteArrayOutputStream pending) throws Exception {
        while (true) {
            String line = chunkedLine(in, pending);
            if (line.equals("o") || line.startsWith("a[")) {
                return line;
            }
        }
    }

    /** Reads the chunked body up to the next newline of its content, returning that line. */
    private static String chunkedLine(InputStream in, ByteArrayOutputStream pending) throws Exception {
        while (true) {
            byte[] bytes = pending.toByteArray();
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    pending.reset();
                    pending.write(bytes, i + 1, bytes.length - i - 1);
                    return new String(bytes, 0, i, StandardCharsets.UTF_8);
                }
            }
            int size = Integer.parseInt(headLine(in), 16);
            pending.write(in.readNBytes(size));
            headLine(in);
        }
    }

    /** One CRLF-ended line of the response head or of the chunk framing, without the CRLF. */
    private static String headLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new AssertionError("the stream ended");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** The messages of an {@code a} frame, as the client parses it. */
    private static List<String> messages(String frame) throws Exception {
        assertEquals('a', frame.charAt(0), frame);
        return JSON.readValue(frame.substring(1), new TypeReference<List<String>>() { });
    }
}
