package dev.sockjs.harness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.harness.TestServices;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import jakarta.servlet.ServletContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A service restricted to one origin, used from two pages in headless Chromium: a page of the allowed origin
 * echoes over every sockjs-client transport that works across origins (all but htmlfile, which sockjs-client
 * offers only to pages of the service's own origin); a page of another origin gets nothing over any transport,
 * the script-loaded jsonp-polling and the framed iframe-* transports included. The three servers differ by port,
 * so the pages and the service are all different origins.
 */
class OriginsInBrowserTest {

    private static final String SOCKJS_CLIENT = "/webjars/sockjs-client/1.6.1/dist/sockjs.min.js";

    private static ProtocolTestServer allowedPages;
    private static ProtocolTestServer foreignPages;
    private static ProtocolTestServer service;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        allowedPages = ProtocolTestServer.start("127.0.0.1", 0, OriginsInBrowserTest::servePages);
        foreignPages = ProtocolTestServer.start("127.0.0.1", 0, OriginsInBrowserTest::servePages);
        service = ProtocolTestServer.start("127.0.0.1", 0, context -> {
            SockJsServlet.register(context, "/echo", TestServices.ECHO, SockJsOptions.builder()
                    .allowedOrigins(List.of(allowedPages.url())).clientLibraryUrl(SOCKJS_CLIENT).build());
            servePages(context);
        });
        browser = new Chromium();
    }

    private static void servePages(ServletContext context) {
        context.addServlet("webjars", new ClasspathServlet("META-INF/resources/webjars")).addMapping("/webjars/*");
        context.addServlet("pages", new ClasspathServlet("browser")).addMapping("/page/*");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        for (ProtocolTestServer server : new ProtocolTestServer[] {service, foreignPages, allowedPages}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tryFrom(ProtocolTestServer pages, String transport) {
        browser.open(pages.url() + "/page/origin-transports.html");
        return (Map<String, Object>) browser.asyncJs("var done = arguments[arguments.length - 1];"
                + "window.tryTransport(arguments[0], arguments[1], 'hello').then(done);",
                service.url() + "/echo", transport);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"websocket, true", "xhr-streaming, true", "xhr-polling, true", "eventsource, true",
        "htmlfile, false", "iframe-eventsource, true", "iframe-htmlfile, true", "iframe-xhr-polling, true",
        "jsonp-polling, true"})
    void onlyTheAllowedOriginsPageGetsASession(String transport, boolean crossOrigin) {
        if (crossOrigin) {
            Map<String, Object> allowed = tryFrom(allowedPages, transport);
            assertNull(allowed.get("error"), () -> transport + " from the allowed origin: " + allowed);
            assertEquals(transport, allowed.get("transport"));
            assertEquals("hello", allowed.get("echoed"));
        }

        Map<String, Object> foreign = tryFrom(foreignPages, transport);
        assertNotNull(foreign.get("error"), () -> transport + " from a foreign origin: " + foreign);
        assertNull(foreign.get("echoed"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scriptTagFrom(ProtocolTestServer pages) {
        browser.open(pages.url() + "/page/origin-transports.html");
        return (Map<String, Object>) browser.asyncJs("var done = arguments[arguments.length - 1];"
                + "window.tryScriptTag(arguments[0]).then(done);", service.url() + "/echo");
    }

    /** The browser sends no Origin for a script load: the Referer and Sec-Fetch-Site tell where it comes from. */
    @Test
    void aForeignPageCannotReadASessionThroughAScriptTag() {
        assertEquals("o", scriptTagFrom(allowedPages).get("frame"));
        Map<String, Object> foreign = scriptTagFrom(foreignPages);
        assertEquals("script refused", foreign.get("error"), foreign::toString);
    }
}
