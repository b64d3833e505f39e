package dev.sockjs.harness.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.harness.TestServices;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.stomp.StompServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random requests to every SockJS endpoint, over HTTP and websocket, of services with each kind of
 * option (restricted origins, cookies, STOMP), one at a time and from concurrent clients. Every answer is a 1xx-4xx,
 * or one of the protocol's own 5xx with its text (or HTTP's 501 for an unknown method on a path that '..' led out
 * of the services); the server logs no stack trace and still serves a client afterwards. {@code -Dfuzz.seed} and
 * {@code -Dfuzz.iterations} (HTTP requests; websocket messages are a quarter of it) replay or lengthen a run.
 */
class SockJsFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 1_000);

    /** The 5xx answers the protocol itself gives, with their texts. */
    private static final Set<String> PROTOCOL_ERRORS = Set.of("500 Broken JSON encoding.", "500 Payload expected.",
            "500 \"callback\" parameter required", "500 invalid \"callback\" parameter", "503 Too many sessions.");

    private static final String[] PREFIXES = {"/echo", "/restricted", "/cookies", "/stomp"};
    private static final String[] TRANSPORTS = {"websocket", "xhr", "xhr_send", "xhr_streaming", "eventsource",
        "htmlfile", "jsonp", "jsonp_send", "info", "iframe.html", "websocket2", "", "%78hr"};
    private static final String[] IDS = {"000", "a", "s1", "x.y", "%2e", "%zz", "%00", "%C3%A9", "", "..",
        "s".repeat(70), "é", "*", "a b"};
    private static final String[] METHODS = {"GET", "POST", "POST", "OPTIONS", "HEAD", "PUT", "DELETE", "FOO"};
    private static final String[] HEADERS = {
        "Origin: https://good.example", "Origin: https://evil.example", "Origin: null",
        "Referer: https://evil.example/x", "Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-origin",
        "Content-Type: text/plain", "Content-Type: application/x-www-form-urlencoded",
        "Content-Type: application/json; charset=\u00ff", "Upgrade: websocket", "Connection: Upgrade",
        "Connection: keep-alive, Upgrade", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Key: ???",
        "Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5", "Sec-WebSocket-Key2: 12998 5 Y3 1  .P00",
        "If-None-Match: *", "Cookie: JSESSIONID=abc", "Cookie: JSESSIONID=\"\\\"",
        "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: x, y",
    };
    private static final String[] BODIES = {"[\"a\"]", "[\"a\",\"b\"]", "[]", "[", "\"x\"", "d=%5B%22x%22%5D",
        "d=%zz", "d=", "x=1&d=%5B%22%E2%82%AC%22%5D", "[\"\\ud800\"]", "{}", "null", "[1]", "\u0000\u00ff",
        "[\"" + "x".repeat(5000) + "\"]", "CONNECT\naccept-version:1.2\n\n\u0000"};

    private static ProtocolTestServer server;
    private static StompServer stomp;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static PrintStream err;

    @BeforeAll
    static void start() throws Exception {
        err = System.err;
        System.setErr(new PrintStream(LOG, true, StandardCharsets.UTF_8));
        stomp = TestServices.stomp();
        SockJsOptions base = SockJsOptions.builder()
                .heartbeatInterval(Duration.ofMillis(50))
                .disconnectDelay(Duration.ofMillis(200))
                .responseLimit(512)
                .maxMessageSize(4096)
                .maxSessions(500)
                .hixie76Enabled(true)
                .build();
        server = ProtocolTestServer.start("127.0.0.1", 0, context -> {
            SockJsServlet.register(context, "/echo", TestServices.ECHO, base);
            SockJsServlet.register(context, "/restricted", TestServices.ECHO,
                    base.toBuilder().allowedOrigins(List.of("https://good.example")).build());
            SockJsServlet.register(context, "/cookies", TestServices.CLOSE, base.toBuilder().cookieNeeded(true)
                    .websocketEnabled(false).build());
            SockJsServlet.register(context, "/stomp", stomp, base);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            server.close();
            stomp.close();
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void randomRequestsGetClearAnswersAndLeaveTheServerHealthy() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] request = randomRequest(random);
            String answer = send(request);
            assertTrue(acceptable(answer, request), () -> "seed " + SEED + ": " + answer + " for\n"
                    + new String(request, StandardCharsets.ISO_8859_1));
        }
        assertHealthyAndQuiet();
    }

    /** Races between requests (a poll answered while its client leaves, sends crossing) show only under load. */
    @Test
    void concurrentRandomRequestsGetClearAnswersAndLeaveTheServerHealthy() throws Exception {
        int clients = 4;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                long seed = SEED + 2 + c;
                running.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < ITERATIONS / clients; i++) {
                        byte[] request = randomRequest(random);
                        String answer = send(request);
                        assertTrue(acceptable(answer, request), () -> "seed " + seed + ": " + answer + " for\n"
                                + new String(request, StandardCharsets.ISO_8859_1));
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertHealthyAndQuiet();
    }

    @Test
    void randomWebsocketMessagesGetEchoesOrACloseAndLeaveTheServerHealthy() throws Exception {
        Random random = new Random(SEED + 1);
        WebSocket ws = null;
        CompletableFuture<Integer> closed = null;
        String where = null;
        String last = null;
        for (int i = 0; i < ITERATIONS / 4; i++) {
            if (ws == null || closed.isDone()) {
                if (ws != null) {
                    int code = closed.get();
                    String context = where + " after " + last;
                    // 1006 is the client's own: it may write after the server closed. The server's log says the rest.
                    assertTrue(code != 1011, () -> "seed " + SEED + ": internal error at " + context);
                }
                closed = new CompletableFuture<>();
                where = (random.nextBoolean() ? "/echo" : "/stomp") + (random.nextInt(4) == 0 ? " raw" : "");
                ws = openWebSocket(where.split(" ")[0], where.endsWith("raw"), closed);
            }
            String message = random.nextInt(3) == 0 ? BODIES[random.nextInt(BODIES.length)]
                    : "[\"" + stompish(random) + "\"]";
            last = message;
            try {
                ws.sendText(message, true).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException closedMeanwhile) {
                ws = null;
            }
        }
        assertHealthyAndQuiet();
    }

    private static WebSocket openWebSocket(String prefix, boolean raw, CompletableFuture<Integer> closed)
            throws Exception {
        String path = raw ? prefix + "/websocket" : prefix + "/000/" + UUID.randomUUID() + "/websocket";
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(server.url().replace("http", "ws") + path), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                        closed.complete(1006);
                    }
                })
                .get(10, TimeUnit.SECONDS);
    }

    /** A STOMP-looking text with JSON escapes, some of them broken. */
    private static String stompish(Random random) {
        String[] pieces = {"CONNECT\\naccept-version:1.2\\n\\n\\u0000", "SEND\\ndestination:/topic/a\\n\\nx\\u0000",
            "SUBSCRIBE\\nid:1\\ndestination:/topic/**\\n\\n\\u0000", "\\n", "\\u0000", "\\x", "\\ud800", "hello",
            "DISCONNECT\\n\\n\\u0000", "receipt:x\\\\q\\n"};
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    private static byte[] randomRequest(Random random) {
        String method = METHODS[random.nextInt(METHODS.length)];
        String path = PREFIXES[random.nextInt(PREFIXES.length)];
        switch (random.nextInt(4)) {
            case 0 -> path += "/" + TRANSPORTS[random.nextInt(TRANSPORTS.length)];
            case 1 -> path += "/" + IDS[random.nextInt(IDS.length)] + "/" + IDS[random.nextInt(IDS.length)] + "/"
                    + TRANSPORTS[random.nextInt(TRANSPORTS.length)];
            case 2 -> path += "/000/s" + random.nextInt(50) + "/" + TRANSPORTS[random.nextInt(TRANSPORTS.length)];
            default -> path += random.nextBoolean() ? "/" : "//x/y/z";
        }
        if (random.nextInt(3) == 0) {
            path += random.nextBoolean() ? "?c=cb" : "?c=" + IDS[random.nextInt(IDS.length)] + "&d=%zz";
        }
        StringBuilder head = new StringBuilder(method).append(' ').append(path.replace(" ", "%20"))
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (int n = random.nextInt(6); n > 0; n--) {
            head.append(HEADERS[random.nextInt(HEADERS.length)]).append("\r\n");
        }
        byte[] body = random.nextInt(3) == 0 ? new byte[0]
                : BODIES[random.nextInt(BODIES.length)].getBytes(StandardCharsets.UTF_8);
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** "STATUS" and, for a 5xx, " TEXT" of its body; "no answer" if the server closed without one. */
    private static String send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            String status = line(in);
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                return "no answer: " + status;
            }
            int code = Integer.parseInt(status.substring(9, 12));
            if (code < 500) {
                return Integer.toString(code);
            }
            int length = -1;
            String header;
            while ((header = line(in)) != null && !header.isEmpty()) {
                if (header.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            byte[] body = length < 0 ? in.readAllBytes() : in.readNBytes(length);
            return code + " " + new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return sb.length() == 0 ? null : sb.toString();
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static boolean acceptable(String answer, byte[] request) {
        boolean unknownMethod = new String(request, 0, 4, StandardCharsets.US_ASCII).equals("FOO ");
        return answer.length() == 3 && answer.charAt(0) < '5' || PROTOCOL_ERRORS.contains(answer)
                || answer.equals("no answer: null") || unknownMethod && answer.startsWith("501");
    }

    private static void assertHealthyAndQuiet() throws Exception {
        String url = server.url() + "/echo/000/" + UUID.randomUUID();
        assertEquals("200", send(("GET /echo/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        HttpClient client = HttpClient.newHttpClient();
        assertEquals("o\n", client.send(HttpRequest.newBuilder(URI.create(url + "/xhr"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String logged = LOG.toString(StandardCharsets.UTF_8);
        assertFalse(logged.contains("\tat ") || logged.contains("Exception"),
                "seed " + SEED + ": the server logged a stack trace:\n"
                        + (logged.length() > 4000 ? logged.substring(0, 4000) : logged));
    }
}
