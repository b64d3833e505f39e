package dev.sockjs.harness.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.DemoServer;
import dev.sockjs.harness.browser.Chromium;
import dev.sockjs.harness.browser.DemoPage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The unchanged demo WAR in a standalone container, used in headless Chromium: every transport of the picker
 * echoes, and a client that goes away (a browser leaving the page, a websocket closed with or without a reason)
 * leaves the chat at once. The container runs with SockJS and STOMP timers
 * (heartbeats, disconnect delay) of ten minutes, so a leave seen within a test was caused by the client's close
 * itself, never by a timer. How long each close took to reach the application is appended to
 * {@code target/standalone/close-times.tsv}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DemoInContainer {

    static final List<String> TRANSPORTS = List.of("websocket", "xhr-streaming", "xhr-polling", "eventsource",
            "iframe-htmlfile", "iframe-eventsource", "iframe-xhr-polling", "jsonp-polling");

    private static final Map<String, String> SLOW_TIMERS = Map.of("sockjs.heartbeatInterval", "600000",
            "sockjs.disconnectDelay", "600000", "stomp.heartbeat", "600000");

    static final Set<String> ALL_TRANSPORTS = Set.copyOf(TRANSPORTS);

    private final boolean websocket;
    private final Set<String> promptCloseTransports;
    private StandaloneContainer container;
    private Chromium browser;

    /**
     * {@code websocket}: whether the container offers websockets to the WAR; {@code promptCloseTransports}: the
     * transports whose close reaches the application at once there.
     */
    DemoInContainer(boolean websocket, Set<String> promptCloseTransports) {
        this.websocket = websocket;
        this.promptCloseTransports = promptCloseTransports;
    }

    /** The container, made but not started. */
    abstract StandaloneContainer newContainer() throws Exception;

    @BeforeAll
    void start() throws Exception {
        container = newContainer();
        container.deploy(DemoServer.defaultWar(), SLOW_TIMERS);
        container.start();
        browser = new Chromium();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (container != null) {
                container.close();
            }
        }
    }

    public StandaloneContainer container() {
        return container;
    }

    Stream<String> transports() {
        return TRANSPORTS.stream().filter(t -> websocket || !t.equals("websocket"));
    }

    Stream<String> promptCloses() {
        return TRANSPORTS.stream().filter(promptCloseTransports::contains);
    }

    @Test
    void infoTellsWhetherWebsocketsAreOn() throws Exception {
        HttpResponse<String> info = get("sockjs/echo/info");
        assertEquals(200, info.statusCode());
        assertTrue(info.body().contains("\"websocket\":" + websocket), info.body());
    }

    /** A GET of {@code path} (relative to the context) from the container. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(container.url() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void eachTransportEchoes(String transport) {
        DemoPage page = new DemoPage(browser).open(container.url(), transport);
        assertEquals(transport, page.transportInUse());
        page.echo("hello over " + transport + " in " + container.base.getFileName());
    }

    /**
     * A watcher (over the first transport this container offers) and a leaver (over {@code transport}) join a
     * room; the leaver's browser leaves the page, which closes its connections as closing a tab does; the
     * watcher's member list must lose the leaver. The time is measured between the leaver's last moment on the
     * page and the watcher's list changing, both on the machine's clock.
     */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("promptCloses")
    void aClientThatGoesAwayLeavesTheChatAtOnce(String transport) throws Exception {
        String room = "room-" + transport;
        DemoPage watcher = new DemoPage(browser).open(container.url(), transports().findFirst().orElseThrow());
        watcher.join("a-watcher", room);
        try (Chromium other = new Chromium()) {
            DemoPage leaver = new DemoPage(other).open(container.url(), transport);
            assertEquals(transport, leaver.transportInUse());
            leaver.join("b-leaver", room);
            watcher.awaitMembers(List.of("a-watcher", "b-leaver"));
            watchForLeave();
            long closedAt = ((Number) other.js("var t = Date.now(); window.location.href = 'about:blank';"
                    + " return t;")).longValue();
            long leftAt = ((Number) browser.awaitJs("window.leftAt")).longValue();
            watcher.awaitMembers(List.of("a-watcher"));
            record(transport, leftAt - closedAt);
        }
    }

    Stream<String> closeReasons() {
        return websocket ? Stream.of("", "bye") : Stream.empty();
    }

    /**
     * A raw websocket STOMP client (the service's {@code /websocket} endpoint) joins a room and closes with code
     * 1000, with a reason or without one (what a browser's {@code close()} sends); the watcher sees it leave.
     */
    @ParameterizedTest(name = "reason \"{0}\"", allowZeroInvocations = true)
    @MethodSource("closeReasons")
    void aWebsocketClosedWithOrWithoutAReasonLeavesTheChatAtOnce(String reason) throws Exception {
        String room = "raw-" + (reason.isEmpty() ? "no-reason" : reason);
        DemoPage watcher = new DemoPage(browser).open(container.url(), "websocket");
        watcher.join("a-watcher", room);
        CompletableFuture<String> connected = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                URI.create(container.url().replace("http", "ws") + "sockjs/stomp/websocket"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence text, boolean last) {
                        connected.complete(text.toString());
                        w.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        ws.sendText("CONNECT\naccept-version:1.2\nhost:demo\n\n\0", true).get(30, TimeUnit.SECONDS);
        assertTrue(connected.get(30, TimeUnit.SECONDS).startsWith("CONNECTED"));
        ws.sendText("SEND\ndestination:/app/chat/" + room + "/join\ncontent-type:application/json\n\n"
                + "{\"nick\":\"b-raw\"}\0", true).get(30, TimeUnit.SECONDS);
        watcher.awaitMembers(List.of("a-watcher", "b-raw"));
        watchForLeave();
        long closedAt = System.currentTimeMillis();
        ws.sendClose(WebSocket.NORMAL_CLOSURE, reason).get(30, TimeUnit.SECONDS);
        long leftAt = ((Number) browser.awaitJs("window.leftAt")).longValue();
        watcher.awaitMembers(List.of("a-watcher"));
        record("raw websocket, close 1000 " + (reason.isEmpty() ? "without reason" : "\"" + reason + "\""),
                leftAt - closedAt);
    }

    /** Makes the watcher's page note the moment its member list shrinks to itself. */
    private void watchForLeave() {
        browser.js("""
                var chat = window.demo.chat, members = chat.members;
                Object.defineProperty(chat, 'members', {configurable: true,
                    get: function () { return members; },
                    set: function (m) { members = m; if (m.length === 1) { window.leftAt = Date.now(); } }});
                """);
    }

    private void record(String transport, long millis) throws IOException {
        String line = container.base.getFileName() + "\t" + transport + "\t" + millis + " ms\n";
        System.out.print("close seen by the application: " + line);
        Path report = container.base.getParent().resolve("close-times.tsv");
        Files.writeString(report, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
