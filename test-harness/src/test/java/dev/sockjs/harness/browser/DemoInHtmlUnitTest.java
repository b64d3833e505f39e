package dev.sockjs.harness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockjs.harness.DemoServer;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo page in HtmlUnit, for the transports its JavaScript engine can run. The streaming ones
 * (xhr-streaming, eventsource, htmlfile) it cannot: its XMLHttpRequest hands over a response only when it is
 * complete, and it has no EventSource. Nor can it run the chat, whose STOMP library its JavaScript engine cannot
 * parse; Chromium covers those.
 */
class DemoInHtmlUnitTest {

    private static DemoServer demo;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start("127.0.0.1", 0, DemoServer.defaultWar());
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    private static Object js(HtmlPage page, String expression) {
        return page.executeJavaScript(expression).getJavaScriptResult();
    }

    private static void await(WebClient browser, HtmlPage page, String expression, Object expected) {
        for (int i = 0; i < 100 && !expected.equals(js(page, expression)); i++) {
            browser.waitForBackgroundJavaScript(100);
        }
        assertEquals(expected, js(page, expression), expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "xhr-polling", "iframe-xhr-polling", "jsonp-polling"})
    void connectsOverTransport(String transport) throws Exception {
        try (WebClient browser = newBrowser()) {
            HtmlPage page = browser.getPage(demo.url() + "?transport=" + transport);
            await(browser, page, "window.demo.echo.state", "open");
            assertEquals(transport, page.getElementById("transport-in-use").getTextContent());
            page.<HtmlButton>getHtmlElementById("disconnect").click();
        }
    }

    /**
     * Over websocket the echo round trip completes in HtmlUnit. Over its polling transports it does not within
     * the wait: HtmlUnit only connects them; Chromium (DemoOnJettyTest) runs the echo over every transport.
     */
    @ParameterizedTest
    @ValueSource(strings = {"websocket"})
    void echoesOverTransport(String transport) throws Exception {
        try (WebClient browser = newBrowser()) {
            HtmlPage page = browser.getPage(demo.url() + "?transport=" + transport);
            await(browser, page, "window.demo.echo.state", "open");
            String text = "hello from HtmlUnit over " + transport;
            page.<HtmlInput>getHtmlElementById("echo-text").type(text);
            page.<HtmlButton>getHtmlElementById("echo-send").click();
            await(browser, page, "window.demo.echo.lastEcho", text);
            assertEquals(text, page.getElementById("last-echo").getTextContent());
            page.<HtmlButton>getHtmlElementById("disconnect").click();
        }
    }

    private static WebClient newBrowser() {
        WebClient browser = new WebClient(BrowserVersion.CHROME);
        // HtmlUnit's JavaScript engine cannot parse the @stomp/stompjs bundle (it uses optional chaining);
        // only the chat needs it, so the echo panel runs regardless.
        browser.getOptions().setThrowExceptionOnScriptError(false);
        return browser;
    }
}
