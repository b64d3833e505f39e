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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
        String session = server.url() + "/shared/000/" + UUID.randomUUID();
        try (Client stream = Client.open("POST", session + "/xhr_streaming", Map.of(), new byte[0])) {
            assertEquals(200, stream.status);
            assertEquals("o", nextFrameLine(stream));
            for (String message : List.of("one", "two")) {
                HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(session + "/xhr_send"))
                        .POST(HttpRequest.BodyPublishers.ofString("[\"" + message + "\"]")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(204, sent.statusCode());
                assertEquals(List.of(message + ": " + BODY), messages(nextFrameLine(stream)));
            }
        }
    }

    /** The next line of the stream that is a frame (the 2 KiB prelude of {@code h} is not). */
    private static String nextFrameLine(Client stream) throws Exception {
        while (true) {
            String line = stream.bodyLine();
            if (line.equals("o") || line.startsWith("a[")) {
                return line;
            }
        }
    }

    /** The messages of an {@code a} frame, as the client parses it. */
    private static List<String> messages(String frame) throws Exception {
        assertEquals('a', frame.charAt(0), frame);
        return JSON.readValue(frame.substring(1), new TypeReference<List<String>>() { });
    }
}
