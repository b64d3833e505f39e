package dev.sockjs.harness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.DemoServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built demo WAR on embedded Jetty (WebAppContext), used in headless Chromium: every transport of the
 * picker, and a chat between two separate browsers. Screenshots go to {@code target/screenshots}.
 */
class DemoOnJettyTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static DemoServer demo;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start("127.0.0.1", 0, DemoServer.defaultWar());
        browser = new Chromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "auto, websocket",
        "websocket, websocket",
        "xhr-streaming, xhr-streaming",
        "xhr-polling, xhr-polling",
        "eventsource, eventsource",
        "iframe-htmlfile, iframe-htmlfile",
        "iframe-eventsource, iframe-eventsource",
        "iframe-xhr-polling, iframe-xhr-polling",
        "jsonp-polling, jsonp-polling",
    })
    void eachTransportOfThePickerEchoes(String picked, String expected) throws Exception {
        DemoPage page = new DemoPage(browser).open(demo.url(), picked);
        assertEquals(expected, page.transportInUse());
        page.echo("hello over " + picked + ": 100% </script> zażółć");
        assertTrue(page.roundTrip().endsWith(" ms"));
        page.screenshot(SCREENSHOTS.resolve("demo-" + picked + ".png"));
    }

    /** No console error (an invalid pattern, a missing icon), and the room field's own check works. */
    @Test
    void thePageLoadsCleanlyAndChecksTheRoomName() {
        browser.consoleErrors();
        new DemoPage(browser).open(demo.url(), "auto");
        assertEquals(List.of(), browser.consoleErrors());
        browser.js("document.getElementById('room').value = 'Not a room!'");
        assertEquals(false, browser.js("return document.getElementById('room').checkValidity()"));
        browser.js("document.getElementById('room').value = 'kitchen-2'");
        assertEquals(true, browser.js("return document.getElementById('room').checkValidity()"));
        assertEquals(200L, browser.asyncJs("var done = arguments[arguments.length - 1];"
                + " fetch(document.querySelector('link[rel=icon]').href).then(function (r) { done(r.status); });"));
        assertEquals(List.of(), browser.consoleErrors(), "checking the pattern logs nothing either");
    }

    @Test
    void anUnknownTransportInTheAddressIsNamedAndAutoUsed() {
        DemoPage page = new DemoPage(browser).open(demo.url(), "carrier-pigeon");
        assertEquals("websocket", page.transportInUse());
        assertEquals("auto", browser.js("return document.getElementById('transport').value"));
        assertEquals("Unknown transport \"carrier-pigeon\" in the address: using auto.",
                browser.js("var n = document.getElementById('notice'); return n.hidden ? null : n.textContent"));
    }

    /** Connect switches the echo and the chat to the picked transport; the chat stays joined. */
    @Test
    void connectingOverAnotherTransportKeepsTheChat() {
        DemoPage page = new DemoPage(browser).open(demo.url(), "websocket");
        String room = "switch-" + System.nanoTime() % 10_000;
        page.join("ann", room);
        page.awaitChatOver("websocket", "ann", room);

        page.connectOver("xhr-streaming");
        page.awaitChatOver("xhr-streaming", "ann", room);
        page.awaitMembers(List.of("ann"));
        page.say("after the switch");
        page.awaitMessage("message", "ann", "after the switch");
        List<String> log = page.frameLog();
        assertEquals(List.of("open over websocket", "close switching transport", "open over xhr-streaming"),
                log.stream().filter(line -> line.startsWith("open") || line.startsWith("close")).toList(), "" + log);
    }

    /** The page's live panel reads the server's /metrics: it shows the page's own sessions and its messages. */
    @Test
    void theLivePanelShowsThisPagesSessions() {
        DemoPage page = new DemoPage(browser).open(demo.url(), "xhr-streaming");
        browser.awaitJs("window.demo.live.sessions['xhr-streaming'] >= 1");
        assertTrue(browser.driver().findElement(org.openqa.selenium.By.id("live-sessions")).getText()
                .contains("xhr-streaming"));
        page.echo("counted");
        browser.awaitJs("window.demo.live.history.some(function (h) { return h.in > 0 && h.out > 0; })");
        assertTrue(browser.js("return document.getElementById('live-line-in').getAttribute('points')").toString()
                .contains(","), "the sparkline is drawn");
    }

    @Test
    void theEchoConnectionComesBackAfterItCloses() {
        DemoPage page = new DemoPage(browser).open(demo.url(), "xhr-streaming");
        browser.js("window.demo.echo.socket.close()");
        browser.awaitJs("window.demo.echo.state === 'reconnecting'");
        browser.awaitJs("window.demo.echo.state === 'open'");
        page.echo("back again");
    }

    @Test
    void twoBrowsersChatInARoomAndWhisper() throws Exception {
        try (Chromium other = new Chromium()) {
            DemoPage ann = new DemoPage(browser).open(demo.url(), "websocket");
            DemoPage bob = new DemoPage(other).open(demo.url(), "xhr-streaming");
            ann.join("ann", "lobby");
            bob.join("bob", "lobby");
            ann.awaitMembers(List.of("ann", "bob"));
            bob.awaitMembers(List.of("ann", "bob"));

            ann.say("hello bob");
            bob.awaitMessage("message", "ann", "hello bob");
            bob.say("hi ann");
            ann.awaitMessage("message", "bob", "hi ann");

            ann.whisper("bob", "just between us");
            bob.awaitMessage("private", "ann", "just between us");
            ann.awaitMessage("private", "ann", "just between us");
            ann.screenshot(SCREENSHOTS.resolve("demo-chat.png"));
        }
        DemoPage ann = new DemoPage(browser);
        ann.awaitMembers(List.of("ann"));
    }
}
