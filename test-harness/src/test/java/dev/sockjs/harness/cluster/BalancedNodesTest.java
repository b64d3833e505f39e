package dev.sockjs.harness.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three nodes behind nginx configured with the shipped {@code deploy/nginx/sockjs.conf}: every request of a
 * session reaches the node that holds it, sessions spread over all nodes, and websockets and streams pass
 * through. Each node's echo answers with its own name, so a reply tells which node served it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BalancedNodesTest {

    private final List<ProtocolTestServer> nodes = new ArrayList<>();
    private NginxBalancer nginx;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    void start() throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "node" + i;
            ProtocolTestServer node = ProtocolTestServer.start("127.0.0.1", 0, context -> SockJsServlet.register(
                    context, "/echo", (session, message) -> session.send(name + "|" + message),
                    SockJsOptions.defaults()));
            nodes.add(node);
            ports.add(node.port());
        }
        nginx = new NginxBalancer(Path.of(System.getProperty("sockjs.nginx.conf")), ports);
    }

    @AfterAll
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        for (ProtocolTestServer node : nodes) {
            node.close();
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(nginx.url() + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The node named in an {@code a["node|..."]} frame. */
    private static String node(String frame) {
        assertTrue(frame.startsWith("a[\"node"), frame);
        return frame.substring(3, frame.indexOf('|'));
    }

    @Test
    void everyRequestOfAPollingSessionReachesItsNodeAndSessionsSpread() throws Exception {
        Set<String> used = new HashSet<>();
        for (int s = 0; s < 30; s++) {
            String session = "/echo/" + (s % 1000) + "/" + UUID.randomUUID() + "/";
            assertEquals("o\n", post(session + "xhr", "").body());
            Set<String> servedBy = new HashSet<>();
            for (int m = 0; m < 3; m++) {
                HttpResponse<String> sent = post(session + "xhr_send", "[\"m" + m + "\"]");
                assertEquals(204, sent.statusCode(), "a send reached a node without the session: " + sent.body());
                String frame = post(session + "xhr", "").body();
                assertEquals("\"]\n", frame.substring(frame.length() - 3), frame);
                assertTrue(frame.endsWith("|m" + m + "\"]\n"), frame);
                servedBy.add(node(frame));
            }
            assertEquals(1, servedBy.size(), "one session, several nodes: " + servedBy);
            used.addAll(servedBy);
        }
        assertEquals(Set.of("node0", "node1", "node2"), used, "30 sessions did not spread over the three nodes");
    }

    /** nginx passes each streamed frame on as it comes, not when its buffer fills or the response ends. */
    @Test
    void aStreamReachesTheClientFrameByFrame() throws Exception {
        String session = "/echo/000/" + UUID.randomUUID() + "/";
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(nginx.url() + session
                + "xhr_streaming")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(),
                StandardCharsets.UTF_8))) {
            assertEquals(2048, lines.readLine().length(), "the prelude");
            assertEquals("o", lines.readLine());
            assertEquals(204, post(session + "xhr_send", "[\"streamed\"]").statusCode());
            String frame = lines.readLine();
            assertTrue(frame.endsWith("|streamed\"]"), frame);
        }
    }

    @Test
    void aWebsocketPassesThrough() throws Exception {
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(nginx.url().replace("http", "ws")
                + "/echo/000/" + UUID.randomUUID() + "/websocket"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        frames.add(data.toString());
                        webSocket.request(1);
                        return CompletableFuture.completedFuture(null);
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            assertEquals("o", frames.poll(10, TimeUnit.SECONDS));
            socket.sendText("[\"over nginx\"]", true).get(10, TimeUnit.SECONDS);
            String frame = frames.poll(10, TimeUnit.SECONDS);
            assertTrue(frame != null && frame.endsWith("|over nginx\"]"), frame);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }
}
