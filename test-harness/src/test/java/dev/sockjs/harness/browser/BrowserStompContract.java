package dev.sockjs.harness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.harness.TransportRecorder;
import dev.sockjs.harness.relay.Brokers;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.stomp.StompServer;
import jakarta.servlet.ServletRegistration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real clients in a real browser: sockjs-client 1.6.1 forced onto each of its transports, with
 * {@code @stomp/stompjs} 7 on top, in headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs). Each transport round-trips a message through an application handler and the
 * broker (each subclass's).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserStompContract {

    private static final String SOCKJS_CLIENT = "/webjars/sockjs-client/1.6.1/dist/sockjs.min.js";

    private final Brokers broker;
    private TransportRecorder recorder;
    private ProtocolTestServer server;
    private StompServer stomp;
    private Chromium browser;

    BrowserStompContract(Brokers broker) {
        this.broker = broker;
    }

    @BeforeAll
    void start() throws Exception {
        stomp = broker.start(StompServer.builder()
                .handle("/app/echo", (m, c) -> c.publisher().publish("/topic/echo", m.contentType(), m.body(),
                        Map.of())));
        recorder = new TransportRecorder(stomp);
        server = ProtocolTestServer.start("127.0.0.1", 0, context -> {
            SockJsServlet.register(context, "/stomp", recorder,
                    SockJsOptions.builder().clientLibraryUrl(SOCKJS_CLIENT).build());
            ServletRegistration.Dynamic webjars = context.addServlet("webjars",
                    new ClasspathServlet("META-INF/resources/webjars"));
            webjars.addMapping("/webjars/*");
            context.addServlet("pages", new ClasspathServlet("browser")).addMapping("/page/*");
        });

        browser = new Chromium();
        browser.open(server.url() + "/page/stomp-transports.html");
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (stomp != null) {
            stomp.close();
        }
        assertEquals(Set.of("websocket", "xhr-streaming", "xhr-polling", "eventsource", "htmlfile",
                "jsonp-polling"), recorder.transports());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.sockjs.harness.browser.SockJsClientTransports#all")
    void stompRoundTripOverTransport(String transport) {
        String text = "hello over " + transport + ": 100% </script> zażółć \u2028 \"quoted\"";
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.asyncJs(
                "var done = arguments[arguments.length - 1];"
                        + "window.runTransport(arguments[0], arguments[1]).then(done);", transport, text);
        assertNull(result.get("error"), () -> transport + ": " + result);
        assertEquals(transport, result.get("transport"));
        assertEquals(text, result.get("body"));
        assertEquals("text/plain", result.get("contentType"));
    }
}
