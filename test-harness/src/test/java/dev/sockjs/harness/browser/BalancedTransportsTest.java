package dev.sockjs.harness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.harness.TransportRecorder;
import dev.sockjs.harness.cluster.NginxBalancer;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sockjs-client 1.6.1 in headless Chromium, forced onto each of its transports, through nginx (the shipped
 * {@code deploy/nginx/sockjs.conf}) to three nodes: many sessions per transport, each echoed in order by one
 * node, the sessions spread over all three. Each node's echo answers with its own name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BalancedTransportsTest {

    private static final String SOCKJS_CLIENT = "/webjars/sockjs-client/1.6.1/dist/sockjs.min.js";
    private static final int SESSIONS = 50;

    private final List<ProtocolTestServer> nodes = new ArrayList<>();
    private final List<TransportRecorder> recorders = new ArrayList<>();
    private NginxBalancer nginx;
    private Chromium browser;

    @BeforeAll
    void start() throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "node" + i;
            SockJsHandler echo = (session, message) -> session.send(name + "|" + message);
            TransportRecorder recorder = new TransportRecorder(echo);
            recorders.add(recorder);
            ProtocolTestServer node = ProtocolTestServer.start("127.0.0.1", 0, context -> {
                SockJsServlet.register(context, "/echo", recorder,
                        SockJsOptions.builder().clientLibraryUrl(SOCKJS_CLIENT).build());
                context.addServlet("webjars", new ClasspathServlet("META-INF/resources/webjars"))
                        .addMapping("/webjars/*");
                context.addServlet("pages", new ClasspathServlet("browser")).addMapping("/page/*");
            });
            nodes.add(node);
            ports.add(node.port());
        }
        nginx = new NginxBalancer(Path.of(System.getProperty("sockjs.nginx.conf")), ports);
        browser = new Chromium();
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        browser.open(nginx.url() + "/page/cluster-echo.html");
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        for (ProtocolTestServer node : nodes) {
            node.close();
        }
        Set<String> served = new HashSet<>();
        recorders.forEach(recorder -> served.addAll(recorder.transports()));
        assertEquals(Set.of("websocket", "xhr-streaming", "xhr-polling", "eventsource", "htmlfile",
                "jsonp-polling"), served);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.sockjs.harness.browser.SockJsClientTransports#all")
    void sessionsStayOnTheirNodeAndSpreadOverAll(String transport) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.asyncJs(
                "var done = arguments[arguments.length - 1];"
                        + "window.runSessions(arguments[0], arguments[1], 3, 3).then(done);", transport, SESSIONS);
        assertEquals(List.of(), result.get("errors"), transport + ": " + result);
        assertEquals(List.of(transport), result.get("transports"));
        @SuppressWarnings("unchecked")
        Map<String, Long> byNode = (Map<String, Long>) result.get("byNode");
        assertEquals(Set.of("node0", "node1", "node2"), byNode.keySet(), transport + ": " + byNode);
        assertEquals(SESSIONS, byNode.values().stream().mapToLong(Long::longValue).sum());
    }
}
